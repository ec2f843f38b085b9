import pytest

from wicket.registry.models import Hall, HallKind

from . import helpers


@pytest.fixture
def halls(county):
    class Halls:
        town = Hall.objects.create(unit=county.unit, name=helpers.HALL, kind=HallKind.CITIZEN_CENTER, window_count=4)
        other = Hall.objects.create(unit=county.other_unit, name="市场主体登记窗口", kind=HallKind.WINDOW, window_count=2)

    return Halls


@pytest.fixture
def upload_file(client_for, county):
    """upload_file(kind, name, data, hall=None) -> response of the upload POST, as the centre's staff."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(county.center_staff)

    def post(kind, name, data, hall=None):
        form = {"kind": kind, "file": SimpleUploadedFile(name, data)}
        if hall is not None:
            form["hall"] = hall.pk
        return client.post("/halldata/uploads/new/", form)

    post.client = client
    return post
