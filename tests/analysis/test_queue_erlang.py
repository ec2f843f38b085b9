"""Erlang C against published values, hand-computed small cases, exact arithmetic at 500 windows."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.queueing import erlang

# 100 arrivals per 30 minutes = 200 per hour, 180 s = 3 minutes, target 20 s = 1/3 minute (A = 10 Erlang)
PUBLISHED = [(14, 0.888), (11, 0.390)]


@pytest.mark.parametrize(("windows", "level"), PUBLISHED)
def test_service_level_matches_the_published_call_centre_example(windows, level):
    assert round(erlang.service_level(windows, 200, 3, 1 / 3), 3) == level


def test_the_published_example_needs_14_windows_for_88_8_percent_and_15_for_88_9():
    assert erlang.windows_needed(200, 3, 1 / 3, 0.888) == 14
    assert erlang.windows_needed(200, 3, 1 / 3, 0.889) == 15


@pytest.mark.parametrize(("servers", "load", "b", "c"), [
    (1, 0.5, 1 / 3, 0.5),  # M/M/1: waiting probability = utilisation
    (2, 1.0, 0.2, 1 / 3),  # B = (1/2)/(1 + 1 + 1/2); C = 2B / (2 − (1 − B))
    (3, 2.0, 4 / 19, 4 / 9),
])
def test_erlang_b_and_c_match_hand_computation(servers, load, b, c):
    assert erlang.erlang_b(servers, load) == pytest.approx(b)
    assert erlang.erlang_c(servers, load) == pytest.approx(c)


def test_mean_wait_of_mm1_is_rho_s_over_one_minus_rho():
    # λ = 6/h, s = 5 min: ρ = 0.5, W = 0.5 × 5 / 0.5 = 5 minutes
    assert erlang.mean_wait(1, 6, 5) == pytest.approx(5)
    assert erlang.occupancy(1, 6, 5) == pytest.approx(0.5)


@pytest.mark.parametrize(("servers", "load"), [(10, 10.0), (10, 12.0), (0, 1.0)])
def test_an_overloaded_hall_never_catches_up(servers, load):
    assert erlang.erlang_c(servers, load) == 1.0
    assert erlang.service_level(servers, load * 60 / 3, 3, 1) == 0.0
    assert erlang.mean_wait(servers, load * 60 / 3, 3) == math.inf


def test_no_demand_means_no_wait_and_no_windows():
    assert erlang.erlang_c(3, 0) == 0.0 and erlang.windows_needed(0, 5, 10, 0.8) == 0


def _exact_b(servers: int, load: int) -> Fraction:
    terms = [Fraction(load**k, math.factorial(k)) for k in range(servers + 1)]
    return terms[-1] / sum(terms)


def test_it_stays_finite_and_exact_at_500_windows():
    b = erlang.erlang_b(500, 490)
    assert b == pytest.approx(float(_exact_b(500, 490)), rel=1e-10)
    exact_c = 500 * _exact_b(500, 490) / (500 - 490 * (1 - _exact_b(500, 490)))
    assert erlang.erlang_c(500, 490) == pytest.approx(float(exact_c), rel=1e-10)
    assert math.isfinite(erlang.mean_wait(500, 490 * 20, 3))
    assert erlang.windows_needed(490 * 20, 3, 1 / 3, 0.8) >= 491


@given(st.integers(1, 600), st.floats(0.01, 0.999))
def test_probabilities_stay_between_zero_and_one_and_c_is_at_least_b(servers, share):
    load = servers * share
    b, c = erlang.erlang_b(servers, load), erlang.erlang_c(servers, load)
    assert 0 <= b <= c <= 1


@given(st.integers(1, 40), st.integers(0, 40))
def test_the_recursion_equals_the_factorial_formula(servers, load):
    assert erlang.erlang_b(servers, load) == pytest.approx(float(_exact_b(servers, load)), rel=1e-9)


@given(st.floats(1, 600), st.floats(1, 30), st.floats(0.5, 60), st.floats(0.05, 0.99))
def test_windows_needed_is_the_fewest_that_meet_the_goal(lam, s, t, goal):
    c = erlang.windows_needed(lam, s, t, goal)
    assert erlang.service_level(c, lam, s, t) >= goal
    assert c <= 1 or erlang.service_level(c - 1, lam, s, t) < goal


def test_staffing_for_reports_every_figure_the_cli_prints():
    d = erlang.staffing_for(200, 3, 1 / 3, 0.8).to_dict()
    assert 12 <= d["windows"] <= 14  # 11 windows give 39.0%, 14 give 88.8%
    assert set(d) >= {"windows", "wait_probability", "service_level", "mean_wait_minutes", "occupancy"}
    assert d["occupancy"] == pytest.approx(10 / d["windows"], abs=1e-4)


@pytest.mark.parametrize("bad", [(-1, 1.0), (1.5, 1.0), (3, -1.0), (3, math.inf)])
def test_it_refuses_nonsense(bad):
    with pytest.raises(ValueError):
        erlang.erlang_b(*bad)  # type: ignore[arg-type]
