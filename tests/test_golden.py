"""Every document in tests/data gives exactly its golden findings (rewrite them with `make golden`)."""

from __future__ import annotations

import pytest

from tests.golden_findings import documents, findings_text, golden_path


def test_every_document_has_a_golden_file():
    assert len(documents()) >= 11
    assert all(golden_path(d).exists() for d in documents())


@pytest.mark.parametrize("document", documents(), ids=lambda p: p.name)
def test_findings_match_golden(document):
    assert findings_text(document) == golden_path(document).read_text(encoding="utf-8")
