"""passages._line_after: the title found in the part's lines joined once (lookup.part_text) and notes found a block
at a time read the line a line-by-line reading reads."""

import random
from types import SimpleNamespace

from checks.support.passages import _line_after
from tests.golden_findings import documents
from tests.support.pieces import joined_pieces


def _line_by_line(doc, text: str, first: int) -> int | None:
    wanted, lines = text.strip(), doc.lines
    for number in range(first, min(doc.end_line, len(lines)) + 1):
        if lines[number - 1].strip() == wanted:
            return number
    return None


def test_random_lines_read_alike():
    pieces = ["", "\t", "标题", " 标题", "标题 ", "题", "标", "x\ny", "\n", "\u3000", "\t标题"]
    rnd = random.Random(16)
    for _ in range(20000):
        count = rnd.randint(0, 9)
        lines = tuple(joined_pieces(rnd, pieces, 3) for _ in range(count))
        doc = SimpleNamespace(lines=lines, line=rnd.randint(1, count + 1), end_line=rnd.randint(0, count + 2))
        text = joined_pieces(rnd, pieces[:7], 2)
        first = doc.line if rnd.random() < 0.7 else rnd.randint(1, count + 1)
        if "\n" not in text.strip() and text.strip():
            assert _line_after(doc, text, first) == _line_by_line(doc, text, first), (lines, text, first)


def test_titles_and_notes_of_the_documents_read_alike():
    from parsing import parse

    for path in documents():
        for part in parse(path.name, path.read_bytes()).parts():
            generic = [g for g in (part.organisations, part.procurement, part.assets) if g is not None]
            for text, first in [(part.title, part.line), *((g.empty_note, g.line) for g in generic)]:
                if text and text.strip() and "\n" not in text.strip():
                    assert _line_after(part, text, first) == _line_by_line(part, text, first)
