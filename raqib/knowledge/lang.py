"""Word lists per language, read from data/lang/<code>/*.yaml and merged.

As in spaCy's lang/ar/ and lang/en/, each language has a folder holding the same files
(dates.yaml, numbers.yaml, places.yaml, events.yaml), so that an analyst adds a spelling
or a language in data, not in the extractors' regexes. The extractors ask for one table
over every language, not one per language: a report may mix them ("12 March 2024" inside
an Arabic bulletin) and its language tag is a guess, so the functions here merge the
languages' sections.

A section is a list of words (`ago_before: [قبل]`) or a mapping from a value to its
words (`months: {january: [كانون الثاني, يناير]}`). Words are written in plain spelling
and folded here as the text is (raqib.text.fold): "أمس" matches the folded "امس",
"Monday" matches "monday".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

# read_yaml: the knowledge base's reader, so that a missing or malformed file reads the same
from raqib.knowledge.base import DATA_DIR, KnowledgeError, read_yaml
from raqib.text.fold import fold

LANG_DIR = DATA_DIR / "lang"
LANGUAGES = ("ar", "en")

#: The sections each file may hold. A misspelt section name would otherwise be read
#: as nothing at all, and its words silently missed.
SECTIONS = {
    "dates.yaml": frozenset({
        "months", "weekdays", "month_past", "month_current", "relative_days", "ago_days",
        "ago_before", "ago_after", "year_periods", "month_periods", "week_periods",
        "day_periods", "year_cues", "year_nouns", "month_cues", "month_nouns", "last",
        "weekday_cues", "day_range", "of", "ordinal_suffixes",
    }),
    "numbers.yaml": frozenset({"numbers", "vague", "units", "not_counted_after_one"}),
    "places.yaml": frozenset({"nouns", "list_nouns", "list_joiners", "suffix_nouns", "name_heads",
                              "name_tails", "not_names", "nominals", "unit_bases_before",
                              "unit_bases_after", "outlet_before", "outlet_after",
                              "holder_before", "holder_after", "before_names",
                              "not_with_l", "before_located_names", "distance_hedges",
                              "distance_units", "located_near", "apposed_nouns",
                              "overlooking", "river_before", "river_after"}),
    "events.yaml": frozenset({
        "target_cues", "destination_cues", "locative_cues", "origin_cues", "coming_from", "via",
        "fired_from", "fired_toward", "caused", "since", "until", "onward", "patron_cues",
        "left_from", "undergone", "pointing_back", "anaphoric_nouns", "clause_breaks",
        "clause_break_prefixes", "relative_pronouns", "accused_cues", "any_words", "or_words",
        "statement_openers", "speech_after", "speech_before", "title_before", "title_after",
        "title_of", "subordinators", "in_sequence", "counter_account", "source_in", "self_report",
        "self_report_words", "between", "passive_agent", "pinning", "correspondents",
        "force_nouns", "road_from",
        "air_or_ground_raids", "targeting_operations", "joined_descriptions", "road_before",
        "road_after", "instruments", "heading", "locating", "belonging", "aerial_actors",
        "subject_joiners",
        "made", "before_verb", "another_one", "entering", "partitive", "fled", "exchanged",
        "convoys", "military", "settled", "self_named", "treated_in", "extent",
        "army",
    }),
}


@cache
def read(file: str, lang_dir: Path = LANG_DIR) -> tuple[tuple[Path, Mapping[str, Any]], ...]:
    """Every language's `file` as (path, sections as written), read once per process.

    Each language must have each file (an empty mapping `{}` if it has no words for it),
    so that a folder missing a file is an error, not a language quietly left out.
    """
    read_files = []
    for language in LANGUAGES:
        path = lang_dir / language / file
        sections = read_yaml(path)  # names the file when it is missing or not YAML
        if sections is None:
            sections = {}
        if not isinstance(sections, dict):
            raise KnowledgeError(f"{path}: expected a mapping of sections")
        unknown = sorted(map(str, set(sections) - SECTIONS[file]))
        if unknown:
            raise KnowledgeError(f"{path}: unknown section {', '.join(unknown)}; "
                                 f"known: {', '.join(sorted(SECTIONS[file]))}")
        read_files.append((path, sections))
    return tuple(read_files)


def words(file: str, section: str) -> tuple[str, ...]:
    """A list section's words in every language, folded, each once."""
    found: dict[str, None] = {}
    for path, listed in _section(file, section):
        found.update(dict.fromkeys(_folded(path, section, listed)))
    return tuple(found)


