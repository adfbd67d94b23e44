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
- punctuation written inside an Arabic word to dodge filters ("انفجـ.ـارات") dropped, and
  a digit or sign written there for the letter it looks like ("د١عش", "ق$د", "دا3ش").

Every folded character remembers the index of the original character it came from,
so a match in the folded text maps back to an exact span of the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

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
#: hyphen counts only beside a tatweel ("انفجـ-ـارات"): "السورية-العراقية" is a real compound;
#: a space only between two ("اشتبـ ـاكات").
_INWORD_PUNCT = frozenset("._*·•|~+\\")
_TATWEEL = "\u0640"

#: Characters written between two Arabic letters for the letter they look like: the
#: digit one for alef ("د١عش"), a dollar for sin ("ق$د"), Arabizi's 3 and 7 ("دا3ش").
LOOKALIKES = {"١": "ا", "1": "ا", "$": "س", "3": "ع", "7": "ح"}


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
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [folded_at for folded_at, _ in self.breakpoints])

    def origin(self, index: int) -> int:
        """Original index of folded character `index`. len(folded) maps to the end of the
        original, or to the breakpoint there: where the original's trailing white space,
        quotes and invisible marks begin."""
        if index >= len(self.text):
            last_folded, last_original = self.breakpoints[-1]
            return last_original if last_folded == len(self.text) else self.original_length
        k = bisect_right(self._starts, index) - 1
        folded_at, original_at = self.breakpoints[k]
        return original_at + (index - folded_at)

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


def _covered() -> list[str]:
    """The code points whose folding is precomputed (every script of the region's reports)."""
    ranges = [(0x00, 0x250), (0x300, 0x370), (0x600, 0x700), (0x750, 0x780), (0x8A0, 0x900),
              (0x1E00, 0x1F00), (0x2000, 0x2070), (0x2100, 0x2150), (0xFB50, 0xFE00),
              (0xFE70, 0xFF00), (0xFF00, 0xFFF0)]
    return [chr(c) for lo, hi in ranges for c in range(lo, hi)]


_FOLDED = {ch: _fold_char(ch) for ch in _covered()}
_TABLE = {ord(ch): f for ch, f in _FOLDED.items() if f != ch}
_DROPPED = "".join(ch for ch, f in _FOLDED.items() if f == "")
_EXPANDED = "".join(ch for ch, f in _FOLDED.items() if len(f) > 1)
_SPACES = "".join(ch for ch, f in _FOLDED.items() if f in (" ", "\n"))
_LETTERS = "".join(ch for ch, f in _FOLDED.items() if f and all(c in ARABIC_LETTERS for c in f))


def _class(chars: str) -> str:
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


# The places where folding changes the length of the text; everything between them
# folds character for character with str.translate.
_EDITS = re.compile(
    rf"(?P<space>{_class(_SPACES)}(?:{_class(_SPACES)}|{_class(_DROPPED)})+)"
    rf"|(?<={_class(_LETTERS)}){_class(_DROPPED)}*"
    rf"(?:{_class(_INWORD_PUNCT)}|(?<={_TATWEEL})-|-(?={_TATWEEL})|(?<={_TATWEEL}) (?={_TATWEEL}))"
    rf"{_class(_DROPPED)}*"
    rf"(?={_class(_DROPPED)}*{_class(_LETTERS)})"
    rf"|{_class(_DROPPED)}+"
    rf"|(?P<expand>{_class(_EXPANDED)})"
)


# one character for one, so a pass before folding keeps every offset (the sign first, then
# the letter before it: the regex then tries only where a sign stands)
_SIGNS = _class("".join(LOOKALIKES))
_LOOKALIKE = re.compile(rf"{_SIGNS}(?<={_class(_LETTERS)}{_SIGNS})(?={_class(_LETTERS)})")


def fold(original: str) -> FoldedText:
    original = _LOOKALIKE.sub(lambda m: LOOKALIKES[m.group()], original)
    parts: list[str] = []
    points: list[tuple[int, int]] = []  # (folded index, original index) where the gap changes
    length = 0
    position = 0
    for m in _EDITS.finditer(original):
        if m.start() > position:  # an unchanged stretch: one breakpoint at most
            _mark(points, length, position)
            parts.append(original[position : m.start()].translate(_TABLE))
            length += m.start() - position
        if m.group("space") or m.group("expand"):
            if m.group("space"):
                piece = "\n" if "\n" in m.group().translate(_TABLE) else " "
            else:
                piece = _FOLDED[m.group()]
            for k in range(len(piece)):  # every piece comes from the edit's first character
                _mark(points, length + k, m.start())
            parts.append(piece)
            length += len(piece)
        position = m.end()
    if position < len(original):
        _mark(points, length, position)
        parts.append(original[position:].translate(_TABLE))
    folded = _strip("".join(parts), len(original), points)
    return _end_before_trailing_blanks(folded, original)


def _mark(points: list[tuple[int, int]], folded_at: int, original_at: int) -> None:
    if not points or points[-1][1] + folded_at - points[-1][0] != original_at:
        points.append((folded_at, original_at))


def _strip(text: str, original_length: int, points: list[tuple[int, int]]) -> FoldedText:
    """Drop leading and trailing white space, shifting the breakpoints."""
    head = len(text) - len(text.lstrip(" \n"))
    tail = len(text.rstrip(" \n"))
    if head:
        first = FoldedText(text, original_length, tuple(points) or ((0, 0),)).origin(head)
        points = [(0, first)] + [(f - head, o) for f, o in points if f > head]
    points = [(f, o) for f, o in points if f < tail - head] or [(0, 0)]
    return FoldedText(text[head:tail], original_length, tuple(points))


def _end_before_trailing_blanks(folded: FoldedText, original: str) -> FoldedText:
    """Map the end of the folded text to where the original's trailing blanks begin
    (white space, quotes that fold to a space, invisible format marks such as RLM), so
    that a sentence or a name at the very end does not take them into its span."""
    if not folded.text:
        return folded
    end = len(original)
    last_kept = folded.origin(len(folded.text) - 1) + 1
    while end > last_kept and (original[end - 1].isspace()
                               or _FOLDED.get(original[end - 1]) == " "
                               or unicodedata.category(original[end - 1]) == "Cf"):
        end -= 1
    if end == len(original):
        return folded
    points = (*folded.breakpoints, (len(folded.text), end))
    return FoldedText(folded.text, folded.original_length, points)


def fold_words(phrase: str) -> str:
    """A phrase folded to its words joined by single spaces, for cue and word lookups."""
    return " ".join(_WORDS.findall(fold(phrase).text))
