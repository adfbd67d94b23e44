"""Sentence splitting for Arabic and English.

A sentence ends at a line break, or at . ! ? ؟ … followed by a space, unless the
period belongs to an abbreviation (U.S., Mr., No. 5) or a number (3.5). Spans are
[start, end) into the text given, with surrounding spaces trimmed.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt st vs etc approx jan feb mar apr jun jul aug "
    "sep sept oct nov dec u.s u.k u.n e.g i.e al".split()
)
_BOUNDARY = re.compile(r"\n+|[.!?؟…]+[\"')\]]*(?=\s)|[؛;](?=\s)")


def split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        _add(spans, text, start, m.end())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    if dot == 0 or not text[dot - 1].isascii():  # every abbreviation known is Latin
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if word in ("no", "nos"):  # "No. 5", but "said no."
        return text[dot + 1 : dot + 3].strip()[:1].isdigit()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and word.isascii())


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
