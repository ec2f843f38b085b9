import pytest

from wicket.checklist import services
from wicket.checklist.models import Checklist


def test_the_notice_checklist_has_six_categories_and_thirteen_points(db):
    checklist = services.checklist_load()
    cats = list(checklist.items.filter(parent__isnull=True).values_list("code", flat=True))
    pts = list(checklist.items.filter(parent__isnull=False).order_by("order").values_list("code", flat=True))
    assert cats == ["1", "2", "3", "4", "5", "6"]
    assert pts == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "4.3", "5", "6"]
    assert "兜底条款" in checklist.items.get(code="1.1").text
    assert services.checklist_load() == checklist  # loading twice keeps one version


def test_a_copy_keeps_every_point_and_its_parent(db):
    source = services.checklist_load()
    copy = services.checklist_copy(source=source, version="2019-05", name="2019年排查清单")
    assert copy.based_on == source
    assert list(copy.items.values_list("code", "title", "parent__code")) == \
        list(source.items.values_list("code", "title", "parent__code"))
    assert not copy.items.filter(parent__checklist=source).exists()


def test_a_checklist_in_use_cannot_be_edited_but_its_copy_can(county, campaign):
    used = campaign.checklist
    item = used.items.get(code="1.3")
    with pytest.raises(services.CampaignError, match="复制一份"):
        services.checklist_item_update(item=item, title="改", text="")
    copy = services.checklist_copy(source=used, version="2019-05", name="2019年排查清单")
    edited = services.checklist_item_update(item=copy.items.get(code="1.3"), title="咨询电话和网上咨询不回复",
                                            text="电话不通，网上留言三个工作日内未回复")
    assert edited.title == "咨询电话和网上咨询不回复"
    assert used.items.get(code="1.3").title == "咨询电话不通"
    new = services.checklist_point_add(checklist=copy, category=copy.items.get(code="1", parent=None), code="1.5",
                                       title="政务公开栏信息过期")
    codes = list(copy.items.filter(parent__code="1").order_by("order").values_list("code", flat=True))
    assert codes == ["1.1", "1.2", "1.3", "1.4", "1.5"] and new.parent.code == "1"


def test_a_later_campaign_uses_the_edited_copy(county, campaign):
    copy = services.checklist_copy(source=campaign.checklist, version="2019-05", name="2019年排查清单")
    later = services.campaign_create_from_notice(year=2027, units=[county.unit])
    later2 = services.campaign_create(name="2027年回头看", checklist=copy, units=[county.unit],
                                      phases=[("self_inspection", later.phases.first().starts_on,
                                               later.phases.first().deadline)])
    assert later2.checklist == copy and Checklist.objects.count() == 2


def test_a_duplicate_version_is_refused_with_its_name(county, campaign):
    with pytest.raises(services.CampaignError, match="2018-05"):
        services.checklist_copy(source=campaign.checklist, version="2018-05", name="x")


def test_the_supervisor_copies_and_edits_in_the_browser_and_others_get_404(county, campaign, client_for):
    from django.urls import reverse

    c = client_for(county.supervisor)
    r = c.post(reverse("campaigns:checklist_copy", args=[campaign.checklist.pk]),
               {"version": "2019-05", "name": "2019年清单"})
    copy = Checklist.objects.get(version="2019-05")
    assert r["Location"] == reverse("campaigns:checklist", args=[copy.pk])
    item = copy.items.get(code="4.1")
    c.post(reverse("campaigns:checklist_item", args=[copy.pk, item.pk]), {"title": "复印服务", "text": "免费复印"})
    item.refresh_from_db()
    assert item.text == "免费复印"
    assert "免费复印" in c.get(reverse("campaigns:checklist", args=[copy.pk])).content.decode()
    for user in (county.liaison, county.other_liaison, county.head, county.center_staff):
        other = client_for(user)
        assert other.get(reverse("campaigns:checklists")).status_code == 404
        assert other.get(reverse("campaigns:checklist", args=[copy.pk])).status_code == 404
        assert other.post(reverse("campaigns:checklist_item", args=[copy.pk, item.pk]),
                          {"title": "x", "text": "y"}).status_code == 404
        assert other.post(reverse("campaigns:checklist_copy", args=[copy.pk]),
                          {"version": "z", "name": "z"}).status_code == 404
    item.refresh_from_db()
    assert item.title == "复印服务" and Checklist.objects.count() == 2
