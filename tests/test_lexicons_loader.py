"""Lexicon files are validated on load; every error names the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import LexiconError
from sitroom.lexicons import FLAG, ISO3, SECTOR, Column, load_table

COLUMNS = (Column("name"), ISO3(), SECTOR(), FLAG("plural"))


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lex.tsv"
    path.write_text(body, encoding="utf-8")
    return path


def test_lexicons_valid_file_loads_with_version_and_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "# test lexicon\n# version: 2\nname\tcountry\tsector\tplural\n"
                            "\n# a comment\nKenyan police\tKEN\tCOP\tno\nprotesters\t\tPRO\tyes\n")
    table = load_table(path, COLUMNS)
    assert table.version == "2"
    assert table.rows == ({"name": "Kenyan police", "country": "KEN", "sector": "COP", "plural": False},
                          {"name": "protesters", "country": None, "sector": "PRO", "plural": True})
    assert table.lines == (6, 7)


@pytest.mark.parametrize("body,line,reason", [
    ("# version: 1\nname\tcountry\tsector\tplural\nx\tKenya\tCOP\tno\n", 3, "does not match"),
    ("# version: 1\nname\tcountry\tsector\tplural\nx\tKEN\tSOLDIER\tno\n", 3, "is not one of"),
    ("# version: 1\nname\tcountry\tsector\tplural\n\tKEN\tCOP\tno\n", 3, "is empty"),
    ("# version: 1\nname\tcountry\tsector\tplural\nx\tKEN\tCOP\tmaybe\n", 3, "yes/no"),
    ("# version: 1\nname\tcountry\tsector\tplural\nx\tKEN\tCOP\tno\textra\n", 3, "at most"),
    ("# version: 1\nname\tsector\n", 2, "header"),
    ("name\tcountry\tsector\tplural\nx\tKEN\tCOP\tno\n", None, "version"),
])
def test_lexicons_errors_name_file_and_line(tmp_path: Path, body: str, line: int | None,
                                            reason: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError, match=reason) as info:
        load_table(path, COLUMNS)
    assert info.value.path == str(path) and info.value.line == line
    assert str(path) in str(info.value)


def test_lexicons_missing_packaged_file_is_reported() -> None:
    with pytest.raises(LexiconError, match="no such lexicon"):
        load_table("does_not_exist.tsv", COLUMNS)
