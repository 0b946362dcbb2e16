"""A document's lines joined once: layout detection and the block split both scan "\\n" + the lines joined."""

from __future__ import annotations

from collections.abc import Sequence

# The last lines joined (parsing.document detects the layout, then splits the same lines): one entry, replaced
# whole, so a thread reading it sees a pair that belongs together.
_last: tuple[tuple[str, ...], str] | None = None


def joined_lines(lines: Sequence[str]) -> str:
    """ "\\n" + the lines joined by "\\n"; the string made for the previous call when the lines are equal (the
    element-wise comparison finds the very same strings at once: cheaper than joining them again).

    >>> joined_lines(["a", "\\tb"]), joined_lines(("a", "\\tb")) is joined_lines(["a", "\\tb"])
    ('\\na\\n\\tb', True)
    """
    global _last
    snapshot = lines if type(lines) is tuple else tuple(lines)  # a list passed in may change later
    known = _last
    if known is not None and known[0] == snapshot:
        return known[1]
    joined = "\n" + "\n".join(snapshot)
    _last = (snapshot, joined)
    return joined
