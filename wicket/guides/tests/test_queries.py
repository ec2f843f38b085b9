"""List pages use a bounded number of queries, however many guides there are."""

import pytest
from django.urls import reverse

from wicket.guides import services
from wicket.guides.models import Guide

from .conftest import as_json, faulty, guide


@pytest.fixture
def many(county):
    guides = [faulty(code=f"C{i}", name=f"事项{i}") for i in range(40)] + [guide(department="城关镇", code="T1")]
    services.import_guides(name="many.json", data=as_json(*guides), by=county.center_staff)
    services.import_guides(name="p.json", data=as_json(*[faulty(code=f"C{i}", name=f"事项{i}（新办）",
                                                                 source="省政务服务网") for i in range(20)]),
                           by=county.center_staff, send=True)


@pytest.mark.parametrize("url", ["guides:list", "guides:overview", "guides:imports"])
def test_county_pages_use_a_bounded_number_of_queries(county, client_for, many, django_assert_max_num_queries, url):
    c = client_for(county.center_staff)
    with django_assert_max_num_queries(14):
        assert c.get(reverse(url)).status_code == 200


def test_the_department_page_uses_a_bounded_number_of_queries(county, client_for, many,
                                                                django_assert_max_num_queries):
    c = client_for(county.center_staff)
    with django_assert_max_num_queries(14):
        assert c.get(reverse("guides:unit", args=[county.other_unit.pk]) + "?kind=catch_all_clause").status_code == 200


def test_the_guide_page_uses_a_bounded_number_of_queries(county, client_for, many, django_assert_max_num_queries):
    c = client_for(county.other_liaison)
    pk = Guide.objects.filter(source="省政务服务网").first().pk
    with django_assert_max_num_queries(14):
        assert c.get(reverse("guides:guide", args=[pk])).status_code == 200
