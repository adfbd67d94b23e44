"""Dates and times in Arabic and English, resolved against the report's publication time.

Absolute: "31 آب 2023", "25 أغسطس", "12 March 2024", "March 12, 2024", "2024-03-12",
"12/03/2024" (day first, as written in the region), "عام 2017", "in 2017".
Relative: "اليوم", "صباح اليوم", "أمس", "مساء أمس", "today", "yesterday", "last night",
"قبل يومين", "two days ago", "يوم الاثنين", "on Monday".
A month with no year is placed at its latest occurrence not after the reference date;
"الفائت/الماضي" (last) and "الجاري/الحالي" (this) only confirm it.

Periods: "last year", "العام الماضي", "last month", "this week", "tomorrow"; a month
after "in", "since", "last" or "في" ("in February", "last July"); a year after "in",
"since", "of", "عام", "منذ".

Each date is (folded start, folded end, ISO value, granularity): day "2023-08-31",
week (the day a week-long period is counted from), month "2023-08", or year "2017".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import ahocorasick

from raqib.knowledge.lang import alternation, table, words
from raqib.text.spans import Occupied
from raqib.text.tokens import Tokens

# The words live in data/lang/<language>/dates.yaml, each section with a comment on what
# it is for; these tables merge the languages and map folded words to values.
_DATA = "dates.yaml"
# The data files name months and weekdays in English whatever the language of the words
# listed under them; these are the numbers the resolver counts with.
_MONTH_NUMBER = {name: number for number, name in enumerate(
    "january february march april may june july august september october november december"
    .split(), start=1)}
_WEEKDAY_NUMBER = {name: number for number, name in enumerate(  # as date.weekday()
    "monday tuesday wednesday thursday friday saturday sunday".split())}
_PERIOD_UNITS = ("year", "month", "week", "day")

_MONTH_OF = table(_DATA, "months", _MONTH_NUMBER)
_WEEKDAY_OF = table(_DATA, "weekdays", _WEEKDAY_NUMBER)
_RELATIVE_OF = table(_DATA, "relative_days", int)  # phrase -> days before the reference
_AGO_DAYS = table(_DATA, "ago_days", int)  # "يومين", "two days" -> 2
# Periods relative to the reference date: phrase -> (unit, offset)
_PERIOD_OF = {phrase: (unit, offset) for unit in _PERIOD_UNITS
              for phrase, offset in table(_DATA, f"{unit}_periods", int).items()}

_MONTH = alternation(_MONTH_OF)
_WEEKDAY = alternation(_WEEKDAY_OF)
_REL = alternation(_RELATIVE_OF)
_PERIOD = alternation(_PERIOD_OF)
_AGO = alternation(_AGO_DAYS)
_PAST = alternation(words(_DATA, "month_past"))
_CURRENT = alternation(words(_DATA, "month_current"))
# Cue words around a date (the data files give an example of each)
_AGO_BEFORE = alternation(words(_DATA, "ago_before"))
_AGO_AFTER = alternation(words(_DATA, "ago_after"))
_YEAR_CUE = alternation(words(_DATA, "year_cues"))
_YEAR_NOUN = alternation(words(_DATA, "year_nouns"))
_MONTH_CUE = alternation(words(_DATA, "month_cues"))
_MONTH_NOUN = alternation(words(_DATA, "month_nouns"))
_LAST = alternation(words(_DATA, "last"))
_WEEKDAY_CUE = alternation(words(_DATA, "weekday_cues"))
_DAY_RANGE = alternation(words(_DATA, "day_range"))
_OF = alternation(words(_DATA, "of"))
_ORDINAL = alternation(words(_DATA, "ordinal_suffixes"))

_B = r"(?<!\w)"  # word boundary that also works for Arabic
_E = r"(?!\w)"
# Each pattern with the kind of word every match of it holds (its anchor): a digit, or a
# month's, weekday's, relative day's, period's or span's name from the tables above.
_PATTERNS = [
    ("iso", "digit", re.compile(rf"{_B}(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_E}")),
    ("dmy_num", "digit", re.compile(rf"{_B}(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_E}")),
    ("dmy", "digit", re.compile(
        rf"{_B}(\d{{1,2}})\s*(?:{_OF}\s+)?(?:{_MONTH_NOUN}\s+)?({_MONTH})"
        rf"(?:\s*[,،]?\s*(?:{_OF}\s+)?(?:{_YEAR_NOUN}\s+)?(\d{{4}}))?"
        rf"(?:\s+({_PAST}|{_CURRENT}))?{_E}")),
    ("mdy", "month", re.compile(
        rf"{_B}({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}?(?:,?\s+(\d{{4}}))?{_E}")),
    ("my", "month", re.compile(
        rf"{_B}(?:{_MONTH_NOUN}\s+)?({_MONTH})\s+(?:(\d{{4}})|({_PAST}|{_CURRENT})){_E}")),
    # (?P<d>...) is the date itself where a cue before it is only a cue; the last group
    # holds the year or month
    ("year", "digit", re.compile(rf"{_B}{_YEAR_CUE}\s+(?P<d>\d{{4}}){_E}")),
    ("year", "digit", re.compile(rf"{_B}{_YEAR_NOUN}\s+(\d{{4}}){_E}")),
    ("month", "month", re.compile(
        rf"{_B}{_MONTH_CUE}\s+(?P<d>(?:{_MONTH_NOUN}\s+)?({_MONTH})){_E}")),
    ("month", "month", re.compile(rf"{_B}(?:{_MONTH_NOUN}|{_LAST})\s+({_MONTH}){_E}")),
    ("period", "period", re.compile(rf"{_B}({_PERIOD}){_E}")),
    ("ago", "ago", re.compile(rf"{_B}(?:{_AGO_BEFORE}\s+({_AGO})|({_AGO})\s+{_AGO_AFTER}){_E}")),
    # the night between two days is the first one's: "ليل الخميس – الجمعة", "overnight
    # Thursday to Friday"
    ("weekday", "weekday", re.compile(
        rf"{_B}(?:(?:{_WEEKDAY_CUE}|{_LAST})\s+)?({_WEEKDAY})"
        rf"(?:\s*{_DAY_RANGE}\s*{_WEEKDAY})?{_E}")),
    ("relative", "relative", re.compile(rf"{_B}({_REL}){_E}")),
]


# A report holds few dates and many words: the patterns are tried only where a match can
# begin, at an anchor or at most _LEAD words before it (the cue words of a date:
# "منذ 2017", "في شهر آب", "يوم الاثنين"), instead of scanning the whole text thirteen times.
_ANCHORS = ahocorasick.Automaton()
for _kind, _table in (("month", _MONTH_OF), ("weekday", _WEEKDAY_OF), ("relative", _RELATIVE_OF),
                      ("period", _PERIOD_OF), ("ago", _AGO_DAYS)):
    for _word in _table:
        _ANCHORS.add_word(_word, (_kind, len(_word)))
_ANCHORS.make_automaton()
_DIGITS = re.compile(r"\d+")


def _most_words(*sections: str) -> int:
    return max((len(re.findall(r"\w+", phrase)) for section in sections
                for phrase in words(_DATA, section)), default=0)


_LEAD = max(_most_words("year_cues", "year_nouns", "last", "weekday_cues", "ago_before"),
            _most_words("month_cues") + _most_words("month_nouns"))


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str
    granularity: str  # day | month | year


def find_dates(doc: Tokens, reference: date) -> list[DateMention]:
    """The dates in `doc`'s folded text; where two patterns match the same words, the
    first in _PATTERNS wins."""
    found: list[DateMention] = []
    taken = Occupied()
    starts = _starts_near_anchors(doc)
    for kind, anchor, pattern in _PATTERNS:
        for m in _matches(pattern, doc.text, starts[anchor]):
            if taken.overlaps(m.start(), m.end()):
                continue
            resolved = _resolve(kind, m, reference)
            if resolved:
                value, granularity = resolved
                start = m.start("d") if "d" in pattern.groupindex else m.start()
                found.append(DateMention(start, m.end(), value, granularity))
                taken.take(m.start(), m.end())
    found.sort(key=lambda d: d.start)
    return found


def _starts_near_anchors(doc: Tokens) -> dict[str, list[int]]:
    """Anchor kind -> the starts of the words from _LEAD before each anchor to its last."""
    near: dict[str, set[int]] = defaultdict(set)

    def add(kind: str, start: int, end: int) -> None:
        first, last = bisect_right(doc.starts, start) - 1, bisect_right(doc.starts, end - 1) - 1
        near[kind].update(range(max(0, first - _LEAD), last + 1))

    for last_char, (kind, length) in _ANCHORS.iter(doc.text):
        add(kind, last_char + 1 - length, last_char + 1)
    for m in _DIGITS.finditer(doc.text):
        add("digit", m.start(), m.end())
    return defaultdict(list, {kind: [doc.starts[i] for i in sorted(indexes)]
                              for kind, indexes in near.items()})


def _matches(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """What `pattern.finditer(text)` yields, when every match begins at one of `starts`."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


