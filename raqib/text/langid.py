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
_LANGUAGES_OF: dict[str, list[str]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in _words:
        _LANGUAGES_OF.setdefault(_word, []).append(_lang)
_SCRIPT_LANGS = {"arabic": ("ar", "fa"), "latin": ("en", "fr", "tr")}


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_SCRIPT = re.compile(r"[A-Za-z\u00c0-\u024f]")


def identify(text: str, sample: int = 2000) -> str:
    """ISO 639-1 code (`ar`, `en`, `fa`, `fr`, `tr`) or `und`."""
    head = text[:sample]
    words = _WORD.findall(head.lower())
    letters = sum(map(len, words))
    counts = {"arabic": len(_ARABIC_SCRIPT.findall(head)),
              "latin": len(_LATIN_SCRIPT.findall(head))}
    counts["other"] = max(0, letters - counts["arabic"] - counts["latin"])
    if letters == 0:
        return "und"
    script = max(counts, key=counts.get)
    if script == "other" or counts[script] < 0.5 * letters:
        return "und"
    scores = dict.fromkeys(_SCRIPT_LANGS[script], 0)
    for word in words:
        for lang in _LANGUAGES_OF.get(word, ()):
            if lang in scores:
                scores[lang] += 1
    if script == "arabic":
        scores["fa"] += sum(ch in _PERSIAN_LETTERS for ch in head) // 3
        return "fa" if scores["fa"] > scores["ar"] else "ar"
    best = max(scores, key=scores.get)
    if scores[best] == 0:
        return "und" if len(words) >= 8 else "en"
    return best
