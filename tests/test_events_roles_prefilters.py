"""The cheap tests that let roles skip a look-behind regex must never skip a match."""

from __future__ import annotations

import pytest

from sitroom.events import roles


@pytest.mark.parametrize("window", [
    "clashes broke out in ", "fighting in the northern ", "a raid near the town of ",
    "shelling outside ", "protests across the country's ", "unrest throughout the ",
    "IN THE capital ", "based at\n", "an attack in the old market square ",
    "fighting in Kivu's ", "troops in al-Shabaab-held ", "violence in São ",
])
def test_events_roles_locative_prefilter_keeps_every_match(window):
    assert roles._LOCATIVE.search(window) is not None
    assert roles._locative_possible(window, 0, len(window))


@pytest.mark.parametrize("window", [
    "the minister said ", "rebels attacked ", "in a statement, the ", "in the (old) ",
    "a raid in the north of the old town ", "within",
])
def test_events_roles_locative_prefilter_rejects_windows_without_a_match(window):
    assert roles._LOCATIVE.search(window) is None
    assert not roles._locative_possible(window, 0, len(window))
