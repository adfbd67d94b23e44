"""A group's marks, in pages.

In a burst (a night of strikes, a feed replayed) a rule's window can hold thousands of
marks, and a group's record is written to its changelog each time it changes. So a group
keeps only its newest marks in its own record; each time they reach `PAGE_MARKS` they are
sealed into a `Page` of the pages store, which is written again only when marks in it
are forgotten. A report then rewrites its groups' records and their newest marks, not
the whole of every window it falls in.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from raqib.alerts.state import Group, Mark, Page

PAGE_MARKS = 32


def page_key(group_key: str, number: int) -> str:
    """The group's key (a JSON array) with the page's number after its parts."""
    return f"{group_key[:-1]},{number}]"


class Marks:
    """The marks of every group: the sealed pages in `pages`, the newest in the group."""

    def __init__(self, pages: MutableMapping[str, Page]) -> None:
        self.pages = pages

    def of(self, group_key: str, group: Group) -> list[Mark]:
        """The group's marks, oldest first."""
        if not group.pages:
            return group.marks
        return [mark for number in group.pages
                for mark in self.pages[page_key(group_key, number)].marks] + group.marks

    def add(self, group_key: str, group: Group, marks: list[Mark]) -> None:
        group.marks.extend(marks)
        while len(group.marks) >= PAGE_MARKS:
            number = group.pages[-1] + 1 if group.pages else 0
            self.pages[page_key(group_key, number)] = Page(group.marks[:PAGE_MARKS])
            group.pages.append(number)
            group.marks = group.marks[PAGE_MARKS:]

    def forget_before(self, group_key: str, group: Group, horizon: int) -> None:
        """Drop the marks of events before `horizon` (epoch seconds); a page is rewritten
        only if it loses some, and deleted if it loses all."""
        for number in list(group.pages):
            key = page_key(group_key, number)
            page = self.pages[key]
            kept = [mark for mark in page.marks if mark.at >= horizon]
            if not kept:
                del self.pages[key]
                group.pages.remove(number)
            elif len(kept) < len(page.marks):
                self.pages[key] = Page(kept)
        group.marks = [mark for mark in group.marks if mark.at >= horizon]
