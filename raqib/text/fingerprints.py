"""Duplicate keys: an exact content hash, and a MinHash signature for near duplicates.

Both are computed on the folded text, so that reposts differing only in diacritics,
quote marks or spacing share a content hash, and lightly edited copies (a "عاجل |"
prefix, a changed headline, an added sentence) keep a high estimated resemblance.

The MinHash is one-permutation hashing: each word bigram is hashed once and falls in
one of 32 bins, which keeps its smallest hash (16 bits kept). The share of bins two
signatures agree on estimates the Jaccard resemblance of their bigram sets, also for
short reports, at the cost of one hash per bigram.
"""

from __future__ import annotations

import hashlib
import re

_TOKEN = re.compile(r"\w+")
BINS = 32
_EMPTY = 0xFFFF  # a bin no bigram fell in (short texts)


def content_hash(folded_text: str) -> str:
    return hashlib.blake2b(" ".join(folded_text.split()).encode(), digest_size=16).hexdigest()


def minhash(folded_text: str) -> str:
    tokens = _TOKEN.findall(folded_text)
    grams = [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)] or tokens
    bins = [_EMPTY + 1] * BINS
    for gram in grams:
        value = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big")
        slot, rest = value % BINS, (value >> 8) & 0xFFFF
        if rest < bins[slot]:
            bins[slot] = rest
    return "".join(f"{min(b, _EMPTY):04x}" for b in bins)


def resemblance(a: str, b: str) -> float:
    """Estimated Jaccard resemblance of two texts' bigram sets, from their signatures."""
    pairs = [(a[i : i + 4], b[i : i + 4]) for i in range(0, 4 * BINS, 4)]
    filled = [(x, y) for x, y in pairs if x != "ffff" or y != "ffff"]
    if not filled:
        return 0.0
    return sum(x == y for x, y in filled) / len(filled)
