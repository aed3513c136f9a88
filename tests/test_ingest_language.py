"""Offline language identification."""

from __future__ import annotations

import socket

import pytest

from sitroom.ingest import detect_language


@pytest.mark.parametrize("text,lang", [
    ("Government troops retook the town after two days of heavy fighting, officials said.", "en"),
    ("Les troupes gouvernementales ont repris la ville après deux jours de combats intenses.", "fr"),
    ("Las tropas del gobierno recuperaron la ciudad tras dos días de intensos combates.", "es"),
    ("Правительственные войска вернули контроль над городом после двух дней боёв.", "ru"),
    ("استعادت القوات الحكومية السيطرة على المدينة بعد يومين من القتال العنيف", "ar"),
    ("Regierungstruppen haben die Stadt nach zwei Tagen schwerer Kämpfe zurückerobert.", "de"),
    ("Tropas do governo retomaram a cidade após dois dias de combates intensos, disseram autoridades.", "pt"),
    ("12 345 678 -- 90 %", None),
    ("Yes.", None),
    ("", None),
])
def test_ingest_language_detects_common_languages(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_ingest_language_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitroom.ingest.language import LanguageDetector

    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    detector = LanguageDetector()  # loads the model shipped in the wheel
    assert detector("Rebel fighters ambushed an army convoy on the main road on Tuesday.") == "en"
