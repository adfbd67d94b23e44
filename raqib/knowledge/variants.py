"""Spelling variants of an alias, generated so that the data files list each name once.

Arabic: an alias with the article ("التحالف") also matches after the preposition lam,
which swallows the article's alef ("للتحالف"). The other clitics (و ف ب ك ال) are
handled by the matcher at run time.

English: "Deir ez-Zor" also matches "Deir ez Zor" and "Deir ezZor"; "al-Mayadin" also
matches "Al Mayadin", "Almayadin" and "Mayadin". GeoNames' scholarly romanisations also
match the spellings the press uses: "Tall Tamr" as "Tal Tamr" and "Tel Tamr", "Al
Hawijah" as "Hawija", "Ra's al 'Ayn" as "Ras al-Ain".

A place's name is also respelt as reporters transliterate Arabic, one rule at a time over
the whole name: "Jisr ash Shughur" as "Jisr al-Shughur" and "Jisr al-Shoughour", "Dayr al
Balah" as "Deir al-Balah", "Tall Rif'at" as "Tal Rifaat", "Dayr az Zawr" as "Deir al-Zour",
"Deir el-Zour" and "Deir al-Zor", "Ar Raqqah" as "Raqa", "Hajin" as "Hajeen", "al-Shuhayl" as
"Shuheil", "al-Kishkiyah" as "Kishkiyeh", "Dhiban" as "Thiban". Vowels are respelt only
in long words, so that a short name does not become an English word.
"""

from __future__ import annotations

import re

from raqib.text.fold import ARABIC_LETTERS, fold

LATIN_ARTICLE = re.compile(r"^(al|el|ad|ar|as|at|az|ash|an|ath|adh)[- ]", re.IGNORECASE)
_APOSTROPHES = re.compile("['`‘’ʿʾ]")  # ayn and hamza in romanisations: "‘Āmūdā"
# romanisation -> press spelling, on folded (lower-case) names
_PRESS_SPELLINGS = [
    (re.compile(r"\btall\b"), ("tal", "tel", "tell")),  # تل: "Tall Tamr"
    (re.compile(r"(?<=\w{3})ah\b"), ("a", "eh")),  # ة: "Hawijah", "Amudah", "Kishkiyeh"
    (re.compile(r"\bayn\b"), ("ain",)),  # عين: "Ra's al 'Ayn"
    (re.compile(r"(?<=\w) al (?=\w)"), (" al-",)),  # "Ras al Ain" as "Ras al-Ain"
]


# how reporters respell a romanised place name: (pattern, spellings, in long words only),
# each applied to the whole name at once
_RESPELLINGS = [
    # an article inside the name, assimilated: "Jisr ash Shughur", "Dayr az Zawr"
    (re.compile(r"(?<=\w) (?:a|e)(?:sh|s|dh|d|n|r|th|t|z)[- ](?=\w)"), (" al-", " el-"), False),
    (re.compile(r"['`‘’ʿ]([aeiou])"), (r"\1\1",), False),  # ayn before a vowel: "Rif'at"
    # the words places are named with
    (re.compile(r"\bdayr\b"), ("deir", "dair"), False),
    (re.compile(r"\bbayt\b"), ("beit",), False),
    (re.compile(r"\bshaykh\b"), ("sheikh", "shaikh"), False),
    (re.compile(r"\bkhirbat\b"), ("khirbet",), False),
    (re.compile(r"\bjabal\b"), ("jebel",), False),
    (re.compile(r"\bkafr\b"), ("kfar", "kafar"), False),
    (re.compile(r"\bumm\b"), ("um",), False),
    (re.compile(r"\babu\b"), ("abou",), False),
    (re.compile(r"\bsuq\b"), ("souk", "souq"), False),
    (re.compile(r"\bdh(?=[aeiou])"), ("th",), False),  # ذ: "Dhiban" as "Thiban"
    # vowels and doubled letters
    (re.compile(r"aw(?=[^aeiouy\W])"), ("ou", "o"), True),  # "Zawr" as "Zour", "Zor"
    (re.compile(r"(?<=[^aeiou\W])u(?=[^aeiou\W])"), ("ou", "o"), True),  # "Shughur"
    (re.compile(r"([b-df-hj-np-tv-z])\1"), (r"\1",), True),  # "Raqqah" as "Raqah"
    (re.compile(r"(?<=[^aeiou\W])i(?=[^aeiouy\W]\b)"), ("ee",), True),  # "Hajin" as "Hajeen"
    (re.compile(r"ay(?=[^aeiouy\W])"), ("ei", "ai"), True),  # "Shuheil", "Busaira"
    (re.compile(r"q(?!u)"), ("k",), True),  # ق: "Tabqa" as "Tabka"
]
#: vowels are respelt in words this long only, so that a short name ("Nur", "Kut") does
#: not become an English word
_LONG_WORD = 5


def folded_variants(alias: str, respell: bool = False) -> set[str]:
    """All folded forms under which `alias` should be found; `respell` for a place's name."""
    base = fold(alias).text.replace("\n", " ")
    if not base:
        return set()
    if base[0] in ARABIC_LETTERS:
        return _arabic(base)
    if not respell:
        return _latin(base)
    return {form for spelling in _respellings(base) for form in _latin(spelling)}


def _respellings(name: str) -> set[str]:
    forms = {name}
    for pattern, spellings, long_only in _RESPELLINGS:
        for form in list(forms):
            for spelling in spellings:
                forms.add(" ".join(
                    pattern.sub(spelling, word) if len(word) >= _LONG_WORD else word
                    for word in form.split(" ")) if long_only else pattern.sub(spelling, form))
    return forms


#: first words of names that reports often write joined to the next ("ديرالزور")
_JOINED = re.compile(r"(?<!\S)([وفبل]?(?:دير|ابو)) (?=\S)")


def _arabic(base: str) -> set[str]:
    forms = {base, _JOINED.sub(r"\1", base)}
    if base.startswith("ال") and len(base) > 3:
        forms.add("لل" + base[2:])
    return forms


def _latin(base: str) -> set[str]:
    forms = {base}
    if "-" in base:
        forms.add(base.replace("-", " "))
        forms.add(base.replace("-", ""))
    article = LATIN_ARTICLE.match(base)
    if article:
        rest = base[article.end() :]
        if len(_APOSTROPHES.sub("", rest)) >= 4:  # not "Ain" from "Al `Ayn"
            forms |= {f"al-{rest}", f"al {rest}", f"al{rest}", f"el-{rest}", f"el {rest}", rest}
            forms |= {f.replace("-", " ") for f in list(forms)}
    forms |= {_APOSTROPHES.sub("", f) for f in list(forms)}
    for pattern, spellings in _PRESS_SPELLINGS:
        forms |= {pattern.sub(spelling, f) for f in list(forms) for spelling in spellings}
    return {f for f in forms if f}
