"""What `raqib feed` and `raqib process` read: JSONL, text files, folders, or stdin.

- a .jsonl / .ndjson file: one raw report (JSON object) per non-empty line;
- a .json file: one raw report;
- any other file (.txt, ...): one plain-text report, the file's content;
- a folder: those files inside it, recursively, in name order;
- `-`: standard input, as JSONL when its first non-blank character is `{`, else one
  plain-text report.
Each item keeps where it came from ("reports.jsonl:12") for error messages.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LINE_FORMATS = (".jsonl", ".ndjson")
FILE_FORMATS = (*LINE_FORMATS, ".json", ".txt")


@dataclass(frozen=True)
class Item:
    origin: str
    payload: bytes


def read_inputs(path: str) -> Iterator[Item]:
    if path == "-":
        yield from _stdin()
        return
    target = Path(path)
    if target.is_dir():
        for file in sorted(p for p in target.rglob("*") if p.suffix.lower() in FILE_FORMATS):
            yield from _file(file)
    elif target.is_file():
        yield from _file(target)
    else:
        raise FileNotFoundError(f"{path}: no such file or folder")


def count_items(path: str) -> int | None:
    """How many items `read_inputs(path)` yields, when that is cheap to know."""
    if path == "-":
        return None
    target = Path(path)
    files = sorted(target.rglob("*")) if target.is_dir() else [target]
    total = 0
    for file in files:
        if file.suffix.lower() in LINE_FORMATS:
            with file.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif file.is_file() and (file.suffix.lower() in FILE_FORMATS or not target.is_dir()):
            total += 1
    return total


def _file(file: Path) -> Iterator[Item]:
    if file.suffix.lower() in LINE_FORMATS:
        with file.open("rb") as handle:
            yield from _lines(str(file), handle)
    else:
        yield Item(str(file), file.read_bytes())


def _lines(origin: str, handle) -> Iterator[Item]:
    for number, line in enumerate(handle, start=1):
        line = line.strip()
        if line:
            yield Item(f"{origin}:{number}", line)


def _stdin() -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if data.lstrip()[:1] == b"{":
        yield from _lines("<stdin>", data.splitlines())
    elif data.strip():
        yield Item("<stdin>", data)
