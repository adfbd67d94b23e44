"""Spelling variants of an alias, generated so that the data files list each name once.

Arabic: an alias with the article ("التحالف") also matches after the preposition lam,
which swallows the article's alef ("للتحالف"). The other clitics (و ف ب ك ال) are
handled by the matcher at run time.

English: "Deir ez-Zor" also matches "Deir ez Zor" and "Deir ezZor"; "al-Mayadin" also
matches "Al Mayadin", "Almayadin" and "Mayadin". GeoNames' scholarly romanisations also
match the spellings the press uses: "Tall Tamr" as "Tal Tamr" and "Tel Tamr", "Al
Hawijah" as "Hawija", "Ra's al 'Ayn" as "Ras al-Ain".
"""

from __future__ import annotations

import re

from raqib.text.fold import ARABIC_LETTERS, fold

_LATIN_ARTICLE = re.compile(r"^(al|el|ad|ar|as|at|az|ash|an|ath|adh)[- ]", re.IGNORECASE)
_APOSTROPHES = re.compile("['`‘’ʿʾ]")  # ayn and hamza in romanisations: "‘Āmūdā"
# romanisation -> press spelling, on folded (lower-case) names
_PRESS_SPELLINGS = [
    (re.compile(r"\btall\b"), ("tal", "tel", "tell")),  # تل: "Tall Tamr"
    (re.compile(r"(?<=\w{3})ah\b"), ("a",)),  # ة: "Hawijah", "Amudah"
    (re.compile(r"\bayn\b"), ("ain",)),  # عين: "Ra's al 'Ayn"
    (re.compile(r"(?<=\w) al (?=\w)"), (" al-",)),  # "Ras al Ain" as "Ras al-Ain"
]


def folded_variants(alias: str) -> set[str]:
    """All folded forms under which `alias` should be found."""
    base = fold(alias).text.replace("\n", " ")
    if not base:
        return set()
    if base[0] in ARABIC_LETTERS:
        return _arabic(base)
    return _latin(base)


def _arabic(base: str) -> set[str]:
    forms = {base}
    if base.startswith("ال") and len(base) > 3:
        forms.add("لل" + base[2:])
    return forms


def _latin(base: str) -> set[str]:
    forms = {base}
    if "-" in base:
        forms.add(base.replace("-", " "))
        forms.add(base.replace("-", ""))
    article = _LATIN_ARTICLE.match(base)
    if article:
        rest = base[article.end() :]
        if len(rest) >= 4:
            forms |= {f"al-{rest}", f"al {rest}", f"al{rest}", f"el-{rest}", f"el {rest}", rest}
            forms |= {f.replace("-", " ") for f in list(forms)}
    forms |= {_APOSTROPHES.sub("", f) for f in list(forms)}
    for pattern, spellings in _PRESS_SPELLINGS:
        forms |= {pattern.sub(spelling, f) for f in list(forms) for spelling in spellings}
    return {f for f in forms if f}
