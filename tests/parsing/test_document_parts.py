"""Parts and sections are built without validation (parsing.model.trusted): they must equal validated ones."""

from __future__ import annotations

import pytest

from parsing.model import BudgetDocument, Section
from tests.conftest import seed_doc


def _validated(model):
    """The same model built by pydantic validation from the values it was given."""
    return type(model)(**{name: getattr(model, name) for name in model.model_fields_set})


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_documents_and_sections_equal_validated_ones(prefix):
    doc = seed_doc(prefix)
    for part in doc.parts():
        again = _validated(part)
        assert part == again
        assert part.model_fields_set == again.model_fields_set
        assert list(part.__dict__) == list(BudgetDocument.model_fields)  # declaration order, as validation
        for section in part.sections:
            assert section == _validated(section)
            assert list(section.__dict__) == list(Section.model_fields)
    assert {"units", "lines"} <= doc.model_fields_set
    assert all("units" not in u.model_fields_set and "lines" in u.model_fields_set for u in doc.units)


def test_a_document_copies_with_an_update():
    doc = seed_doc("000")
    copy = doc.model_copy(update={"pages": (1,)})
    assert copy.pages == (1,) and "pages" in copy.model_fields_set and "pages" not in doc.model_fields_set
