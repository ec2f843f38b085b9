"""The push API's description page: for the service centre's staff, loaded from 'self' only."""

import pytest
from django.urls import reverse

DOCS = "/halldata/api/v1/docs/"


def test_the_docs_url_is_where_the_tokens_page_links(county, client_for):
    assert reverse("halldata:api:docs") == DOCS
    page = client_for(county.center_staff).get(reverse("halldata:tokens")).content.decode()
    assert f'href="{DOCS}"' in page


def test_centre_staff_get_the_page_with_vendored_swagger_ui_and_no_inline_script(county, client_for):
    r = client_for(county.center_staff).get(DOCS)
    assert r.status_code == 200
    page = r.content.decode()
    assert "推送接口说明" in page
    assert 'data-openapi-url="/halldata/api/v1/openapi.json"' in page
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js" defer></script>' in page
    assert '<script src="/static/halldata/api-docs.js" defer></script>' in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()


@pytest.mark.parametrize("who", ["liaison", "other_liaison", "head", "inspector"])
def test_anyone_else_signed_in_gets_404(county, client_for, who):
    assert client_for(getattr(county, who)).get(DOCS).status_code == 404


def test_without_a_login_the_page_sends_to_the_login_form(client):
    r = client.get(DOCS)
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


def test_the_description_the_vendors_read_is_in_chinese(county, client_for):
    info = client_for(county.center_staff).get("/halldata/api/v1/openapi.json").json()["info"]
    assert "叫号机、话务系统、评价器" in info["description"]
    assert "Authorization: Bearer" in info["description"]
