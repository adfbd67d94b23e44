"""Folding written the obvious way, one character at a time: the oracle that
raqib.text.fold's regex-and-translate implementation must agree with."""

import unicodedata

from raqib.text.fold import (
    _INWORD_PUNCT,
    _TATWEEL,
    ARABIC_LETTERS,
    LOOKALIKES,
    FoldedText,
    _fold_char,
)


def fold_slowly(original: str) -> FoldedText:
    chars: list[str] = []
    origins: list[int] = []
    n = len(original)
    original = "".join(  # a look-alike between two Arabic letters is the letter
        LOOKALIKES[ch] if ch in LOOKALIKES and 0 < i < n - 1 and _letter(original[i - 1])
        and _letter(original[i + 1]) else ch for i, ch in enumerate(original))
    for i, ch in enumerate(original):
        folded = _fold_char(ch)
        if not folded:
            continue
        if (original[i] == " " and 0 < i < n - 1 and original[i - 1] == _TATWEEL
                and original[i + 1] == _TATWEEL and chars and chars[-1] in ARABIC_LETTERS
                and _next_kept_is_arabic_letter(original, i + 1, n)):
            continue  # "اشتبـ ـاكات": a space split the word
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
    points = _compress(origins)
    # the end of the folded text maps to where the original's trailing blanks begin
    end = n
    while origins and end > origins[-1] + 1 and _blank(original[end - 1]):
        end -= 1
    if origins and end < n:
        points = (*points, (len(chars), end))
    return FoldedText("".join(chars), n, points)


def _letter(ch: str) -> bool:
    folded = _fold_char(ch)
    return bool(folded) and all(c in ARABIC_LETTERS for c in folded)


def _blank(ch: str) -> bool:
    return ch.isspace() or _fold_char(ch) == " " or unicodedata.category(ch) == "Cf"


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
