"""Fuzz (hypothesis, bounded): every page shows a mutated seed, uploaded as an analyst would, without an
exception element; a file the parser rejects is listed as unreadable instead."""

from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.app.conftest import PAGES
from tests.parsing.test_fuzz import MUTATION, SEEDS, mutate


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(prefix=st.sampled_from(sorted(SEEDS)), mutations=st.lists(MUTATION, min_size=1, max_size=6))
def test_pages_show_a_mutated_seed_without_an_exception(app, prefix, mutations):
    # one app for all examples (function-scoped fixture): each example adds its file and shows it
    data = "\n".join(mutate(SEEDS[prefix], mutations)).encode("utf-8")
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:8]}.txt"
    app.switch_page("pages/findings.py")
    app.sidebar.file_uploader(key="uploads").set_value([(name, data, "text/plain")]).run()
    assert not app.exception, app.exception
    added = next((d for d in app.session_state["docs"].values() if d.name == name), None)
    event("shown" if added is not None else "unreadable")
    if added is not None:
        assert app.session_state["doc_picker"] == added.key  # the page shows the file just added
    else:
        assert any(e.name == name for e in app.session_state["load_errors"].values())
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
