"""The 目录 rule reads the parser's own split of the source lines instead of splitting the document again."""

from __future__ import annotations

from checks import load_rules, run_checks
from parsing import parse_lines
from parsing.blocks import Row, Text, document_blocks, split_blocks
from tests.conftest import seed_path

RULES = load_rules()


def _shape(blocks) -> list[tuple[str, int, str]]:
    return [(type(b).__name__, b.line, b.text if isinstance(b, Text) else "\t".join(b.texts)) for b in blocks]


def test_a_parsed_document_has_its_split_at_hand():
    lines = seed_path("002").read_text(encoding="utf-8").splitlines()
    doc = parse_lines("002.txt", lines)
    kept = document_blocks(doc.lines)
    assert kept is document_blocks(doc.lines)  # the same split, not a new one
    assert _shape(kept) == _shape(split_blocks(list(doc.lines)))
    assert sum(isinstance(b, Row) for b in kept) > 1000  # seed 002 is table-heavy: the split is worth keeping


def test_the_contents_rule_gives_the_same_findings_with_a_fresh_split():
    lines = [
        "某局2025年部门预算",
        "目录",
        "一、部门主要职能 …… 3",
        "二、部门机构设置 …… 4",
        "某局主要职能",
        "一、部门主要职能",
        "负责全区有关工作。",
    ]
    doc = parse_lines("toc.txt", lines)
    kept = run_checks(doc, [RULES["STR012"]])
    fresh = run_checks(parse_lines("toc.txt", [*lines]), [RULES["STR012"]])  # another tuple, the same text
    assert [(f.code, f.line) for f in kept] == [(f.code, f.line) for f in fresh] == [("STR012", 4)]
