"""Near-duplicate detection: wire copies and re-publications of one story.

A signature has two parts:

* a MinHash of the text's word 3-shingles (multiply-shift hashing with constants fixed
  here, so stored signatures stay comparable across library versions), searched with
  LSH banding: it finds texts that share most of their wording;
* its *key tokens* - numbers, number words, weekdays, months and capitalised words
  (names, places) - each with its context (the words before and after it), as pairs of
  32-bit hashes. Templated reports ("Police dispersed protesters in Nairobi on Monday
  ... about 200 people" against the same sentence with Mombasa, Tuesday and 350) share
  almost all their wording and differ exactly there: the same context holds a different
  key token. Copies of one story differ by added or removed material (a dateline, a
  credit line, a sentence), which brings new contexts, not conflicting ones.

Two texts are near-duplicates when the estimated shingle Jaccard similarity reaches
JACCARD_THRESHOLD and at most MAX_CONFLICT_RATIO of the key-token contexts they share
hold different key tokens.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import defaultdict
from typing import Iterable

import numpy as np

__all__ = ["NearDuplicateIndex", "JACCARD_THRESHOLD", "MAX_CONFLICT_RATIO",
           "shingle_jaccard", "key_conflicts", "is_near_duplicate"]

NUM_PERM = 96
# LSH banding of the 96 MinHash values: 32 bands of 3 rows. A pair with Jaccard 0.5 shares
# a band with probability 1-(1-0.5^3)^32 = 0.986; unrelated news (Jaccard < 0.05) with
# probability < 0.4%, so candidate lists stay short in a store of 10^5-10^6 documents.
BANDS, ROWS = 32, 3
# Estimated Jaccard similarity of word 3-shingles at or above which two texts share their
# wording. Chosen on hand-made pairs (tests/test_ingest_dedupe.py): copies of one story
# (another dateline or credit line, site boilerplate, a dropped or added sentence, light
# rewording) scored 0.77-0.90; texts on the same topic written separately score < 0.1.
# 0.45 leaves a wide margin below the copies for heavier edits and for the estimate's
# error (a 96-value MinHash has a standard error of ~0.05 at J=0.5). Templated reports
# score 0.57-0.88 here too: the key-token test below is what separates them.
JACCARD_THRESHOLD = 0.45
# Largest share of shared key-token contexts that may hold different tokens. A short
# templated report has 4-8 such contexts, so one substituted place/day/figure is already
# 0.12-0.25; copies of one story show 0 (or one accidental clash, e.g. "the X said" with
# different X in an added sentence, among 20+ shared contexts: <= 0.05).
MAX_CONFLICT_RATIO = 0.1
# Key-token (context, token) pairs kept per signature: the 128 with the smallest context
# hashes (a bottom-k sample, so two long texts are compared on the same contexts).
MAX_KEYS = 128
_VERSION = 1
# Multiply-shift hash parameters, drawn once from a fixed seed:
# numpy's RandomState stream is frozen, so these never change.
_PERM_RNG = np.random.RandomState(20241106)
# a and b are 64-bit (a odd): ((a*h + b) mod 2^64) >> 32 is a multiply-shift hash.
_PERM_A = (_PERM_RNG.randint(0, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2)
           + np.uint64(1)).reshape(-1, 1)
_PERM_B = _PERM_RNG.randint(0, 2**63, size=NUM_PERM, dtype=np.uint64).reshape(-1, 1)
del _PERM_RNG
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
_EMPTY_HASH = np.uint32(0xFFFFFFFF)
_HEADER = struct.Struct("<BBH")  # version, rows per band (sanity), number of key hashes

_WORD = re.compile(r"\w+(?:[.,']\w+)*", re.U)
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions dozen dozens first second "
    "third fourth fifth half".split())
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december yesterday today tomorrow".split())
# Capitalised words that start sentences and carry no identity.
_COMMON_CAPS = frozenset(
    "the a an in on at it he she they we i you this that these those but and or so if as "
    "by after before when while there here his her their its our according police officials "
    "meanwhile however also earlier later some many several".split())


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def _shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the lower-cased word 3-shingles (one shingle for 1-2 words)."""
    h = np.fromiter((zlib.crc32(w.lower().encode("utf-8", "surrogatepass")) for w in words),
                    dtype=np.uint64, count=len(words))
    if len(h) < 3:
        h = np.concatenate([h, np.zeros(3 - len(h), dtype=np.uint64)]) if len(h) else h
    if len(h) == 0:
        return h
    x = h[:-2] * _MIX[0]  # array arithmetic wraps modulo 2^64 silently
    x += h[1:-1] * _MIX[1]
    x += h[2:] * _MIX[2]
    x ^= x >> np.uint64(31)
    return x & np.uint64(0xFFFFFFFF)


def _minhash(shingles: np.ndarray) -> np.ndarray:
    if len(shingles) == 0:
        return np.full(NUM_PERM, _EMPTY_HASH, dtype=np.uint32)
    values = np.multiply(_PERM_A, shingles.reshape(1, -1))  # wraps modulo 2^64
    values += _PERM_B
    values >>= np.uint64(32)
    return values.min(axis=1).astype(np.uint32)


def _is_key(word: str) -> bool:
    low = word.lower()
    return (word[0].isdigit() or low in _NUMBER_WORDS or low in _CALENDAR
            or (word[0].isupper() and len(word) > 1 and low not in _COMMON_CAPS))


