"""Actor recognition on hand-written sentences: the span, its country and its sector."""

from __future__ import annotations

import pytest

from sitroom.actors import ActorMatcher
from sitroom.lexicons import load_lexicons
from sitroom.vocab import SECTORS


@pytest.fixture(scope="module")
def matcher() -> ActorMatcher:
    return ActorMatcher.from_lexicons(load_lexicons())


def _find(matcher: ActorMatcher, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(a.name, a.country, a.sector) for a in matcher.find(text)]


# sentence, expected actor (exact span text), country, sector
CASES = [
    # demonym + head noun
    ("North Korean troops crossed the river at dawn.", "North Korean troops", "PRK", "MIL"),
    ("Ukrainian forces held the bridge.", "Ukrainian forces", "UKR", "MIL"),
    ("Russian officials denied the report.", "Russian officials", "RUS", "GOV"),
    ("Kenyan police fired tear gas.", "Kenyan police", "KEN", "COP"),
    ("Sudanese protesters marched to the palace.", "Sudanese protesters", "SDN", "PRO"),
    ("Nigerian troops repelled the raid.", "Nigerian troops", "NGA", "MIL"),
    ("The Congolese army retook the town.", "Congolese army", "COD", "MIL"),
    ("A senior U.S. official spoke on condition of anonymity.", "senior U.S. official",
     "USA", "GOV"),
    # country names and short forms
    ("The U.S. imposed new sanctions on Tuesday.", "U.S.", "USA", None),
    ("Britain summoned the envoy.", "Britain", "GBR", None),
    ("DR Congo accused Rwanda of backing the rebels.", "DR Congo", "COD", None),
    ("Ivory Coast recalled its ambassador.", "Ivory Coast", "CIV", None),
    ("Burkina Faso expelled two diplomats.", "Burkina Faso", "BFA", None),
    # capitals and metonyms
    ("Pyongyang fired a missile into the sea.", "Pyongyang", "PRK", "GOV"),
    ("The Kremlin said talks were premature.", "Kremlin", "RUS", "GOV"),
    ("Washington warned of consequences.", "Washington", "USA", "GOV"),
    ("Beijing lodged a protest.", "Beijing", "CHN", "GOV"),
    ("The White House declined to comment.", "White House", "USA", "GOV"),
    ("The Pentagon confirmed the deployment.", "Pentagon", "USA", "MIL"),
    ("Downing Street rejected the claim.", "Downing Street", "GBR", "GOV"),
    # intergovernmental organisations and groupings
    ("NATO will hold an emergency meeting.", "NATO", None, "IGO"),
    ("The UN Security Council met on Friday.", "UN Security Council", None, "IGO"),
    ("The African Union suspended the country.", "African Union", None, "IGO"),
    ("ECOWAS threatened sanctions.", "ECOWAS", None, "IGO"),
    ("The IAEA sent inspectors.", "IAEA", None, "IGO"),
    ("The G20 agreed on a statement.", "G20", None, "IGO"),
    ("The Arab League called for calm.", "Arab League", None, "IGO"),
    # leaders and officials
    ("President Volodymyr Zelensky addressed parliament.", "President Volodymyr Zelensky",
     "UKR", "GOV"),
    ("The troops were sent by Kim Jong-un last month.", "Kim Jong-un", "PRK", "GOV"),
    ("Iran's foreign minister travelled to Oman.", "Iran's foreign minister", "IRN", "GOV"),
    ("The Russian defence ministry published a video.", "Russian defence ministry", "RUS",
     "GOV"),
    ("Prime Minister Narendra Modi met the delegation.", "Prime Minister Narendra Modi",
     "IND", "GOV"),
    ("Erdogan criticised the decision.", "Erdogan", "TUR", "GOV"),
    # named military units
    ("Russia's 810 Separate Naval Infantry Brigade attacked the village.",
     "Russia's 810 Separate Naval Infantry Brigade", "RUS", "MIL"),
    ("The 3rd Assault Brigade advanced on the ridge.", "3rd Assault Brigade", None, "MIL"),
    ("Military Forces of Nigeria clashed with the group.", "Military Forces of Nigeria",
     "NGA", "MIL"),
    ("Police Forces of Kenya arrested five men.", "Police Forces of Kenya", "KEN", "COP"),
    ("Military Forces of Afghanistan (2021-) detained a man.",
     "Military Forces of Afghanistan (2021-)", "AFG", "MIL"),
    # generic groups
    ("Demonstrators blocked the main road.", "Demonstrators", None, "PRO"),
    ("A mob set fire to the station.", "mob", None, "RIO"),
    ("Unidentified gunmen opened fire on a bus.", "Unidentified gunmen", None, "UAF"),
    ("Assailants stormed the compound.", "Assailants", None, "UAF"),
    ("Gendarmes dispersed the crowd.", "Gendarmes", None, "COP"),
    ("Security forces surrounded the building.", "Security forces", None, "COP"),
    ("Soldiers searched the market.", "Soldiers", None, "MIL"),
    ("Villagers fled into the forest.", "Villagers", None, "CVL"),
    ("A woman was wounded by a stray bullet.", "woman", None, "CVL"),
    ("Students boycotted classes.", "Students", None, "EDU"),
    ("Journalists were barred from the court.", "Journalists", None, "JRN"),
    ("Herders clashed over grazing land.", "Herders", None, "AGR"),
    ("Workers went on strike.", "Workers", None, "LAB"),
    ("Lawmakers passed the bill.", "Lawmakers", None, "LEG"),
    ("Judges suspended the ruling.", "Judges", None, "JUD"),
    ("Refugees crossed the border at night.", "Refugees", None, "REF"),
    ("A local militia manned the roadblock.", "local militia", None, "MLA"),
    ("Insurgents ambushed the convoy.", "Insurgents", None, "REB"),
    ("Bandits kidnapped the travellers.", "Bandits", None, "CRM"),
    ("Mercenaries guarded the mine.", "Mercenaries", None, "PMC"),
    ("Activists filed a petition.", "Activists", None, "ACT"),
    # named armed groups and parties
    ("The Taliban seized the district.", "Taliban", "AFG", "REB"),
    ("Al-Shabaab claimed the bombing.", "Al-Shabaab", "SOM", "REB"),
    ("Boko Haram fighters raided the camp.", "Boko Haram fighters", "NGA", "REB"),
    ("Hezbollah launched drones.", "Hezbollah", "LBN", "REB"),
    ("The Houthis fired a missile at a ship.", "Houthis", "YEM", "REB"),
    ("Wagner Group mercenaries withdrew.", "Wagner Group mercenaries", "RUS", "PMC"),
    ("M23 rebels advanced on Goma.", "M23 rebels", "COD", "REB"),
    ("The RSF shelled the city.", "RSF", "SDN", "MLA"),
    ("The Tatmadaw bombed the monastery.", "Tatmadaw", "MMR", "MIL"),
    ("The Arakan Army captured the base.", "Arakan Army", "MMR", "REB"),
    ("Islamic State claimed responsibility.", "Islamic State", None, "REB"),
    ("JNIM fighters attacked the post.", "JNIM fighters", "MLI", "REB"),
    ("Afghan Taliban officials met the envoy.", "Afghan Taliban officials", "AFG", "REB"),
    # organisations not in the lexicon, read from their capitalised names
    ("The Syrian Liberation Front shelled the positions.", "Syrian Liberation Front", "SYR",
     "REB"),
    # a group tied to the country it is in
    ("Security forces in Guinea tortured detainees.", "Security forces in Guinea", "GIN",
     "COP"),
    # attacks and other acts named by their country
    ("Israeli air strikes hit the camp.", "Israeli air strikes", "ISR", "MIL"),
    ("Serbia rejected an Australian ultimatum.", "Australian ultimatum", "AUS", None),
    # titles that are common words count before a name
    ("General Oleksandr Syrskyi ordered a withdrawal.", "General Oleksandr Syrskyi", "UKR",
     "MIL"),
    ("Gen. Amara Okafor inspected the troops.", "Gen. Amara Okafor", None, "MIL"),
    # a lower-case title before a full name; particles inside names
    ("Former prime minister Ana Kovac demanded elections.", "Former prime minister Ana Kovac",
     None, "GOV"),
    ("President Omar Hassan al-Rashid spoke.", "President Omar Hassan al-Rashid", None, "GOV"),
    # an unknown group's acronym, and members of a named group
    ("The ZLF fighters shelled the hill.", "ZLF fighters", None, None),
    ("Members of Hamas crossed the fence.", "Members of Hamas", "PSE", "REB"),
    # mixed-case acronyms only as written
    ("LeT militants attacked the post.", "LeT militants", "PAK", "REB"),
    # the one place named in a sentence gives a state actor its country
    ("President Jean Mbala extended the curfew in Chad on Sunday.", "President Jean Mbala",
     "TCD", "GOV"),
    ("The police sealed off the square in Kigali.", "police", "RWA", "COP"),
    # a country word glued to pro-/anti- or -backed is an ally, not the actor's country
    ("The pro-Iranian Hezbollah fired rockets.", "pro-Iranian Hezbollah", "LBN", "REB"),
    ("Anti-Russian protesters marched.", "Anti-Russian protesters", None, "PRO"),
    ("The Syrian-backed Amal militia withdrew.", "Syrian-backed Amal militia", "LBN", "REB"),
    ("Vietnamese-led forces retook the village.", "Vietnamese-led forces", "VNM", "MIL"),
    # names with particles and several given names after a title
    ("Sheikh Hamad bin Khalifa al-Thani arrived.", "Sheikh Hamad bin Khalifa al-Thani", None,
     "GOV"),
    # a country adjective used as a noun
    ("The British have refused to extradite him.", "British", "GBR", None),
    # a demonym with an ethnic group
    ("Some 8,000 Iraqi Kurds crossed the border.", "Iraqi Kurds", "IRQ", "ETH"),
]