def _resolve(kind: str, m: re.Match, ref: date) -> tuple[str, str] | None:
    g = m.groups()
    try:
        if kind == "iso":
            return date(int(g[0]), int(g[1]), int(g[2])).isoformat(), "day"
        if kind == "dmy_num":
            return date(int(g[2]), int(g[1]), int(g[0])).isoformat(), "day"
        if kind == "dmy":
            return _day(int(g[0]), _MONTH_OF[g[1]], g[2], ref)
        if kind == "mdy":
            return _day(int(g[1]), _MONTH_OF[g[0]], g[2], ref)
        if kind == "my":
            month = _MONTH_OF[g[0]]
            year = int(g[1]) if g[1] else _latest_year(month, 1, ref)
            return f"{year:04d}-{month:02d}", "month"
        if kind == "year":
            return (g[-1], "year") if 1900 <= int(g[-1]) <= ref.year + 1 else None
        if kind == "month":
            month = _MONTH_OF[g[-1]]
            year = ref.year if month <= ref.month else ref.year - 1
            return f"{year:04d}-{month:02d}", "month"
        if kind == "period":
            return _period(*_PERIOD_OF[g[0]], ref)
        if kind == "ago":
            return (ref - timedelta(days=_AGO_DAYS[g[0] or g[1]])).isoformat(), "day"
        if kind == "weekday":
            back = (ref.weekday() - _WEEKDAY_OF[g[0]]) % 7
            return (ref - timedelta(days=back)).isoformat(), "day"
        return (ref - timedelta(days=_RELATIVE_OF[g[0]])).isoformat(), "day"
    except ValueError:  # 31 February and the like: not a date
        return None


def _period(unit: str, offset: int, ref: date) -> tuple[str, str]:
    if unit == "year":
        return f"{ref.year + offset:04d}", "year"
    if unit == "month":
        year, month = divmod(ref.year * 12 + ref.month - 1 + offset, 12)
        return f"{year:04d}-{month + 1:02d}", "month"
    days = 7 * offset if unit == "week" else offset
    return (ref + timedelta(days=days)).isoformat(), "week" if unit == "week" else "day"


def _day(day: int, month: int, year: str | None, ref: date) -> tuple[str, str]:
    y = int(year) if year else _latest_year(month, day, ref)
    return date(y, month, day).isoformat(), "day"


def _latest_year(month: int, day: int, ref: date) -> int:
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
