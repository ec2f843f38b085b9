"""Whatever bytes arrive, the web import reads guides or names the fault; it never crashes."""

import json
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.common import InputError
from analysis.guides import check_guides
from wicket.guides.marking import guide_layout
from wicket.guides.services import guide_to_data, read_upload

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["name", "department", "materials", "steps", "fee", "visits", "x"]),
                               inner, max_size=5), max_leaves=20)


def _read(name, data):
    try:
        return read_upload(name=name, data=data)
    except InputError as exc:
        assert exc.message and exc.file == name
        return None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["g.json", "g.jsonl", "g.xlsx", "g"]))
def test_arbitrary_bytes_give_guides_or_an_input_error(data, name):
    _read(name, data)


@settings(max_examples=150, deadline=None)
@given(st.lists(json_values, max_size=4))
def test_arbitrary_json_gives_guides_that_can_be_shown(values):
    guides = _read("g.json", json.dumps(values, ensure_ascii=False).encode("utf-8"))
    findings = check_guides(guides or [])
    for i, g in enumerate(guides or ()):
        mine = [SimpleNamespace(kind=f.kind, where=f.where, text=f.text, data=f.to_dict())
                for f in findings if f.guide_index == i]
        guide_layout(guide_to_data(g), mine)
