"""fatalities_in: deaths stated in a span; injuries are not deaths; ranges code their
lower bound; "no casualties" is 0 and an unstated toll is None."""

from __future__ import annotations

import pytest

from sitroom.model import Document
from sitroom.pipeline.quantities import fatalities_in


@pytest.mark.parametrize("text, expected", [
    ("At least 12 people were killed in the attack.", 12),
    ("Two civilians died when the shell hit the market.", 2),
    ("Gunmen shot dead a man outside the mosque.", 1),
    ("Two gunmen killed a shopkeeper and his son.", 2),
    ("Between 1-4 soldiers were killed and 2 others were injured.", 1),
    ("One sergeant and one soldier were killed and several others were wounded.", 2),
    ("Police killed two protesters and injured five.", 2),
    ("The bombing left 7 dead.", 7),
    # the toll's count further on in its clause
    ("The death toll from Sunday's bombing of the market has risen to 23.", 23),
    ("The raid killed 9, bringing the death toll to 31.", 31),
    ("The death toll from the attack at 3 pm was not known.", None),
    ("The clash was brief. 3 fatalities.", 3),
    ("Dozens were killed in the raid.", 12),
    ("Several villagers were killed by the militia.", 3),
    ("A villager was killed by a stray bullet.", 1),
    ("The man was taken to hospital, where he died.", 1),
    ("Militants attacked the checkpoint, killing 2 soldiers and wounding four others.", 2),
    ("Armed men killed the village chief.", 1),
    ("The death toll rose to 15 on Tuesday.", 15),
    ("The attack resulted in the deaths of 4 people.", 4),
    ("There were no casualties.", 0),
    ("No one was killed in the explosion.", 0),
    ("3 people were injured in the blast.", None),
    ("Casualties are unknown.", None),
    ("Several people were killed or injured.", None),
    ("Protesters demanded justice over the killing of three students.", None),
    ("The militia claimed it killed 9 soldiers. Officials said 4 soldiers were killed.", 4),
    ("Gunmen killed 25 head of cattle near the river.", None),
    # the people counted before the animals they tended
    ("A landmine blast killed three children herding goats near the town.", 3),
    ("Bandits stole 40 cows and killed 2 herders.", 2),
    ("A young man's body was found near the road.", 1),
    ("A captain from battalion 101 was killed by a landmine.", 1),
    ("A mob lynched a man accused of killing his neighbour.", 1),
    ("Three civilians were killed, split between 3 events.", 1),
    # "a" before a plural is not the head's count: the school is no victim
    ("Air strikes on a school sheltering displaced families killed at least 22 people.", 22),
    # the count after "killed at least" is the dead; the killers before it are not
    ("Two gunmen killed at least five villagers.", 5),
    ("Two soldiers killed at a checkpoint.", 2),
    # multiples of a dozen, and an apposition between the count and its verb
    ("At least two dozen people were killed when gunmen raided a market.", 24),
    ("Seven people, including four children, were killed in a drone attack.", 7),
    ("Nine people, most of them women, died.", 9),
    ("Three people, including a child, were injured.", None),
    # the victims between a verb of violence and "to death"
    ("A mob beat a man to death in the market.", 1),
    ("Villagers stabbed two suspected thieves to death.", 2),
    ("He was sentenced to death.", None),
    ("Witnesses saw him stabbing his stepfather to death.", None),
])
def test_fatalities_in_text(text, expected):
    assert fatalities_in(text) == expected


def test_fatalities_in_counts_only_the_span():
    text = "Rebels shelled the town. Three civilians were killed. Markets reopened."
    start = text.index("Three")
    assert fatalities_in(text, 0, start) is None
    assert fatalities_in(Document(id="d", text=text), start, len(text)) == 3