@pytest.mark.parametrize("text,name,country,sector", CASES)
def test_actors_recognised(matcher: ActorMatcher, text: str, name: str,
                           country: str | None, sector: str | None) -> None:
    found = _find(matcher, text)
    assert (name, country, sector) in found, found


# sentence, a span that must not be an actor
NOT_ACTORS = [
    ("Fighting continued in Ukraine on Sunday.", "Ukraine"),
    ("Two soldiers died in northern Syria.", "Syria"),
    ("The convoy arrived near Mali at dawn.", "Mali"),
    ("Clashes were reported in Kabul city.", "Kabul"),
    ("The military aid package was approved.", "military"),
    ("The turkey was roasted for the dinner.", "turkey"),
    ("Who will pay for the damage?", "Who"),
    ("A new TV channel opened.", "TV"),
    ("A major attack hit the town.", "major"),
    ("Relatives demanded justice for the victims.", "justice"),
    ("Thousands marked International Women's Day.", "Women"),
    ("Let the talks begin, he said.", "Let"),
    ("Members said nothing.", "Members"),
    ("KABUL, Afghanistan - The talks resumed.", "KABUL"),
    ("Protesters gathered outside the ministry.", "ministry"),
    ("The British embassy stayed open.", "British"),
    ("The rebels fired BM-21 rockets.", "BM"),
    ("Pro-government forces took over.", "Pro"),
]


