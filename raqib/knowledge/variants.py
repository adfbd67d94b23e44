"""Spelling variants of an alias, generated so that the data files list each name once.

Arabic: an alias with the article ("التحالف") also matches after the preposition lam,
which swallows the article's alef ("للتحالف"). The other clitics (و ف ب ك ال) are
handled by the matcher at run time.

English: "Deir ez-Zor" also matches "Deir ez Zor" and "Deir ezZor"; "al-Mayadin" also
matches "Al Mayadin", "Almayadin" and "Mayadin".
"""

from __future__ import annotations

import re

from raqib.text.fold import ARABIC_LETTERS, fold

_LATIN_ARTICLE = re.compile(r"^(al|el|ad|ar|as|at|az|ash|an|ath|adh)[- ]", re.IGNORECASE)


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
    forms |= {f.replace("'", "").replace("`", "") for f in list(forms)}
    return {f for f in forms if f}
