"""An upload that overlaps an earlier one replaces the overlap: nothing is counted twice."""

from wicket.halldata import services
from wicket.halldata.models import Call, Rating, Snapshot, Ticket

from .helpers import CALL_FIELDS, RATING_FIELDS, call, csv_bytes, four_tickets, rating, tickets_gbk


def _store(county, kind, data, name="log.csv"):
    return services.import_log(kind=kind, name=name, data=data, by=county.center_staff)


def test_the_same_days_uploaded_again_replace_the_tickets_of_those_days(county, halls):
    _store(county, "tickets", tickets_gbk(four_tickets("2026-03-02", "A")))
    second = _store(county, "tickets", tickets_gbk(four_tickets("2026-03-02", "B") + four_tickets("2026-03-03", "C")))
    assert (second.row_count, second.replaced_count) == (8, 4)
    assert Ticket.objects.count() == 8
    assert sorted(Ticket.objects.values_list("ticket_id", flat=True))[:4] == ["B1", "B2", "B3", "B4"]
    assert Snapshot.objects.get(hall=halls.town).rows == 8


def test_a_ticket_id_already_stored_for_another_day_is_refused_and_nothing_changes(county, halls):
    import pytest

    from analysis.common import InputError

    _store(county, "tickets", tickets_gbk(four_tickets("2026-03-02", "A")))
    with pytest.raises(InputError) as err:
        _store(county, "tickets", tickets_gbk(four_tickets("2026-03-03", "A")))
    assert (err.value.row, err.value.column) == (2, "ticket_id")
    assert Ticket.objects.count() == 4 and set(Ticket.objects.values_list("day", flat=True)) == {
        __import__("datetime").date(2026, 3, 2)}


def test_calls_with_the_same_call_id_replace_the_stored_ones(county):
    first = [call(f"C{i}", "0557-1", "城关镇", f"2026-03-02 09:0{i}:00", i != 3) for i in range(1, 4)]
    _store(county, "calls", csv_bytes(first, fields=CALL_FIELDS))
    again = [call("C3", "0557-1", "城关镇", "2026-03-02 09:03:00", True),
             call("C4", "0557-1", "城关镇", "2026-03-02 09:04:00", True)]
    upload = _store(county, "calls", csv_bytes(again, fields=CALL_FIELDS))
    assert (upload.row_count, upload.replaced_count, Call.objects.count()) == (2, 1, 4)
    assert Call.objects.filter(answered=True).count() == 4
    assert Snapshot.objects.get(key=f"calls:unit:{county.unit.pk}").headline["answer_rate"] == 1.0


def test_ratings_with_the_same_rating_id_replace_the_stored_ones(county):
    rows = [rating("R1", "城关镇", "综合窗口1", "2026-03-02 09:00:00", 5),
            rating("R2", "城关镇", "综合窗口1", "2026-03-02 10:00:00", 1, comment="态度差")]
    _store(county, "ratings", csv_bytes(rows, fields=RATING_FIELDS))
    rows[1]["handled_at"] = "2026-03-03 10:00:00"
    upload = _store(county, "ratings", csv_bytes(rows, fields=RATING_FIELDS))
    assert (upload.replaced_count, Rating.objects.count()) == (2, 2)
    assert Rating.objects.get(rating_id="R2").handled_at is not None
