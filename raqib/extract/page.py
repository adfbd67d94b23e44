"""The parts of a page that are not the report: other articles' headlines, comments,
trailers, and sentences off the report's topic."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from raqib.knowledge.base import SECTION_CUE, TOPIC_CUE
from raqib.knowledge.matcher import Hit

#: a line this long is prose, not a headline, a heading or a trailer
_HEADING_WORDS = 25
_COMMENTS_HEADING_WORDS = 6
#: a first line this short is the report's headline even with no blank line under it
_HEADLINE_WORDS = 12
#: headlines under a "read also" heading, at most
_RELATED_LINES = 6
_NON_BLANK = re.compile(r"\S")
#: what may come before a heading's words on its line: "#### Related", "(File photo: ...)"
_LEADING = " -•*|#>:.(["


def sections(text: str, sentences: list[tuple[int, int]], cues: list[Hit]) -> list[str]:
    """Per sentence: "body", or the part of the page it is in that is not the report:
    "related" (other articles' headlines after "اقرأ أيضا", "Read also"), "comments"
    (everything after a comments heading), "trailer" (the outlet's lines: copyright,
    "follow us") or "caption" (a photo's: "صورة أرشيفية: آثار قصف سابق")."""
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    kinds = [{} for _ in lines]  # line -> section kind -> where its cue starts
    for cue in cues:
        for term in cue.terms:
            if isinstance(term.payload, str) and term.payload.startswith(SECTION_CUE):
                line = _line_of(lines, cue.start)
                kinds[line].setdefault(term.payload.removeprefix(SECTION_CUE), cue.start)
    section = ["body"] * len(lines)
    related_left = 0
    for i, (lo, hi) in enumerate(lines):
        words = len(text[lo:hi].split())
        at_start = {kind for kind, where in kinds[i].items()
                    if not text[lo:where].strip(_LEADING)}
        if "comments" in at_start and words <= _COMMENTS_HEADING_WORDS:
            section[i:] = ["comments"] * (len(lines) - i)
            break
        if "trailer" in kinds[i] and words <= _HEADING_WORDS:
            section[i] = "trailer"
        elif "caption" in at_start and words <= _HEADING_WORDS:
            section[i] = "caption"
        elif "related" in at_start and words <= _HEADING_WORDS:
            section[i], related_left = "related", _RELATED_LINES
        elif related_left and words <= _HEADING_WORDS and not text[lo:hi].rstrip().endswith("."):
            section[i], related_left = "related", related_left - 1
        else:
            related_left = 0
    by_sentence = []
    for s_start, _ in sentences:
        line = _line_of(lines, s_start)
        inline = any(kind == "related" and not text[s_start:where].strip(_LEADING)
                     for kind, where in kinds[line].items())  # "... . اقرأ أيضا: ..."
        by_sentence.append("related" if inline and section[line] == "body" else section[line])
    return by_sentence


def _first_line(text: str) -> tuple[int, int]:
    """Where the page's first line that is not blank starts and ends."""
    found = _NON_BLANK.search(text)
    start = found.start() if found else len(text)
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def headline(original: str, folded: str) -> tuple[int, int] | None:
    """Where the report's own headline is in `folded`: a short first line, with no full
    stop, that the report's text follows after a blank line, or right under it when the
    line is shorter still ("Drone strike hits militia convoy in eastern Syria\n\nUnidentified
    drones struck"). It is judged on the original text: folding joins blank lines."""
    start, end = _first_line(original)
    if _NON_BLANK.search(original, end) is None:
        return None
    line = original[start:end].rstrip()
    words = len(line.split())
    if words > _HEADING_WORDS or line.endswith((".", ":", "?", "؟")):
        return None
    if words > _HEADLINE_WORDS and _NON_BLANK.match(original[end + 1:].lstrip(" \t\r")):
        return None  # a longer line with the text right under it: the report's first sentence
    first, folded_end = _first_line(folded)
    return first, len(folded[:folded_end].rstrip())


def is_analysis(text: str, cues: list[Hit]) -> bool:
    """Whether the page's first line opens with "Analysis:", "تحليل:" or the like: a piece
    about patterns, whose undated strikes are not news."""
    first, end = _first_line(text)
    return any(term.payload == SECTION_CUE + "analysis" and first <= cue.start < end
               and not text[first:cue.start].strip(_LEADING)
               for cue in cues for term in cue.terms)


#: distinct words of one topic that make a report partly about it, and that a sentence of
#: it needs for its triggers to take that topic's sense
_TOPIC_REPORT_WORDS = 4
_TOPIC_SENTENCE_WORDS = 2


def off_topic(sentences: list[tuple[int, int]], cues: list[Hit]) -> list[bool]:
    """Per sentence, whether its triggers are words of another topic: "شن لاعبو أربيل
    هجمات على مرمى زاخو", "انفجار في أسعار الذهب"."""
    words: list[tuple[int, str, str]] = [
        (cue.start, term.payload, cue.key) for cue in cues for term in cue.terms
        if isinstance(term.payload, str) and term.payload.startswith(TOPIC_CUE)]
    in_report = Counter(topic for topic, _ in {(topic, key) for _, topic, key in words})
    topics = {topic for topic, n in in_report.items() if n >= _TOPIC_REPORT_WORDS}
    words = [word for word in words if word[1] in topics]
    flags = []
    for lo, hi in sentences:
        here = Counter(topic for topic, _ in {(topic, key) for start, topic, key in words
                                              if lo <= start < hi}) if words else {}
        flags.append(any(n >= _TOPIC_SENTENCE_WORDS for n in here.values()))
    return flags


def _line_of(lines: list[tuple[int, int]], offset: int) -> int:
    return max(0, bisect_left([hi for _, hi in lines], offset))
