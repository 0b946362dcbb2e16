"""How the parser's frozen models are made: the shared base, and instances built from values already typed
(without validating them again)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


M = TypeVar("M", bound=BaseModel)


_new = object.__new__
# BaseModel's own slot descriptors, called directly: object.__setattr__ would look each one up through the
# class's MRO on every call (no model here declares slots of its own, so these are the ones it resolves to).
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[name].__set__
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


def trusted(cls: type[M], data: dict[str, Any], given: set[str]) -> M:
    """A model instance from values already in their final types, without validating them again.

    For the parser's hottest models (an Amount per table cell): validation costs more than reading the cell.
    `data` holds every field in declaration order (as validation leaves ``__dict__``), `given` the names the
    validated call would have been passed (``model_fields_set``); the instance then equals and dumps like the
    validated one.

    >>> from decimal import Decimal
    >>> from parsing.model import Amount, AmountStatus
    >>> fields = {"raw": "1.50", "value": Decimal("1.50"), "status": AmountStatus.VALUE, "unit": None,
    ...           "decimals": 2, "line": 3}
    >>> a = trusted(Amount, fields, {"raw", "value", "status", "decimals", "line"})
    >>> a == Amount(raw="1.50", value=Decimal("1.50"), status=AmountStatus.VALUE, decimals=2, line=3)
    True
    >>> a.model_dump_json() == Amount.model_validate(fields).model_dump_json()
    True
    """
    instance = _new(cls)
    _set_dict(instance, data)
    _set_fields_set(instance, given)
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


def replaced(model: M, **update: Any) -> M:
    """``model.model_copy(update=update)`` without pydantic's Python-level copy: the same ``__dict__`` (values
    replaced in place, so declaration order stays), ``model_fields_set`` and equality. Like model_copy, the new
    values are not validated.

    >>> from parsing.model import Amount
    >>> a = Amount(raw="1", line=3)
    >>> b = replaced(a, unit="元", line=4)
    >>> b == a.model_copy(update={"unit": "元", "line": 4}), b.model_fields_set == {"raw", "unit", "line"}, a.line
    (True, True, 3)
    >>> c = replaced(b, line=5)
    >>> c.model_fields_set == b.model_fields_set, a.model_fields_set == {"raw", "line"}
    (True, True)
    """
    data = model.__dict__.copy()
    data.update(update)
    given = model.__pydantic_fields_set__
    if not given.issuperset(update):
        given = given.union(update)
    # else shared: nothing changes a model's fields set once made (pydantic's model_copy copies it first)
    return trusted(type(model), data, given)
