"""Duplicate keys: an exact content hash and a 64-bit SimHash for near duplicates.

Both are computed on the folded text, so that reposts differing only in diacritics,
quote marks or spacing share a content hash, and lightly edited copies (a changed
headline, an added sentence) stay within a few bits of SimHash distance.
"""

from __future__ import annotations

import hashlib
import re

_TOKEN = re.compile(r"\w+")


def content_hash(folded_text: str) -> str:
    return hashlib.blake2b(" ".join(folded_text.split()).encode(), digest_size=16).hexdigest()


def _h64(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "big")


def simhash(folded_text: str, shingle: int = 2) -> str:
    tokens = _TOKEN.findall(folded_text)
    if len(tokens) < shingle:
        grams = tokens
    else:
        grams = [" ".join(tokens[i : i + shingle]) for i in range(len(tokens) - shingle + 1)]
    weights = [0] * 64
    for gram in grams:
        h = _h64(gram)
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return f"{value:016x}"


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()
