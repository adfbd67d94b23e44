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
from dataclasses import dataclass
from datetime import date, timedelta

from raqib.knowledge.lang import alternation, table, words
from raqib.text.spans import Occupied

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
_PATTERNS = [
    ("iso", re.compile(rf"{_B}(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_E}")),
    ("dmy_num", re.compile(rf"{_B}(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_E}")),
    ("dmy", re.compile(
        rf"{_B}(\d{{1,2}})\s*(?:{_OF}\s+)?(?:{_MONTH_NOUN}\s+)?({_MONTH})"
        rf"(?:\s*[,،]?\s*(?:{_OF}\s+)?(?:{_YEAR_NOUN}\s+)?(\d{{4}}))?"
        rf"(?:\s+({_PAST}|{_CURRENT}))?{_E}")),
    ("mdy", re.compile(rf"{_B}({_MONTH})\.?\s+(\d{{1,2}}){_ORDINAL}?(?:,?\s+(\d{{4}}))?{_E}")),
    ("my", re.compile(
        rf"{_B}(?:{_MONTH_NOUN}\s+)?({_MONTH})\s+(?:(\d{{4}})|({_PAST}|{_CURRENT})){_E}")),
    # (?P<d>...) is the date itself where a cue before it is only a cue; the last group
    # holds the year or month
    ("year", re.compile(rf"{_B}{_YEAR_CUE}\s+(?P<d>\d{{4}}){_E}")),
    ("year", re.compile(rf"{_B}{_YEAR_NOUN}\s+(\d{{4}}){_E}")),
    ("month", re.compile(rf"{_B}{_MONTH_CUE}\s+(?P<d>(?:{_MONTH_NOUN}\s+)?({_MONTH})){_E}")),
    ("month", re.compile(rf"{_B}(?:{_MONTH_NOUN}|{_LAST})\s+({_MONTH}){_E}")),
    ("period", re.compile(rf"{_B}({_PERIOD}){_E}")),
    ("ago", re.compile(rf"{_B}(?:{_AGO_BEFORE}\s+({_AGO})|({_AGO})\s+{_AGO_AFTER}){_E}")),
    # the night between two days is the first one's: "ليل الخميس – الجمعة", "overnight
    # Thursday to Friday"
    ("weekday", re.compile(rf"{_B}(?:(?:{_WEEKDAY_CUE}|{_LAST})\s+)?({_WEEKDAY})"
                           rf"(?:\s*{_DAY_RANGE}\s*{_WEEKDAY})?{_E}")),
    ("relative", re.compile(rf"{_B}({_REL}){_E}")),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str
    granularity: str  # day | month | year


def find_dates(text: str, reference: date) -> list[DateMention]:
    found: list[DateMention] = []
    taken = Occupied()
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
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
