"""A document's lines as one text, as the whole-document passes scan it (the long-digit guard, layout detection,
the block split): parsing.parse_lines joins them once and hands the text down."""

from __future__ import annotations

from collections.abc import Sequence


def joined_lines(lines: Sequence[str]) -> str:
    """ "\\n" + the lines joined by "\\n": each line then opens after a "\\n" (a TAB line after "\\n\\t").

    >>> joined_lines(["a", "\\tb"])
    '\\na\\n\\tb'
    """
    return "\n" + "\n".join(lines)