def _key_pairs(words: list[str]) -> np.ndarray:
    """Sorted unique (context hash << 32 | token hash) for every token of every run of
    consecutive key tokens ("June 8", "Jonas Ekwueme"); the context of a run is the
    non-key word before and after it."""
    pairs = set()
    is_key = [_is_key(w) for w in words]
    n, i = len(words), 0
    while i < n:
        if not is_key[i]:
            i += 1
            continue
        j = i
        while j < n and is_key[j]:
            j += 1
        before = words[i - 1].lower() if i else "^"
        after = words[j].lower() if j < n else "$"
        if before != "^" or after != "$":
            ctx = _hash32(f"{before} _ {after}") << 32
            for w in words[i:j]:
                pairs.add(ctx | _hash32(w.lower().replace(",", "") if w[0].isdigit() else w.lower()))
        i = j
    return np.array(sorted(pairs), dtype=np.uint64)


def _hash32(token: str) -> int:
    return zlib.crc32(token.encode("utf-8", "surrogatepass"))


class _Sig:
    __slots__ = ("minhash", "keys")

    def __init__(self, minhash: np.ndarray, keys: np.ndarray) -> None:
        self.minhash, self.keys = minhash, keys


def _pack(minhash: np.ndarray, keys: np.ndarray) -> bytes:
    return (_HEADER.pack(_VERSION, ROWS, len(keys)) + minhash.astype("<u4").tobytes()
            + keys.astype("<u8").tobytes())


def _unpack(sig: bytes) -> _Sig:
    version, _rows, n_keys = _HEADER.unpack_from(sig)
    if version != _VERSION:
        raise ValueError(f"unknown near-duplicate signature version {version}")
    start = _HEADER.size
    minhash = np.frombuffer(sig, dtype="<u4", count=NUM_PERM, offset=start)
    keys = np.frombuffer(sig, dtype="<u8", count=n_keys, offset=start + 4 * NUM_PERM)
    return _Sig(minhash, keys)


def shingle_jaccard(a: _Sig, b: _Sig) -> float:
    return float(np.count_nonzero(a.minhash == b.minhash)) / NUM_PERM


def _below(keys: np.ndarray, cut: np.uint64 | None) -> np.ndarray:
    return keys if cut is None else keys[(keys >> np.uint64(32)) <= cut]


def _by_context(keys: np.ndarray) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for k in keys.tolist():
        out[k >> 32].add(k & 0xFFFFFFFF)
    return out


def key_conflicts(a: _Sig, b: _Sig) -> tuple[int, int]:
    """(contexts both texts have, of which conflict). A context conflicts when neither
    text's key tokens there are a subset of the other's: "in Nairobi on" against "in
    Kisumu on" conflicts; "Jonas Ekwueme said" against "Ekwueme said" does not."""
    cuts = [k[-1] >> np.uint64(32) for k in (a.keys, b.keys) if len(k) >= MAX_KEYS]
    cut = min(cuts) if cuts else None
    ga, gb = _by_context(_below(a.keys, cut)), _by_context(_below(b.keys, cut))
    shared = ga.keys() & gb.keys()
    conflicts = sum(1 for c in shared if not (ga[c] <= gb[c] or gb[c] <= ga[c]))
    return len(shared), conflicts


def is_near_duplicate(a: _Sig, b: _Sig) -> bool:
    if shingle_jaccard(a, b) < JACCARD_THRESHOLD:
        return False
    shared, conflicts = key_conflicts(a, b)
    return conflicts <= MAX_CONFLICT_RATIO * shared


class NearDuplicateIndex:
    """Finds, for a new text, the first-added earlier text that is a near-duplicate."""

    def __init__(self) -> None:
        self._order: dict[str, int] = {}
        self._sigs: list[_Sig] = []
        self._ids: list[str] = []
        self._bands: list[dict[bytes, list[int]]] = [defaultdict(list) for _ in range(BANDS)]

    def __len__(self) -> int:
        return len(self._ids)

    def signature(self, text: str) -> bytes:
        """A compact signature of ``text`` (at most ~1.4 KB) to store and pass to add/find."""
        words = _tokens(text)
        return _pack(_minhash(_shingle_hashes(words)), _key_pairs(words)[:MAX_KEYS])

    def _band_keys(self, sig: _Sig) -> list[bytes]:
        mh = sig.minhash
        return [mh[i * ROWS:(i + 1) * ROWS].tobytes() for i in range(BANDS)]

    def add(self, doc_id: str, signature: bytes) -> None:
        if doc_id in self._order:
            return
        sig = _unpack(signature)
        pos = len(self._ids)
        self._order[doc_id] = pos
        self._ids.append(doc_id)
        self._sigs.append(sig)
        for band, key in zip(self._bands, self._band_keys(sig)):
            band[key].append(pos)

    def find(self, signature: bytes) -> str | None:
        """The first-added document that ``signature``'s text near-duplicates, or None."""
        sig = _unpack(signature)
        candidates: set[int] = set()
        for band, key in zip(self._bands, self._band_keys(sig)):
            hit = band.get(key)
            if hit:
                candidates.update(hit)
        for pos in sorted(candidates):
            if is_near_duplicate(sig, self._sigs[pos]):
                return self._ids[pos]
        return None

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, bytes]]) -> NearDuplicateIndex:
        """Rebuild an index from stored (doc_id, signature) pairs, in first-added order."""
        index = cls()
        for doc_id, signature in pairs:
            index.add(doc_id, signature)
        return index
