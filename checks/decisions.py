"""A reviewer's decision on a finding (确认 / 忽略 / 待定) and the fingerprint that finds the finding again.

The fingerprint names a finding by what it says and where, not by its line number, so a decision survives a
re-upload, a re-check and a parser that moves lines: rule code, part, table, row, column, project and the
message with its numbers masked (a second finding with the same text gets "~2"). The year-free fingerprint
also masks years ("2024年") everywhere: it matches the same finding in the department's next year.
Storing decisions is library.decisions; this module is pure.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from checks.findings import Finding


class Verdict(StrEnum):
    CONFIRMED = "confirmed"
    IGNORED = "ignored"
    PENDING = "pending"


DECISION_ZH = {Verdict.CONFIRMED: "确认", Verdict.IGNORED: "忽略", Verdict.PENDING: "待定"}
CARRIED_ZH = "去年已忽略"  # a proposal from last year's decision, shown until the reviewer decides
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Decision:
    """What the reviewer decided on one finding; `carried` = proposed from last year's 忽略, not yet decided."""

    verdict: Verdict
    reason: str = ""
    note: str = ""
    carried: bool = False

    @property
    def label(self) -> str:
        """ "忽略", "确认", "待定", or "去年已忽略（待确认）" for a proposal."""
        return f"{CARRIED_ZH}（待确认）" if self.carried else DECISION_ZH[self.verdict]

    @property
    def ignored(self) -> bool:
        """Ignored by the reviewer (a proposal from last year does not count until confirmed)."""
        return self.verdict == Verdict.IGNORED and not self.carried


def _norm(text: str | None, year_free: bool) -> str:
    """NFKC, no whitespace; years masked when `year_free`.

    >>> _norm(" 2024年 信访 专项", True), _norm("2024年信访", False)
    ('#年信访专项', '2024年信访')
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))
    return _YEAR.sub("#", text) if year_free else text


def _key(finding: Finding, year_free: bool) -> str:
    places = [_norm(getattr(finding, k), year_free) for k in ("part", "table", "row", "column", "project")]
    message = _NUMBER.sub("#", _norm(finding.message, year_free))
    return "|".join([finding.code, *places, message])


def fingerprints(findings: Sequence[Finding], year_free: bool = False) -> list[str]:
    """One fingerprint per finding (same order): 16 hex of sha256 over code, place and masked message.

    Numbers in the message are masked, so the same defect with other amounts keeps its fingerprint; two
    findings that then read alike are told apart by their order ("~2").

    >>> f = Finding(code="ARI001", family="arithmetic", severity="error", title="t", line=12,
    ...             table="收支总表", row="合计", message="合计 2,654.52 与分项之和 2,650.52 不符")
    >>> a, b = fingerprints([f, f.model_copy(update={"line": 40, "message": "合计 1.00 与分项之和 2.00 不符"})])
    >>> a == fingerprints([f.model_copy(update={"line": 99})])[0], a != b, len(a)
    (True, True, 16)
    """
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        key = _key(finding, year_free)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}~{seen[key]}"
        out.append(hashlib.sha256(key.encode()).hexdigest()[:16])
    return out


def by_file(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by file, each file's in the given order (the order fingerprints count in)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.file, []).append(f)
    return out


def decided(
    findings: Iterable[Finding], decisions: Mapping[tuple[str, str], Decision] | None
) -> list[tuple[Finding, Decision | None]]:
    """Each finding with its decision; `decisions` is keyed by (file, fingerprint). Order kept."""
    findings = list(findings)
    if not decisions:
        return [(f, None) for f in findings]
    keys: dict[int, tuple[str, str]] = {}
    for file, group in by_file(findings).items():
        keys.update({id(f): (file, p) for f, p in zip(group, fingerprints(group), strict=True)})
    return [(f, decisions.get(keys[id(f)])) for f in findings]


def not_ignored(
    findings: Iterable[Finding], decisions: Mapping[tuple[str, str], Decision] | None
) -> list[Finding]:
    """The findings the reviewer has not dismissed (忽略): what the form's 否 list and the scores count."""
    return [f for f, d in decided(findings, decisions) if d is None or not d.ignored]