@pytest.mark.parametrize("text,span", NOT_ACTORS)
def test_actors_places_and_adjectives_are_not_actors(matcher: ActorMatcher, text: str,
                                                     span: str) -> None:
    assert span not in [name for name, _, _ in _find(matcher, text)]


COORDINATIONS = [
    ("The G7, South Korea, Australia and New Zealand condemned the launch.",
     [("G7", None), ("South Korea", "KOR"), ("Australia", "AUS"), ("New Zealand", "NZL")]),
    ("US and British forces patrolled the strait.",
     [("US", "USA"), ("British forces", "GBR")]),
    ("Hungarian and Romanian officials agreed to cooperate.",
     [("Hungarian", "HUN"), ("Romanian officials", "ROU")]),
    ("Russia and Ukraine exchanged prisoners.", [("Russia", "RUS"), ("Ukraine", "UKR")]),
    ("The Turkish and Greek sides agreed to talk.", [("Turkish", "TUR"), ("Greek sides", "GRC")]),
]


@pytest.mark.parametrize("text,expected", COORDINATIONS)
def test_actors_coordinations_give_one_actor_per_name(matcher: ActorMatcher, text: str,
                                                      expected: list) -> None:
    found = [(name, country) for name, country, _ in _find(matcher, text)]
    assert found[:len(expected)] == expected


def test_actors_coordinated_adjectives_share_the_head_sector(matcher: ActorMatcher) -> None:
    found = _find(matcher, "US and British forces patrolled the strait.")
    assert [sector for _, _, sector in found] == ["MIL", "MIL"]


def test_actors_unit_with_possessive_country_is_one_actor(matcher: ActorMatcher) -> None:
    text = "North Korean soldiers fought alongside Russia's 810 Separate Naval Infantry Brigade."
    found = _find(matcher, text)
    assert found == [("North Korean soldiers", "PRK", "MIL"),
                     ("Russia's 810 Separate Naval Infantry Brigade", "RUS", "MIL")]


def test_actors_mentions_index_the_text_and_do_not_overlap(matcher: ActorMatcher) -> None:
    text = ("On Monday, Kenyan police arrested 12 protesters in Nairobi, while the Kremlin and "
            "NATO traded accusations and President Volodymyr Zelensky met EU leaders.")
    actors = matcher.find(text)
    assert len(actors) >= 5
    last_end = -1
    for a in actors:
        m = a.mention
        assert m is not None and text[m.start:m.end] == m.text == a.name
        assert m.start >= last_end
        last_end = m.end
        assert a.sector is None or a.sector in SECTORS


def test_actors_find_within_a_span_keeps_document_offsets(matcher: ActorMatcher) -> None:
    text = "Rebels attacked. Later, Chadian soldiers arrived."
    start = text.index("Later")
    actors = matcher.find(text, start)
    assert [a.name for a in actors] == ["Chadian soldiers"]
    assert text[actors[0].mention.start:actors[0].mention.end] == "Chadian soldiers"
