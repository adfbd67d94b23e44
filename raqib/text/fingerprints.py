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


def simhash(folded_text: str, shingle: int = 2) -> str:
    """64-bit SimHash over word shingles.

    The per-bit vote is counted column by column in C: all shingle digests are joined,
    each of the 8 byte columns is sliced out, and for each bit a translate+count tallies
    the digests that have it set.
    """
    tokens = _TOKEN.findall(folded_text)
    if len(tokens) > shingle:
        grams = [" ".join(tokens[i : i + shingle]) for i in range(len(tokens) - shingle + 1)]
    else:
        grams = tokens
    digests = b"".join(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in grams)
    half = len(grams) / 2
    value = 0
    for byte in range(8):
        column = digests[byte::8]
        for bit in range(8):
            if column.translate(_BIT_SET[bit]).count(1) > half:
                value |= 1 << (8 * (7 - byte) + bit)
    return f"{value:016x}"


# _BIT_SET[b] maps a byte to 1 when its bit b is set, else to 0.
_BIT_SET = [bytes((value >> b) & 1 for value in range(256)) for b in range(8)]


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()
