"""Language identification for the languages of the region's bulletins.

Script first (Arabic script vs Latin), then function words to tell Arabic from Persian
and English from other Latin-script languages. Cheap and deterministic; a report it
cannot place is `und` (undetermined) and still flows through the pipeline.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")

# Function words that are frequent in one language and rare in its script neighbours.
_FUNCTION_WORDS = {
    "ar": frozenset("في من على الى إلى عن ان أن التي الذي هذا هذه مع بعد قد لم كما".split()),
    "fa": frozenset("است این را که می با برای یک های شد بود آن".split()),
    "en": frozenset(
        "the of and in to is was on by for with that from at as were are has have it an".split()
    ),
    "fr": frozenset("le la les des du et est dans une un sur pour par au qui".split()),
    "tr": frozenset("ve bir bu ile için da de olarak olan ise gibi".split()),
}
_PERSIAN_LETTERS = frozenset("پچژگکی")
_SCRIPT_LANGS = {"arabic": ("ar", "fa"), "latin": ("en", "fr", "tr")}


def _script(ch: str) -> str | None:
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if ch.isascii() or 0x00C0 <= code <= 0x024F:
        return "latin"
    return None


def identify(text: str, sample: int = 4000) -> str:
    """ISO 639-1 code (`ar`, `en`, `fa`, `fr`, `tr`) or `und`."""
    head = text[:sample]
    counts = {"arabic": 0, "latin": 0, "other": 0}
    for ch in head:
        if ch.isalpha():
            counts[_script(ch) or "other"] += 1
    letters = sum(counts.values())
    if letters == 0:
        return "und"
    script = max(counts, key=counts.get)
    if script == "other" or counts[script] < 0.5 * letters:
        return "und"
    words = _WORD.findall(head.lower())
    scores = {lang: sum(w in _FUNCTION_WORDS[lang] for w in words)
              for lang in _SCRIPT_LANGS[script]}
    if script == "arabic":
        scores["fa"] += sum(ch in _PERSIAN_LETTERS for ch in head) // 3
        return "fa" if scores["fa"] > scores["ar"] else "ar"
    best = max(scores, key=scores.get)
    if scores[best] == 0:
        return "und" if len(words) >= 8 else "en"
    return best
