"""The compiled gazetteer: names, aliases, reference points and the versioned cache."""

from __future__ import annotations

import pickle
import time

import pytest

from sitroom.geo import gazetteer as gz
from sitroom.geo.gazetteer import ADMIN1, CITY, COUNTRY, haversine_km, normalize


def _best(gaz, name: str, kind: int, iso3: str | None = None) -> int:
    ids = [i for i in gaz.lookup(normalize(name))
           if gaz.kind[i] == kind and (iso3 is None or gaz.iso3(i) == iso3)]
    assert ids, f"no {name!r}"
    return max(ids, key=lambda i: int(gaz.population[i]))


def test_geo_kiev_and_kyiv_name_the_same_city(gazetteer):
    assert _best(gazetteer, "Kiev", CITY, "UKR") == _best(gazetteer, "Kyiv", CITY, "UKR")


@pytest.mark.parametrize("name, iso3, lat, lon", [
    ("Kursk", "RUS", 51.7, 36.2),
    ("Donetsk", "UKR", 48.0, 37.8),
    ("Idlib", "SYR", 35.8, 36.6),
    ("Ohio", "USA", 40.3, -82.8),
    ("Ontario", "CAN", 50.0, -85.0),
])
def test_geo_first_level_divisions_have_a_central_point(gazetteer, name, iso3, lat, lon):
    pid = _best(gazetteer, name, ADMIN1, iso3)
    assert haversine_km(lat, lon, float(gazetteer.lat[pid]), float(gazetteer.lon[pid])) < 161


@pytest.mark.parametrize("name, iso3, lat, lon", [
    ("United States", "USA", 39.76, -98.5),
    ("France", "FRA", 46.0, 2.0),
    ("Syria", "SYR", 35.0, 38.0),
    ("Afghanistan", "AFG", 33.0, 66.0),
])
def test_geo_countries_use_reference_points(gazetteer, name, iso3, lat, lon):
    pid = _best(gazetteer, name, COUNTRY, iso3)
    assert haversine_km(lat, lon, float(gazetteer.lat[pid]), float(gazetteer.lon[pid])) < 50


@pytest.mark.parametrize("alias, iso3", [("U.S.", "USA"), ("UK", "GBR"), ("DRC", "COD"),
                                         ("Ivory Coast", "CIV"), ("Burma", "MMR")])
def test_geo_country_aliases_resolve(gazetteer, alias, iso3):
    assert any(gazetteer.kind[i] == COUNTRY and gazetteer.iso3(i) == iso3
               for i in gazetteer.lookup(normalize(alias)))


@pytest.mark.parametrize("name, base", [
    ("Laurel County", "Laurel"),
    ("Muhafazat Idlib", "Idlib"),
    ("Province du Passore", "Passore"),
    ("Province d'Oubritenga", "Oubritenga"),
    ("Provincia di Roma", "Roma"),
    ("De Aar", "De Aar"),  # an article that is part of the name stays
])
def test_geo_division_names_lose_their_generic_words(name, base):
    from sitroom.geo.build import _division_base

    assert _division_base(name) == base


@pytest.mark.parametrize("name, iso3, lat, lon", [
    ("Shan-North", "MMR", 22.9, 97.8),  # parts of divisions named in conflict reporting
    ("Bago-West", "MMR", 18.8, 95.2),
    ("Nord-Ouest", "CMR", 6.0, 10.2),  # French names of divisions of a bilingual country
    ("Sud-Ouest", "CMR", 4.7, 9.4),
])
def test_geo_division_spellings_of_conflict_reporting_resolve(gazetteer, name, iso3, lat, lon):
    hits = [i for i in gazetteer.lookup(normalize(name)) if gazetteer.iso3(i) == iso3]
    assert hits
    pid = hits[0]
    assert haversine_km(lat, lon, float(gazetteer.lat[pid]), float(gazetteer.lon[pid])) < 161


def test_geo_cache_loads_fast_once_built(gazetteer, tmp_path):
    from sitroom.config import default_cache_dir

    t0 = time.perf_counter()
    gz.load_gazetteer(default_cache_dir())
    assert time.perf_counter() - t0 < 10  # < 2 s on an idle machine; slack for CI load


