"""What a document's symbol says: its type code and its issuer's code.

A library module for the ``documents`` component. A state symbol (Nghị định
30/2020/NĐ-CP, Appendix III) is ``number[/year]/TYPE-ISSUER[-UNIT]`` (``72/2020/NĐ-CP``,
``2145/QĐ-BQP``, ``2468/CTPH-BLĐTBXH-TCCT``; a Công văn has no type code:
``123/BQP-VP``); a party symbol (Hướng dẫn 36-HD/VPTW) is ``number-TYPE/ORGAN``
(``20-NQ/TW``, ``1657-NQ/QUTW``). Type codes are in ``kg/rules/document_types.json``;
issuer codes in ``kg/rules/issuer_codes.json``, which lists only codes that name one
organ (``NĐ-CP`` is the Chính phủ, but ``NQ/TW`` may be the Ban Chấp hành Trung ương,
the Bộ Chính trị or the Ban Bí thư, so ``TW`` is not listed).

Example:
    >>> code_type("CTPH", "state"), symbol_issuer("72/2020/NĐ-CP")
    ('Chương trình phối hợp', 'Chính phủ')
    >>> symbol_issuer("20-NQ/TW") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.rules import Rule, load_rules

# "20-NQ/TW": number, dash, type code, slash, organ codes
_PARTY = re.compile(r"^[^-/]+-(?P<type>[^/]+)/(?P<by>.+)$")
# "72/2020/NĐ-CP", "2145/QĐ-BQP": number, optional year, codes joined by dashes
_STATE = re.compile(r"^[^/]+/(?:(?:19|20)\d{2}/)?(?P<codes>.+)$")


@dataclass(frozen=True)
class _Codes:
    types: dict[tuple[str, str], str]
    type_prefixes: tuple[tuple[str, str], ...]
    issuers: dict[tuple[str, str], str]
    issuer_prefixes: tuple[tuple[str, str], ...]


def _table(
    rules: tuple[Rule, ...], label: str, field: str
) -> tuple[dict[tuple[str, str], str], tuple[tuple[str, str], ...]]:
    table: dict[tuple[str, str], str] = {}
    prefixes: list[tuple[str, str]] = []
    for r in rules:
        if r.label != label:
            continue
        systems = ("party", "state") if r.get("system", "both") == "both" else (r.get("system"),)
        for system in systems:
            table.setdefault((system, r.pattern), r.get(field))
            if r.get("prefix"):
                prefixes.append((system, r.pattern))
    return table, tuple(prefixes)


@cache
def _codes() -> _Codes:
    types, type_prefixes = _table(load_rules("document_types"), "CODE", "type")
    issuers, issuer_prefixes = _table(load_rules("issuer_codes"), "ISSUER", "issuer")
    return _Codes(types, type_prefixes, issuers, issuer_prefixes)


def _lookup(
    table: dict[tuple[str, str], str],
    prefixes: tuple[tuple[str, str], ...],
    code: str,
    system: str,
) -> str | None:
    code = code.replace("Ð", "Đ").strip()
    found = table.get((system, code))
    if found is None:
        for sys_, prefix in prefixes:
            if sys_ == system and code.startswith(prefix) and code[len(prefix) :].isdigit():
                return table[(sys_, prefix)]
    return found


def code_type(code: str, system: str) -> str | None:
    """The document type a symbol code stands for, in the party or state system.

    >>> code_type("TT", "state"), code_type("TT", "party"), code_type("QH14", "state")
    ('Thông tư', 'Thông tri', 'Luật')
    """
    codes = _codes()
    return _lookup(codes.types, codes.type_prefixes, code, system)


def symbol_issuer(identifier: str) -> str | None:
    """The organ a symbol's issuer code names, where the code names one organ.

    In a joint symbol (``CTPH-BLĐTBXH-TCCT``) the first organ listed is given.

    >>> symbol_issuer("2468/CTPH-BLĐTBXH-TCCT"), symbol_issuer("1657-NQ/QUTW")
    ('Bộ Lao động - Thương binh và Xã hội', 'Quân ủy Trung ương')
    >>> symbol_issuer("22/2018/QH14"), symbol_issuer("45-KH/TU")
    ('Quốc hội', None)
    """
    codes = _codes()
    party = _PARTY.match(identifier)
    if party:
        system, parts = "party", re.split(r"[-/]", party["by"])
    else:
        state = _STATE.match(identifier)
        if state is None:
            return None
        system, parts = "state", state["codes"].split("-")
    for part in parts:
        issuer = _lookup(codes.issuers, codes.issuer_prefixes, part, system)
        if issuer:
            return issuer
    return None
