import pytest

from wicket.problems import services
from wicket.problems.errors import ProblemError
from wicket.problems.models import ProblemEvent, Status

from .factories import make_problem


@pytest.fixture
def problem(county):
    return make_problem(county.unit, county.liaison)


def test_a_new_problem_waits_for_rectification_and_has_a_create_event(problem):
    assert problem.status == Status.PENDING
    assert list(problem.events.values_list("action", flat=True)) == ["create"]


def test_the_full_path_to_closure_is_recorded_on_the_timeline(county, problem):
    services.problem_transition(problem=problem, action="start", by=county.liaison)
    services.problem_transition(problem=problem, action="submit", by=county.head, note="已整改")
    services.problem_transition(problem=problem, action="send_back", by=county.supervisor, note="照片不清楚")
    services.problem_transition(problem=problem, action="submit", by=county.liaison)
    p = services.problem_transition(problem=problem, action="close", by=county.supervisor)
    assert p.status == Status.CLOSED and p.closed_at is not None
    events = list(p.events.values_list("action", "from_status", "to_status", "by__username"))
    assert events[1:] == [
        ("start", "pending", "in_progress", "liaison"),
        ("submit", "in_progress", "awaiting_verification", "head"),
        ("send_back", "awaiting_verification", "in_progress", "supervisor"),
        ("submit", "in_progress", "awaiting_verification", "liaison"),
        ("close", "awaiting_verification", "closed", "supervisor"),
    ]
    assert p.events.get(action="send_back").note == "照片不清楚"


@pytest.mark.parametrize("who", ["liaison", "head", "other_liaison", "inspector", "center_staff"])
def test_only_the_supervisor_may_close(county, problem, who):
    services.problem_transition(problem=problem, action="submit", by=county.liaison)
    with pytest.raises(ProblemError, match="只有县督查室"):
        services.problem_transition(problem=problem, action="close", by=getattr(county, who))
    problem.refresh_from_db()
    assert problem.status == Status.AWAITING_VERIFICATION


def test_a_stranger_cannot_move_another_units_problem(county, problem):
    with pytest.raises(ProblemError, match="本单位"):
        services.problem_transition(problem=problem, action="start", by=county.other_liaison)


def test_sending_back_needs_a_reason(county, problem):
    services.problem_transition(problem=problem, action="submit", by=county.liaison)
    with pytest.raises(ProblemError, match="理由"):
        services.problem_transition(problem=problem, action="send_back", by=county.supervisor, note="  ")
    assert not problem.events.filter(action="send_back").exists()


def test_an_illegal_transition_is_refused_with_the_current_state(county, problem):
    with pytest.raises(ProblemError, match="待整改"):
        services.problem_transition(problem=problem, action="close", by=county.supervisor)


def test_a_second_save_from_a_stale_form_is_refused_and_the_first_is_kept(county, problem):
    v = problem.version
    services.problem_rectify(problem=problem, by=county.liaison, version=v, measures="先到先得", responsible="李",
                             deadline=None, deadline_workdays=None, immediate=False)
    with pytest.raises(ProblemError, match="其他人已修改"):
        services.problem_rectify(problem=problem, by=county.head, version=v, measures="后来者", responsible="王",
                                 deadline=None, deadline_workdays=None, immediate=True)
    problem.refresh_from_db()
    assert problem.measures == "先到先得" and problem.immediate is False
    assert problem.events.filter(action=ProblemEvent.Action.EDIT).count() == 1


def test_every_change_is_kept_in_the_history(county, problem):
    services.problem_rectify(problem=problem, by=county.liaison, version=problem.version, measures="修订指南",
                             responsible="李经办", deadline=None, deadline_workdays=None, immediate=True)
    records = list(problem.history.order_by("history_date"))
    assert [r.measures for r in records] == ["", "修订指南"]
    assert records[-1].immediate is True