def table(file: str, section: str, keys: type | Mapping[Any, Any]) -> dict[str, Any]:
    """A mapping section turned round: each folded word -> the value it is listed under.

    `keys` says what the keys may be: a type (`int` for "1: [واحد, one]"), or a
    mapping from each allowed key to the value wanted for it (month names -> numbers).
    A word listed under two values, in one language or across two, is an error.
    """
    found: dict[str, tuple[Any, Path]] = {}
    for path, groups in _section(file, section):
        if not isinstance(groups, dict):
            raise KnowledgeError(f"{path}: {section}: expected a mapping from a value to "
                                 "its words")
        for key, listed in groups.items():
            value = _value(path, section, key, keys)
            for word in _folded(path, f"{section}: {key}", listed):
                first, where = found.setdefault(word, (value, path))
                if first != value:
                    raise KnowledgeError(f"{path}: {section}: {word!r} is listed under "
                                         f"{key!r}, and under {first!r} in {where}")
    return {word: value for word, (value, _) in found.items()}


def alternation(phrases: Iterable[str]) -> str:
    """A regex group matching any of the phrases, the longest that matches first, so that
    "مساء امس" wins over "امس"; a group that never matches when there are none (an empty
    group would match everywhere).

    The group is written as a trie ("ab|ac" as "a(?:b|c)"): the regex engine then tries
    each character once instead of once per phrase, and among phrases that match at one
    place (each a prefix of the next) it still prefers the longest."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return f"(?:{_branches(trie)})" if trie else "(?!)"


def _branches(node: dict) -> str:
    """The regex of a trie node: its continuations, optional when a phrase ends there."""
    longer = [re.escape(char) + _branches(child) for char, child in sorted(node.items())
              if char]
    if not longer:
        return ""
    body = longer[0] if len(longer) == 1 else f"(?:{'|'.join(longer)})"
    return f"(?:{body})?" if "" in node else body


def _section(file: str, section: str) -> Iterator[tuple[Path, Any]]:
    """(path, section as written) for each language that has the section."""
    if section not in SECTIONS[file]:
        raise KnowledgeError(f"{file}: no section {section!r}")  # a typo in the code
    for path, sections in read(file):
        if sections.get(section) is not None:
            yield path, sections[section]


def _value(path: Path, section: str, key: Any, keys: type | Mapping[Any, Any]) -> Any:
    if isinstance(keys, type):
        # `type(...) is`, not isinstance: YAML reads a bare `on:` as True, an int
        if type(key) is keys:
            return key
        kind = {int: "a whole number", str: "text"}.get(keys, keys.__name__)
        raise KnowledgeError(f"{path}: {section}: key {key!r} should be {kind}")
    if key in keys:
        return keys[key]
    raise KnowledgeError(f"{path}: {section}: unknown key {key!r}; expected one of "
                         f"{', '.join(map(str, keys))}")


def _folded(path: Path, where: str, listed: Any) -> Iterator[str]:
    if not isinstance(listed, list):
        raise KnowledgeError(f"{path}: {where}: expected a list of words")
    for word in listed:
        if not isinstance(word, str):
            raise KnowledgeError(f"{path}: {where}: {word!r} is not text; YAML reads bare "
                                 "yes/no/on/off and numbers as such, so quote it")
        folded = fold(word).text.strip()
        if not folded:
            raise KnowledgeError(f"{path}: {where}: {word!r} is empty once folded")
        yield folded
