"""Fold text into the form the matchers see, keeping a map back to the original.

Folding makes spellings that mean the same thing compare equal:

- compatibility forms (NFKC/NFKD): presentation forms and ligatures, full-width letters;
- diacritics of any script are dropped (Arabic harakat, shadda, Latin accents);
- Arabic orthography: alef and hamza variants -> ا, ة -> ه, ى -> ي, Persian and Urdu
  letter forms -> their Arabic letters, tatweel dropped;
- Arabic-Indic and Persian digits -> 0-9; double quotes of any kind -> a space,
  single curly quotes -> ';
- zero-width and bidi control characters dropped; Latin case folded;
- whitespace runs -> one space, or one newline when the run holds a line break;
- punctuation written inside an Arabic word to dodge filters ("انفجـ.ـارات") dropped.

Every folded character remembers the index of the original character it came from,
so a match in the folded text maps back to an exact span of the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset(
    chr(c) for c in range(0x066E, 0x06D4)
)

_DROP = frozenset(
    "\u0640"  # tatweel
    "\u00ad"  # soft hyphen
    "\u061c"  # arabic letter mark
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/joiners, LRM/RLM
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u2060\ufeff"  # word joiner, BOM
)

_LETTER_MAP = {
    "ة": "ه",
    "ى": "ي",
    "ٱ": "ا",  # alef wasla
    "ء": "ء",
    "ک": "ك",  # Persian keheh
    "ڪ": "ك",
    "ی": "ي",  # Persian yeh
    "ې": "ي",
    "ۍ": "ي",
    "ے": "ي",  # Urdu yeh barree
    "ۀ": "ه",
    "ە": "ه",
    "ھ": "ه",  # heh doachashmee
    "ہ": "ه",
    "ۃ": "ه",
    # Double quotes become spaces: bulletins quote names inside phrases
    # (طائرات “درون” انتحارية, لـ”التحالف”), and a quote is never part of a name.
    '"': " ",
    "“": " ",
    "”": " ",
    "„": " ",
    "‟": " ",
    "«": " ",
    "»": " ",
    "″": " ",
    "‹": "'",
    "›": "'",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "`": "'",
    "´": "'",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
}
_LETTER_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_LETTER_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits

_WORDS = re.compile(r"\w+")

#: Characters that writers slip inside an Arabic word to defeat keyword filters. A
#: hyphen counts only beside a tatweel ("انفجـ-ـارات"): "السورية-العراقية" is a real compound.
_INWORD_PUNCT = frozenset("._*·•|~+\\")
_TATWEEL = "\u0640"


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """The folded form of one character: '' to drop it, or one or more characters."""
    if ch in _DROP:
        return ""
    mapped = _LETTER_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch.isspace():
        return "\n" if ch in "\n\r\u2028\u2029\x0b\x0c\x85" else " "
    if ord(ch) < 0x80:
        return ch.lower()
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(part) == "Mn":  # diacritics, harakat, hamza marks
            continue
        part = _LETTER_MAP.get(part, part)
        out.append(part)
    return "".join(out).casefold() if out else ""


@dataclass(frozen=True, slots=True)
class FoldedText:
    """The folded text and, for its character i, the original index `origin(i)`."""

    text: str
    original_length: int
    breakpoints: tuple[tuple[int, int], ...]  # (folded index, original index) where the gap changes

    def origin(self, index: int) -> int:
        """Original index of folded character `index` (len(folded) maps to the end)."""
        if index >= len(self.text):
            return self.original_length
        k = bisect_right(self._folded_starts, index) - 1
        folded_at, original_at = self.breakpoints[k]
        return original_at + (index - folded_at)

    @property
    def _folded_starts(self) -> list[int]:
        return _starts(self.breakpoints)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded span [start, end).

        The end runs up to the next kept character, so that marks dropped inside or
        right after the word (a final kasra, a tatweel) belong to its surface form.
        """
        original_start = self.origin(start)
        original_end = max(self.origin(end), self.origin(end - 1) + 1)
        return original_start, original_end

    def to_wire(self) -> dict:
        return {"text": self.text, "offsets": [list(p) for p in self.breakpoints]}

    @classmethod
    def from_wire(cls, data: dict, original_length: int) -> FoldedText:
        return cls(data["text"], original_length, tuple((a, b) for a, b in data["offsets"]))


@lru_cache(maxsize=256)
def _starts(breakpoints: tuple[tuple[int, int], ...]) -> list[int]:
    return [folded_at for folded_at, _ in breakpoints]


def fold(original: str) -> FoldedText:
    chars: list[str] = []
    origins: list[int] = []
    n = len(original)
    for i, ch in enumerate(original):
        folded = _fold_char(ch)
        if not folded:
            continue
        if folded in " \n":
            if chars and chars[-1] in " \n":
                if folded == "\n":
                    chars[-1] = "\n"
                continue
            if not chars:
                continue  # leading whitespace
        elif (
            (folded in _INWORD_PUNCT or (folded == "-" and _beside_tatweel(original, i, n)))
            and chars
            and chars[-1] in ARABIC_LETTERS
            and _next_kept_is_arabic_letter(original, i + 1, n)
        ):
            continue
        for piece in folded:
            chars.append(piece)
            origins.append(i)
    while chars and chars[-1] in " \n":
        chars.pop()
        origins.pop()
    return FoldedText("".join(chars), n, _compress(origins))


def _beside_tatweel(original: str, i: int, n: int) -> bool:
    return (i > 0 and original[i - 1] == _TATWEEL) or (i + 1 < n and original[i + 1] == _TATWEEL)


def _next_kept_is_arabic_letter(original: str, i: int, n: int) -> bool:
    while i < n:
        folded = _fold_char(original[i])
        if folded:
            return folded[0] in ARABIC_LETTERS
        i += 1
    return False


def _compress(origins: list[int]) -> tuple[tuple[int, int], ...]:
    points: list[tuple[int, int]] = []
    gap = None
    for folded_at, original_at in enumerate(origins):
        if original_at - folded_at != gap:
            gap = original_at - folded_at
            points.append((folded_at, original_at))
    return tuple(points) or ((0, 0),)


def fold_words(phrase: str) -> str:
    """A phrase folded to its words joined by single spaces, for cue and word lookups."""
    return " ".join(_WORDS.findall(fold(phrase).text))
