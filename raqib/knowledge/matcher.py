"""One Aho-Corasick automaton over every term of every lexicon, run once per text.

Terms are added in folded form (see `raqib.text.fold`) with a payload and a layer
(entities, triggers, cues, ...). `find` scans the folded text in one pass, keeps hits
that sit on word boundaries (an Arabic hit may carry attached clitics in front:
و ف ب ل ك ال and their combinations), and resolves overlaps within each layer:
the longest hit wins, then the leftmost.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import ahocorasick

from raqib.knowledge.variants import folded_variants
from raqib.text.fold import ARABIC_LETTERS
from raqib.text.spans import Occupied

# Two or more short Arabic fragments in a row, as in "د اع ش".
_SPLIT_RUN = re.compile(r"(?<!\w)[\u0621-\u064a]{1,3}(?: [\u0621-\u064a]{1,3})+(?!\w)")
_PROCLITICS = frozenset(
    c + p + a for c, p, a in product(("", "و", "ف"), ("", "ب", "ل", "ك"), ("", "ال"))
) | {"لل", "ولل", "فلل"}
_LONGEST_PROCLITIC = max(map(len, _PROCLITICS))
# A place's name this short with a letter in front is mostly another word
_SHORTEST_CLITIC_HOST = 3
# Pronoun and number endings that triggers (verbs, nouns) may carry: انتشارها، نقلوا، هجمات.
_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "ا", "وا", "ات", "ين", "ون", "ان", "تها", "ته")


@dataclass(frozen=True, slots=True)
class Term:
    layer: str
    payload: Any
    context_only: bool = False
    suffixes: bool = False
    place: bool = False  # a place's name, respelt as reporters transliterate it


@dataclass(slots=True)
class Hit:
    start: int  # folded offsets: clitics in front excluded, a pronoun ending included
    end: int
    key: str
    terms: Sequence[Term]
    prefix: str = ""  # the clitics attached in front, if any

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Lexicon:
    _terms: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    _automaton: ahocorasick.Automaton | None = None

    def add(self, alias: str, payload: Any, *, layer: str, context_only: bool = False,
            suffixes: bool = False, respell: bool = False) -> None:
        term = Term(layer, payload, context_only, suffixes, place=respell)
        for key in folded_variants(alias, respell):
            if len(key) < 2:
                continue
            bucket = self._terms.get(key, ())
            same = next((t for t in bucket if (t.layer, t.payload) == (layer, payload)), None)
            if same is None:
                self._terms[key] = (*bucket, term)
            elif context_only and not same.context_only:
                # two spellings that fold alike: if one needs a cue, the folded form does
                self._terms[key] = tuple(term if t is same else t for t in bucket)
        self._automaton = None

    def __len__(self) -> int:
        return len(self._terms)

    def compile(self) -> None:
        """The automaton over every key. The spellings of one alias share its terms: each
        set of terms and its grouping by layer is kept once, not once per key (the
        knowledge base's memory is mostly these values)."""
        shared: dict[tuple[int, ...], tuple] = {}
        automaton = ahocorasick.Automaton()
        for key, terms in self._terms.items():
            value = shared.setdefault(tuple(map(id, terms)), (terms, _by_layer(terms)))
            self._terms[key] = value[0]
            automaton.add_word(key, (key, *value))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str) -> dict[str, list[Hit]]:
        """Non-overlapping hits per layer, in text order.

        Words split by spaces to dodge filters ("د اع ش") are found too: a run of short
        Arabic fragments with a stray single letter is joined and matched again; a hit
        counts only if it spans several fragments.
        """
        if self._automaton is None:
            self.compile()
        candidates: dict[str, list[Hit]] = defaultdict(list)
        self._collect(text, candidates)
        for run in _SPLIT_RUN.finditer(text):
            fragments = run.group().split(" ")
            if any(len(f) == 1 and f != "و" for f in fragments):
                where = [run.start() + i for i, ch in enumerate(run.group()) if ch != " "]
                self._collect("".join(fragments), candidates, where)
        return {layer: _resolve(hits) for layer, hits in candidates.items()}

    def _collect(self, text: str, candidates: dict[str, list[Hit]],
                 where: list[int] | None = None) -> None:
        """Hits in `text`; with `where`, `text` is a joined run and `where` maps it back."""
        n = len(text)
        for last, (key, terms, layers) in self._automaton.iter(text):
            start, end = last + 1 - len(key), last + 1
            prefix = _left_clitics(text, start, key)
            if prefix is None:
                continue
            usable = terms
            if prefix and len(key) < _SHORTEST_CLITIC_HOST:
                usable = [term for term in usable if not term.place]  # "باب" is not "ب" + "إب"
            if end == n or not text[end].isalnum():
                word_end = end
            else:
                word_end = _suffix_end(text, end)
                if word_end is None:
                    continue
                usable = [term for term in usable if term.suffixes]
            if where is not None:
                if where[word_end - 1] - where[start] == word_end - 1 - start:
                    continue  # inside one fragment: the plain pass has it already
                start, word_end = where[start], where[word_end - 1] + 1
            # all of the key's terms were grouped by layer once, when the automaton was built
            for layer, layer_terms in (layers if usable is terms else _by_layer(usable)):
                candidates[layer].append(Hit(start, word_end, key, layer_terms, prefix))


def _by_layer(terms: Sequence[Term]) -> tuple[tuple[str, tuple[Term, ...]], ...]:
    by_layer: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        by_layer[term.layer].append(term)
    return tuple((layer, tuple(group)) for layer, group in by_layer.items())


def without_proclitics(word: str) -> Iterator[str]:
    """The word as written and without each Arabic proclitic it may carry ("بالقوات":
    "القوات", "قوات")."""
    for size in range(min(len(word) - 1, _LONGEST_PROCLITIC) + 1):
        if word[:size] in _PROCLITICS:
            yield word[size:]


def _left_clitics(text: str, start: int, key: str) -> str | None:
    """The clitics between the word's start and the hit, or None if the hit is mid-word."""
    if start == 0 or not text[start - 1].isalnum():
        return ""
    if key[0] not in ARABIC_LETTERS:
        return None
    # a run of letters longer than any clitics is not one: no need to walk further back
    # (a glued 50k-letter word would make this quadratic)
    word_start, limit = start, max(0, start - _LONGEST_PROCLITIC - 1)
    while word_start > limit and text[word_start - 1].isalnum():
        word_start -= 1
    prefix = text[word_start:start]
    if prefix not in _PROCLITICS:
        return None
    if key.startswith("ال") and prefix.endswith("ال"):
        return None
    return prefix


def _suffix_end(text: str, end: int) -> int | None:
    n = len(text)
    for suffix in _SUFFIXES[1:]:
        stop = end + len(suffix)
        if text.startswith(suffix, end) and (stop == n or not text[stop].isalnum()):
            return stop
    return None


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Longest first, then leftmost; drop hits overlapping one already taken."""
    occupied = Occupied()
    taken = [h for h in sorted(hits, key=lambda h: (-h.length, h.start))
             if occupied.take(h.start, h.end)]
    taken.sort(key=lambda h: h.start)
    return taken