def _tiny() -> gz.Gazetteer:
    import numpy as np

    return gz.Gazetteer(
        names=["Testville"], kind=np.array([CITY], dtype=np.int8),
        lat=np.array([1.0]), lon=np.array([2.0]), population=np.array([10], dtype=np.int64),
        geonames_id=np.array([-1], dtype=np.int64), country=np.array([-1], dtype=np.int16),
        admin1=np.array([-1], dtype=np.int32), capital=np.array([False]),
        precision=["city"], country_codes=[], country_place={},
        index={"testville": (0,)}, suffix_index={}, context_index={}, skeleton_index={},
        first_words={"testville": 1})


def test_geo_cache_rebuilds_when_the_version_changes(tmp_path, monkeypatch):
    import sitroom.geo.build as build

    builds = []
    monkeypatch.setattr(build, "build_gazetteer", lambda: builds.append(1) or _tiny())
    first = gz.load_gazetteer(tmp_path)
    assert builds == [1] and first.names == ["Testville"]
    gz.load_gazetteer(tmp_path)
    assert builds == [1]  # cached
    monkeypatch.setattr(gz, "GAZETTEER_VERSION", "test-next")
    assert not gz.cache_path(tmp_path).exists()
    gz.load_gazetteer(tmp_path)
    assert builds == [1, 1]  # a new version builds a new cache


def test_geo_cache_with_a_foreign_version_stamp_is_rebuilt(tmp_path, monkeypatch):
    import sitroom.geo.build as build

    builds = []
    monkeypatch.setattr(build, "build_gazetteer", lambda: builds.append(1) or _tiny())
    path = gz.cache_path(tmp_path)
    path.write_bytes(pickle.dumps({"version": "something-else", "data": {}}))
    gaz = gz.load_gazetteer(tmp_path)
    assert builds == [1] and gaz.lookup("testville") == (0,)


def _same(a: gz.Gazetteer, b: gz.Gazetteer) -> bool:
    import numpy as np

    for name in gz.Gazetteer.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        if isinstance(x, np.ndarray):
            if not (x.dtype == y.dtype and np.array_equal(x, y) and y.flags.writeable):
                return False
        elif type(x) is not type(y) or x != y:
            return False
    return True


def test_geo_cache_reads_back_the_gazetteer_it_wrote(tmp_path, monkeypatch):
    import sitroom.geo.build as build

    monkeypatch.setattr(build, "build_gazetteer", _tiny)
    built = gz.load_gazetteer(tmp_path)
    monkeypatch.setattr(build, "build_gazetteer", lambda: pytest.fail("built again"))
    assert _same(gz.load_gazetteer(tmp_path), built)
    assert _same(built, _tiny())


def test_geo_pickle_cache_of_the_same_key_is_converted_not_rebuilt(tmp_path, monkeypatch):
    import sitroom.geo.build as build

    monkeypatch.setattr(build, "build_gazetteer", lambda: pytest.fail("rebuilt"))
    old = gz._pickle_path(tmp_path)
    old.write_bytes(pickle.dumps({"version": old.stem, "data": _tiny().to_state()}))
    assert _same(gz.load_gazetteer(tmp_path), _tiny())
    assert gz.cache_path(tmp_path).exists()
    assert not old.exists()  # converted: the 30 MB pickle is not kept beside its copy
    assert _same(gz.load_gazetteer(tmp_path), _tiny())


def test_geo_unwritable_cache_directory_still_loads(tmp_path, monkeypatch):
    import sitroom.geo.build as build

    monkeypatch.setattr(build, "build_gazetteer", lambda: pytest.fail("rebuilt"))
    old = gz._pickle_path(tmp_path)
    old.write_bytes(pickle.dumps({"version": old.stem, "data": _tiny().to_state()}))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(gz.tempfile, "mkstemp", refuse)
    assert _same(gz.load_gazetteer(tmp_path), _tiny())
    assert old.exists() and not gz.cache_path(tmp_path).exists()
