"""The compiled build (setup.py compiles the extraction modules with mypyc) must behave
exactly as the source, never run stale, and be switchable off at run time."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from sitroom import _compiled

REPO = Path(__file__).resolve().parents[1]

# Hand-written reports that pass through every stage: places, actors, dates, numbers,
# attribution, statuses.
REPORTS = [
    ("Gunmen killed at least 12 villagers in an attack on Kaduna state on Sunday, police "
     "spokesman Ali Musa said. Residents said dozens of homes were burned.", "2024-03-12"),
    ("Russian forces shelled Kharkiv overnight, wounding four civilians, the regional "
     "governor said on Telegram. Ukraine's air force said it downed 20 drones.", "2024-05-02"),
    ("Thousands of protesters marched in Nairobi on Tuesday against new taxes; police fired "
     "tear gas and arrested 30 people, a senior officer who asked not to be named said.",
     "2024-06-26"),
    ("Rebels of the M23 seized the town of Rubaya in North Kivu last week, a UN report said, "
     "and more fighting is expected in the coming days.", "2024-05-10"),
    ("", None),
]

_EXTRACT = """
import json, sys
import sitroom
from sitroom import _compiled
from sitroom.model import event_to_dict
reports = json.loads(sys.stdin.read())
out = [[event_to_dict(e) for e in sitroom.extract(text, published)] for text, published in reports]
print(json.dumps({"events": out, "compiled": _compiled.loaded_compiled()}))
"""


def _run_extract(pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != _compiled.PURE_PYTHON_ENV}
    if pure:
        env[_compiled.PURE_PYTHON_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", _EXTRACT], input=json.dumps(REPORTS),
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    return json.loads(done.stdout)


def _setup_compiled_modules() -> list[str]:
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED_MODULES":
            return list(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED_MODULES")


def _decorator_names(node: ast.AST) -> list[str]:
    names = []
    for dec in getattr(node, "decorator_list", []):
        target = dec.func if isinstance(dec, ast.Call) else dec
        names.append(target.attr if isinstance(target, ast.Attribute)
                     else getattr(target, "id", ""))
    return names


def _mypyc_traps(source: str) -> list[str]:
    """What mypyc compiles without complaint but wrongly: a ``cached_property`` (a native
    class recomputes it on every read) and a decorated function nested in another (left
    unbound when called)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if "cached_property" in _decorator_names(node):
            found.append(f"line {node.lineno}: cached_property {node.name}")
        for inner in ast.walk(node):
            if inner is not node and isinstance(inner, ast.FunctionDef) and inner.decorator_list:
                found.append(f"line {inner.lineno}: decorated nested function {inner.name}")
    return found


@pytest.mark.parametrize("source, traps", [
    ("class A:\n    @cached_property\n    def x(self): return 1\n", 1),
    ("class A:\n    @functools.cached_property\n    def x(self): return 1\n", 1),
    ("def f():\n    @lru_cache(maxsize=8)\n    def g(x): return x\n    return g\n", 1),
    ("class A:\n    @property\n    def x(self): return 1\n", 0),
    ("def f():\n    def g(x): return x\n    return lru_cache(maxsize=8)(g)\n", 0),
])
def test_compiled_trap_finder(source: str, traps: int) -> None:
    assert len(_mypyc_traps(source)) == traps


def test_compiled_modules_avoid_mypyc_traps() -> None:
    found = {name: _mypyc_traps((REPO / "src" / (name.replace(".", "/") + ".py"))
                                .read_text(encoding="utf-8"))
             for name in _setup_compiled_modules()}
    assert {name: traps for name, traps in found.items() if traps} == {}


def test_compiled_pure_python_switch_loads_only_source() -> None:
    result = _run_extract(pure=True)
    assert result["compiled"] == []
    assert any(result["events"][0]), "the source build still extracts events"


@pytest.mark.skipif(not _compiled.compiled_modules(),
                    reason="pure-Python install (built with SITROOM_PURE_PYTHON or no compiler)")
def test_compiled_build_gives_the_same_events_as_the_source() -> None:
    compiled, source = _run_extract(pure=False), _run_extract(pure=True)
    assert compiled["compiled"], "the compiled modules were not loaded"
    assert not any(name.endswith(_compiled.MYPYC_SUFFIX) for name in compiled["compiled"])
    assert compiled["events"] == source["events"]
    assert sum(map(len, compiled["events"])) >= 4


@pytest.mark.skipif(not os.environ.get("SITROOM_EXPECT_COMPILED"),
                    reason="only where the build must have compiled (CI sets SITROOM_EXPECT_COMPILED)")
def test_compiled_build_compiled_every_listed_module() -> None:
    assert sorted(_compiled.compiled_modules()) == sorted(_setup_compiled_modules())


def test_compiled_installed_modules_are_not_stale() -> None:
    assert _compiled.stale_modules() == [], "rebuild with: pip install -e ."


def _fake_package(root: Path) -> Path:
    pkg = root / "sitroom"
    (pkg / "geo").mkdir(parents=True)
    for rel in ("__init__.py", "geo/__init__.py", "geo/recognize.py", "model.py", "cli.py"):
        (pkg / rel).write_text("x = 1\n", encoding="utf-8")
    suffix = EXTENSION_SUFFIXES[0]
    # "orphan" has no source: not ours; nor is mypyc's companion of a compiled module
    for rel in ("geo/recognize", "geo/recognize__mypyc", "model", "orphan"):
        (pkg / (rel + suffix)).write_bytes(b"\0")
    return pkg


def test_compiled_modules_found_beside_their_source(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path)
    assert sorted(_compiled.compiled_modules(pkg)) == ["sitroom.geo.recognize", "sitroom.model"]


@pytest.mark.parametrize("edited, stale", [
    ((), []),
    (("geo/recognize.py",), ["sitroom.geo.recognize"]),
    (("geo/recognize.py", "model.py", "cli.py"), ["sitroom.geo.recognize", "sitroom.model"]),
])
def test_compiled_stale_when_source_edited_after_build(tmp_path: Path, edited: tuple[str, ...],
                                                       stale: list[str]) -> None:
    pkg = _fake_package(tmp_path)
    built = time.time() - 60
    for path in pkg.rglob("*"):
        os.utime(path, (built, built))
    for rel in edited:
        (pkg / rel).write_text("x = 2\n", encoding="utf-8")
    assert _compiled.stale_modules(pkg) == stale


def test_compiled_source_written_with_its_build_is_not_stale(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path)
    built = time.time() - 60
    for path in pkg.rglob("*"):
        os.utime(path, (built, built))
    source = pkg / "model.py"  # an install wrote it a moment after the compiled file
    os.utime(source, (built + 1, built + 1))
    assert _compiled.stale_modules(pkg) == []
