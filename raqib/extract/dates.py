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

from raqib.text.fold import fold
from raqib.text.spans import Occupied

_MONTHS = {
    1: ["كانون الثاني", "يناير", "january", "jan"],
    2: ["شباط", "فبراير", "february", "feb"],
    3: ["آذار", "مارس", "march", "mar"],
    4: ["نيسان", "أبريل", "ابريل", "april", "apr"],
    5: ["أيار", "مايو", "مايس", "may"],
    6: ["حزيران", "يونيو", "يونيه", "june", "jun"],
    7: ["تموز", "يوليو", "يوليه", "july", "jul"],
    8: ["آب", "أغسطس", "اغسطس", "august", "aug"],
    9: ["أيلول", "سبتمبر", "september", "sept", "sep"],
    10: ["تشرين الأول", "أكتوبر", "اكتوبر", "october", "oct"],
    11: ["تشرين الثاني", "نوفمبر", "november", "nov"],
    12: ["كانون الأول", "ديسمبر", "december", "dec"],
}
_MONTH_OF = {fold(name).text: month for month, names in _MONTHS.items() for name in names}
_MONTH = "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True))
_PAST = "الفائت|الفايت|الماضي|المنصرم|المنقضي"
_CURRENT = "الجاري|الحالي"

_WEEKDAYS = {
    0: ["الاثنين", "الإثنين", "monday"], 1: ["الثلاثاء", "tuesday"], 2: ["الأربعاء", "wednesday"],
    3: ["الخميس", "thursday"], 4: ["الجمعة", "friday"], 5: ["السبت", "saturday"],
    6: ["الأحد", "sunday"],
}
_WEEKDAY_OF = {fold(n).text: d for d, names in _WEEKDAYS.items() for n in names}
_WEEKDAY = "|".join(sorted(map(re.escape, _WEEKDAY_OF), key=len, reverse=True))

# Relative days: phrase -> days before the reference date.
_RELATIVE = {
    "فجر اليوم": 0, "صباح اليوم": 0, "ظهر اليوم": 0, "مساء اليوم": 0, "ليل اليوم": 0,
    "اليوم": 0, "today": 0, "this morning": 0, "this evening": 0, "tonight": 0,
    "أمس": 1, "الأمس": 1, "البارحة": 1, "مساء أمس": 1, "صباح أمس": 1, "ليلة أمس": 1,
    "فجر أمس": 1, "yesterday": 1, "last night": 1, "أول أمس": 2, "اول امس": 2,
    "the day before yesterday": 2,
}
_RELATIVE_OF = {fold(k).text: v for k, v in _RELATIVE.items()}
_REL = "|".join(sorted(map(re.escape, _RELATIVE_OF), key=len, reverse=True))

_COUNT_WORDS = {"يوم": 1, "يومين": 2, "ثلاثة ايام": 3, "اربعة ايام": 4, "اسبوع": 7,
                "one day": 1, "two days": 2, "three days": 3, "a week": 7}
# Periods relative to the reference date: phrase -> (unit, offset), unit year|month|week|day.
_PERIODS = {
    "last year": ("year", -1), "the last year": ("year", -1), "a year ago": ("year", -1),
    "this year": ("year", 0), "next year": ("year", 1), "last month": ("month", -1),
    "this month": ("month", 0), "last week": ("week", -1), "this week": ("week", 0),
    "tomorrow": ("day", 1), "this weekend": ("week", 0), "recent days": ("week", 0),
    "العام الماضي": ("year", -1), "السنة الماضية": ("year", -1), "العام الفائت": ("year", -1),
    "قبل عام": ("year", -1), "العام الحالي": ("year", 0), "هذا العام": ("year", 0),
    "العام الجاري": ("year", 0), "الشهر الماضي": ("month", -1), "الشهر الفائت": ("month", -1),
    "الشهر الجاري": ("month", 0), "الشهر الحالي": ("month", 0), "الأسبوع الماضي": ("week", -1),
    "الأسبوع الفائت": ("week", -1), "هذا الأسبوع": ("week", 0), "الأيام الماضية": ("week", 0),
    "الأيام الأخيرة": ("week", 0), "غدا": ("day", 1),
}
_PERIOD_OF = {fold(k).text: v for k, v in _PERIODS.items()}
_PERIOD = "|".join(sorted(map(re.escape, _PERIOD_OF), key=len, reverse=True))
_AGO = "|".join(sorted(map(re.escape, _COUNT_WORDS), key=len, reverse=True))

_B = r"(?<!\w)"  # word boundary that also works for Arabic
_E = r"(?!\w)"
_PATTERNS = [
    ("iso", re.compile(rf"{_B}(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_E}")),
    ("dmy_num", re.compile(rf"{_B}(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_E}")),
    ("dmy", re.compile(
        rf"{_B}(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({_MONTH})(?:\s*[,،]?\s*(?:من\s+)?(?:عام\s+)?(\d{{4}}))?"
        rf"(?:\s+({_PAST}|{_CURRENT}))?{_E}")),
    ("mdy", re.compile(rf"{_B}({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?{_E}")),
    ("my", re.compile(rf"{_B}(?:شهر\s+)?({_MONTH})\s+(?:(\d{{4}})|({_PAST}|{_CURRENT})){_E}")),
    # (?P<d>...) is the date itself where a preposition before it is only a cue; the
    # last group holds the year or month
    ("year", re.compile(rf"{_B}(?:منذ|in|since|during|until|of|by|from|before|after)\s+"
                        rf"(?P<d>\d{{4}}){_E}")),
    ("year", re.compile(rf"{_B}(?:عام|سنة|العام)\s+(\d{{4}}){_E}")),
    ("month", re.compile(rf"{_B}(?:في|خلال|منذ|in|since|during|until|by)\s+"
                         rf"(?P<d>(?:شهر\s+)?({_MONTH})){_E}")),
    ("month", re.compile(rf"{_B}(?:شهر|last)\s+({_MONTH}){_E}")),
    ("period", re.compile(rf"{_B}({_PERIOD}){_E}")),
    ("ago", re.compile(rf"{_B}(?:قبل\s+({_AGO})|({_AGO})\s+ago){_E}")),
    ("weekday", re.compile(rf"{_B}(?:يوم\s+|on\s+|last\s+)?({_WEEKDAY}){_E}")),
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
            return (ref - timedelta(days=_COUNT_WORDS[g[0] or g[1]])).isoformat(), "day"
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
