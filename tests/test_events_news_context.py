"""Events of multi-sentence news stories through the full pipeline: what earlier sentences
say about who acted, and words that look like triggers but are not new events.

Each case is a short hand-written story; the assertions are about the events a coder
would (or would not) record from it.
"""

from __future__ import annotations

from datetime import date

import pytest

from sitroom.model import Document, Event

PUB = date(2025, 3, 10)


def _events(pipeline, text: str, published: date = PUB) -> list[Event]:
    doc = pipeline(Document(id="t", text=text, published=published))
    return sorted(doc.events, key=lambda e: -e.confidence)


def _find(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger is not None and e.trigger.text == trigger]
    assert found, f"no event on {trigger!r}: {[e.trigger.text for e in events if e.trigger]}"
    return found[0]


def _country(actor) -> str | None:
    return actor.country if actor is not None else None


@pytest.mark.parametrize("text", [
    "A Turkish drone strike hit a car near Qamishli on Monday, killing three men. "
    "The strike was the third in the area this month.",
    "Russian air strikes pounded Idlib overnight. Local doctors said the strikes hit a "
    "hospital.",
])
def test_events_bare_strike_after_air_strikes_is_no_labour_strike(pipeline, text):
    events = _events(pipeline, text)
    assert not any(e.event_type == "PROTEST" for e in events)


def test_events_bare_strike_without_air_strikes_is_a_labour_strike(pipeline):
    events = _events(pipeline, "Teachers in Nairobi began a strike on Monday over unpaid "
                               "salaries.")
    assert any(e.event_type == "PROTEST" for e in events)


def test_events_peaceful_march_not_made_violent_by_later_clash(pipeline):
    text = ("Thousands of people marched peacefully through Belgrade on Sunday to demand "
            "new elections. Later that night, riot police fired tear gas at a small group "
            "who threw bottles at the presidency.")
    march = _find(_events(pipeline, text), "marched")
    assert march.acled_sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text", [
    "Riot police guarded the square as hundreds of nurses rallied for better pay.",
    "Nurses rallied for better pay while officers in riot gear watched.",
])
def test_events_riot_police_is_no_riot(pipeline, text):
    rally = _find(_events(pipeline, text), "rallied")
    assert rally.acled_sub_event_type == "Peaceful protest"


def test_events_second_verb_after_and_is_its_own_event(pipeline):
    text = ("Jordan's foreign minister condemned the raid as a violation of the truce and "
            "urged Washington to restrain its ally.")
    events = _events(pipeline, text)
    urged = _find(events, "urged")
    assert urged.event_type == "REQUEST"
    assert _country(urged.actor1) == "JOR"


def test_events_talk_noun_before_copula_hides_nothing(pipeline):
    text = ("Ghana's interior minister said the allegations were false and rejected "
            "demands to resign.")
    assert any(e.event_type == "REJECT" and e.trigger.text == "rejected"
               for e in _events(pipeline, text))


@pytest.mark.parametrize("text, trigger, target", [
    ("Israeli jets struck a house in Tyre on Friday, killing four people. Lebanon's "
     "prime minister condemned the attack as a massacre.", "condemned", "ISR"),
    ("Washington imposed sanctions on two Chinese banks on Tuesday. Beijing rejected the "
     "measures as bullying.", "rejected", "USA"),
])
def test_events_condemned_deed_names_its_doer_as_target(pipeline, text, trigger, target):
    event = _find(_events(pipeline, text), trigger)
    assert _country(event.actor2) == target


def test_events_claim_of_responsibility_names_the_doer(pipeline):
    text = ("At least nine people were killed when a bomb exploded at a market in Bosaso "
            "on Saturday, police said. Al Shabaab claimed responsibility for the blast.")
    events = _events(pipeline, text)
    first = [e for e in events if e.event_type == "ASSAULT" and e.evidence.start == 0]
    assert first and all(e.actor1 is not None and "Shabaab" in e.actor1.name for e in first)


def test_events_coordinated_passive_verbs_share_no_doer(pipeline):
    text = "A taxi driver was stabbed and robbed by two men in Lagos."
    robbed = _find(_events(pipeline, text), "robbed")
    assert robbed.actor1 is None or "taxi" not in robbed.actor1.name


def test_events_both_sides_are_the_last_pair(pipeline):
    text = ("Indian Prime Minister Narendra Modi met Japanese Prime Minister Shigeru Ishiba "
            "in Tokyo on Friday. The two sides agreed to expand defence cooperation.")
    events = _events(pipeline, text)
    agreed = [e for e in events if e.event_type in ("AGREE", "COOPERATE")
              and e.evidence.start > 60]
    assert agreed
    countries = {_country(agreed[0].actor1), _country(agreed[0].actor2)}
    assert countries == {"IND", "JPN"}


@pytest.mark.parametrize("text, sub", [
    ("Islamist fighters seized the town of Djibo on Sunday after heavy fighting.",
     "Non-state actor overtakes territory"),
    ("The rebels said they had captured a brigade headquarters after a week of clashes.",
     "Non-state actor overtakes territory"),
])
def test_events_seized_or_captured_places_are_territory(pipeline, text, sub):
    assert _events(pipeline, text)[0].acled_sub_event_type == sub


@pytest.mark.parametrize("text, want", [
    ("Armenia said it would not hold talks with Azerbaijan until the troops withdraw.",
     "REJECT"),
    ("Kenya and Tanzania will hold joint naval drills next month.", "AGREE"),
    ("Armenia and Azerbaijan exchanged 32 prisoners on Thursday.", "COOPERATE"),
])
def test_events_diplomatic_phrasings(pipeline, text, want):
    assert want in {e.event_type for e in _events(pipeline, text)}


def test_events_agreement_that_is_overseen_is_not_made(pipeline):
    text = ("Monitors who oversee the ceasefire reported six violations on Sunday, the "
            "mission said.")
    assert not any(e.event_type == "AGREE" for e in _events(pipeline, text))


def test_events_exchange_of_fire_between_two_armies(pipeline):
    text = ("Thai and Cambodian troops exchanged heavy fire along the border overnight, "
            "wounding two villagers, officials said.")
    clash = [e for e in _events(pipeline, text) if e.acled_sub_event_type == "Armed clash"]
    assert clash
    assert {_country(clash[0].actor1), _country(clash[0].actor2)} == {"THA", "KHM"}


def test_events_exchange_of_fire_by_allies_keeps_the_enemy(pipeline):
    text = ("Army and police units of Kenya exchanged fire with al Shabaab militants near "
            "Mandera on Monday.")
    clash = [e for e in _events(pipeline, text) if e.acled_sub_event_type == "Armed clash"]
    assert clash and clash[0].actor2 is not None and "Shabaab" in clash[0].actor2.name


def test_events_forces_in_a_state_statement_are_its_own(pipeline):
    text = ("The Indian army said soldiers had opened fire on intruders near the fence in "
            "Kupwara on Tuesday.")
    fired = [e for e in _events(pipeline, text) if e.event_type == "ASSAULT"]
    assert fired and _country(fired[0].actor1) == "IND"


def test_events_facing_sanctions_is_the_target(pipeline):
    text = ("Belgrade will face new sanctions unless it recognises the vote, the European "
            "Union's enlargement commissioner warned.")
    threats = [e for e in _events(pipeline, text) if e.event_type in ("THREATEN", "SANCTION")]
    assert threats
    assert _country(threats[0].actor2) == "SRB"
    assert threats[0].actor1 is None or _country(threats[0].actor1) != "SRB"


def test_events_closing_speaker_of_a_warning_is_its_doer(pipeline):
    text = "Any attack on the dam would be met with force, Ethiopia's army chief warned."
    warned = _find(_events(pipeline, text), "warned")
    assert _country(warned.actor1) == "ETH"


@pytest.mark.parametrize("text, absent", [
    ("The rebels have held six aid workers since January.", "AID"),
    ("An aide to the president said the talks would resume.", "AID"),
    ("The envoy met rebel leaders to discuss the release of detained journalists.", "COERCE"),
])
def test_events_words_naming_people_are_no_events(pipeline, text, absent):
    assert absent not in {e.event_type for e in _events(pipeline, text)}


def test_events_aid_delivery_still_an_event(pipeline):
    text = "The World Food Programme delivered aid to 20,000 people in Kassala on Monday."
    assert "AID" in {e.event_type for e in _events(pipeline, text)}


def test_events_fighting_with_is_against_and_allied_names_an_actor(pipeline):
    text = ("M23 rebels seized the town of Walikale on Sunday after heavy fighting with the "
            "Congolese army and allied militias, residents said.")
    events = _events(pipeline, text)
    assert "COOPERATE" not in {e.event_type for e in events}
    takeover = [e for e in events
                if e.acled_sub_event_type == "Non-state actor overtakes territory"]
    assert takeover and all("M23" in e.actor1.name for e in takeover if e.actor1)


@pytest.mark.parametrize("text, sub", [
    ("A vigilante group beat two suspected thieves to death in Blantyre.", "Mob violence"),
    ("An Al Shabaab suicide bomber blew himself up at a checkpoint in Baidoa.", "Suicide bomb"),
])
def test_events_violent_words_in_actor_phrases_still_type_the_event(pipeline, text, sub):
    assert sub in {e.acled_sub_event_type for e in _events(pipeline, text)}


@pytest.mark.parametrize("text", [
    "A military helicopter crashed during a training flight in northern Greece on Tuesday, "
    "killing five soldiers, the defence ministry said.",
    "Floods killed 40 people in the Rift Valley on Sunday.",
    "Two buses collided on the highway near Kano, killing 19 passengers.",
    "A military drone crashed in a field near Kursk on Tuesday.",
    "A powerful earthquake struck eastern Afghanistan late Sunday, flattening villages in "
    "Kunar province and killing at least 600 people, officials said.",
    "Rwandans opened a week of mourning marking 31 years since the 1994 genocide against "
    "the Tutsi, in which more than 800,000 people were killed.",
    "An overloaded boat carrying passengers capsized on the lake late on Thursday, killing "
    "at least 50 people, provincial authorities said.",
    "The 1994 genocide in Rwanda, in which militias and soldiers killed some 800,000 people, "
    "still shapes the region's politics.",
    # exercises are no combat
    "Thousands of Philippine and American troops launched their largest annual combat "
    "exercises on Monday.",
])
def test_events_no_violence_in_accidents_disasters_remembrance_or_drills(pipeline, text):
    assert not any(e.event_type == "ASSAULT" for e in _events(pipeline, text))


@pytest.mark.parametrize("text, sub", [
    # a weapon or an attack besides the accident: violence still
    ("Gunmen opened fire on a bus after it crashed near Kaduna, killing four passengers.",
     "Attack"),
    ("Five soldiers were killed when their vehicle hit a landmine near the village.",
     "Remote explosive/landmine/IED"),
    ("A drone crashed into an apartment block in Kyiv, killing two people.",
     "Air/drone strike"),
])
def test_events_violence_beside_an_accident_word_stays(pipeline, text, sub):
    assert sub in {e.acled_sub_event_type for e in _events(pipeline, text)}


@pytest.mark.parametrize("text, group, country", [
    ("Armed men believed to be members of the ADF killed 18 villagers overnight.",
     "Allied Democratic Forces", "COD"),
    ("Gunmen suspected to be Boko Haram fighters abducted 30 schoolgirls in Borno state.",
     "Boko Haram", "NGA"),
])
def test_events_unidentified_men_said_to_be_of_a_group_are_that_group(pipeline, text, group,
                                                                       country):
    events = [e for e in _events(pipeline, text) if e.event_type in ("ASSAULT", "COERCE")]
    assert len(events) == 1, [e.trigger.text for e in events if e.trigger]
    assert events[0].actor1 is not None and group in events[0].actor1.name
    assert events[0].actor1.country == country


def test_events_trigger_opening_with_its_doer_takes_it_as_subject(pipeline):
    text = "Protesters set fire to the governor's office, and police arrested 35 people."
    arrest = _find(_events(pipeline, text), "police arrested")
    assert arrest.actor1 is not None and arrest.actor1.sector == "COP"


@pytest.mark.parametrize("text", [
    "Police in Dhaka used tear gas and rubber bullets to disperse thousands of students "
    "demanding the resignation of the vice-chancellor.",
    "Police fired tear gas to disperse hundreds of residents who blocked a highway in Kisumu.",
    "Police fired tear gas at residents who blocked a highway in Kisumu.",
    "Police fired tear gas and water cannon at a crowd in Kisumu.",
])
def test_events_crowd_dispersed_is_a_protest_with_intervention(pipeline, text):
    events = _events(pipeline, text)
    assert events[0].acled_sub_event_type == "Protest with intervention"
    assert events[0].actor1 is not None and events[0].actor1.sector == "PRO"
    assert not any(e.event_type == "ASSAULT" for e in events)


def test_events_participle_after_a_group_is_that_groups_act(pipeline):
    text = ("Police in Dhaka used tear gas to disperse thousands of students demanding the "
            "resignation of the vice-chancellor.")
    demand = _find(_events(pipeline, text), "demanding")
    assert demand.actor1 is not None and demand.actor1.sector == "EDU"


@pytest.mark.parametrize("claim, group", [
    ("Al-Shabaab claimed responsibility.", "Shabaab"),
    ("Al Shabaab claimed responsibility for the attack.", "Shabaab"),
    ("The Islamic State group later claimed the attack on Telegram.", "Islamic State"),
])
def test_events_claim_in_a_later_sentence_names_the_doer_once(pipeline, claim, group):
    text = ("A car bomb exploded outside a police station in Mogadishu, killing six "
            "officers and wounding 11 others. " + claim)
    attacks = [e for e in _events(pipeline, text) if e.event_type == "ASSAULT"]
    assert len(attacks) == 1, [e.trigger.text for e in attacks if e.trigger]
    assert attacks[0].actor1 is not None and group in attacks[0].actor1.name
    assert attacks[0].fatalities == 6


def test_events_claim_alone_is_still_an_event(pipeline):
    text = "Al Shabaab claimed responsibility for the attack on a military base in Baidoa."
    assert any(e.event_type == "ASSAULT" for e in _events(pipeline, text))


@pytest.mark.parametrize("text", [
    "Armenia accused Azerbaijan of shelling border villages overnight, wounding three "
    "civilians.",
    "Kyiv accused Moscow of striking a children's hospital in Kharkiv, killing two people.",
])
def test_events_toll_of_a_charged_deed_is_part_of_the_charge(pipeline, text):
    """The accuser is no attacker: the toll belongs to the deed charged."""
    events = _events(pipeline, text)
    assert [e.event_type for e in events] == ["ACCUSE"]


@pytest.mark.parametrize("text, status", [
    ("The United States will send an additional 2,000 troops to Poland next month, the "
     "Pentagon announced.", "predicted"),
    ("The United States sent 2,000 troops to Poland last month.", "reported"),
    ("The United States will deploy 2,000 troops to Poland.", "predicted"),
])
def test_events_troops_sent_are_a_deployment_even_when_announced(pipeline, text, status):
    events = _events(pipeline, text)
    assert events and events[0].event_type == "MOBILIZE" and events[0].status == status
    assert events[0].actor1 is not None and events[0].actor1.country == "USA"


def test_events_suspended_membership_is_a_sanction_dated_by_the_report(pipeline):
    events = _events(pipeline, "The African Union suspended Niger's membership following "
                               "last week's coup.")
    assert events and events[0].event_type == "SANCTION"
    assert events[0].actor2 is not None and events[0].actor2.country == "NER"
    # "last week's coup" dates the coup, not the suspension
    assert events[0].date is not None and events[0].date.start == PUB


def test_events_possible_retaliation_is_a_possible_attack(pipeline):
    events = _events(pipeline, "Iran may retaliate against Israel within days, two U.S. "
                               "officials said on condition of anonymity.")
    assert events and events[0].event_type == "ASSAULT" and events[0].status == "possible"
    assert events[0].actor1.country == "IRN" and events[0].actor2.country == "ISR"


def test_events_bare_strike_beside_rockets_is_no_labour_strike(pipeline):
    events = _events(pipeline, "The strike came in retaliation for a rocket attack on Haifa.")
    assert not any(e.event_type == "PROTEST" for e in events)


def test_events_agreement_to_a_swap_is_made_and_mediation_is_no_intention(pipeline):
    text = ("Ukraine and Russia agreed to exchange 150 prisoners of war each, mediated by the "
            "United Arab Emirates.")
    events = _events(pipeline, text)
    assert events[0].event_type == "AGREE"
    assert {events[0].actor1.country, events[0].actor2.country} == {"UKR", "RUS"}
    assert "THREATEN" not in {e.event_type for e in events}


@pytest.mark.parametrize("text, etype, sector", [
    ("Rebel fighters handed over 300 weapons to UN peacekeepers in Bangui.", "RETREAT", "REB"),
    ("Turkey's parliament voted to approve Sweden's NATO membership bid on Tuesday.", "AGREE",
     "LEG"),
])
def test_events_disarmament_and_ratification_have_their_doer(pipeline, text, etype, sector):
    events = _events(pipeline, text)
    assert events and events[0].event_type == etype
    assert events[0].actor1 is not None and events[0].actor1.sector == sector


@pytest.mark.parametrize("text", [
    "Fighters shelled a displacement camp near El Fasher on Sunday.",
    "Rebels shelled the town on Sunday. The group did not respond to a request for comment.",
])
def test_events_camp_names_and_requests_for_comment_are_no_events(pipeline, text):
    assert {e.event_type for e in _events(pipeline, text)} == {"ASSAULT"}


def test_events_dateline_agency_is_not_the_doer(pipeline):
    text = ("KHARTOUM, March 10 (Reuters) - Paramilitary Rapid Support Forces fighters shelled "
            "a camp near El Fasher on Sunday, killing at least 15 people.")
    top = _events(pipeline, text)[0]
    assert top.actor1 is not None and "Rapid Support Forces" in top.actor1.name


@pytest.mark.parametrize("text, doer, target", [
    ("Seven people were killed in a Russian drone attack on Odesa overnight.", "RUS", "UKR"),
    ("Israel's military said it had killed Hamas commander Ahmed Khalil in an air strike in "
     "Khan Younis.", "ISR", "PSE"),
])
def test_events_deed_noun_after_its_verb_keeps_the_verbs_sides(pipeline, text, doer, target):
    top = _events(pipeline, text)[0]
    assert top.acled_sub_event_type == "Air/drone strike"
    assert top.actor1 is not None and top.actor1.country == doer
    assert top.actor2 is not None and top.actor2.country == target


def test_events_place_where_a_statement_was_read_is_not_where_it_happened(pipeline):
    text = ("Gunmen killed 12 worshippers at a mosque in Burkina Faso's northern Sahel region, "
            "the government said in a statement read on state television in Ouagadougou.")
    top = _events(pipeline, text)[0]
    # the region inside the possessive takes the possessor's "in"; the capital is only
    # where the statement was read
    assert top.location is not None and top.location.name == "Sahel"


def test_events_closing_statement_place_kept_when_no_other(pipeline):
    text = "Gunmen killed 12 worshippers, the government said in Ouagadougou."
    top = _events(pipeline, text)[0]
    assert top.location is not None and top.location.name == "Ouagadougou"


@pytest.mark.parametrize("text, etype, sub", [
    ("Russian forces dropped munitions containing a choking agent on Ukrainian trenches near "
     "Pokrovsk on Saturday.", "ASSAULT", "Chemical weapon"),
    ("Police fired tear gas and rubber bullets to break up a crowd of opposition supporters "
     "in Maputo on Thursday.", "PROTEST", "Protest with intervention"),
    ("A convoy of 50 Jordanian trucks carrying flour, medicine and tents crossed into the "
     "Gaza Strip on Wednesday.", "AID", None),
    ("Ethiopia has moved troops and heavy weapons towards its border with Eritrea in recent "
     "weeks.", "MOBILIZE", "Change to group/activity"),
    ("France handed over its last military base in Senegal to Senegalese authorities on "
     "Thursday.", "CONCEDE", "Non-violent transfer of territory"),
    ("Police arrested 12 suspected militants in a pre-dawn raid in Balochistan province, "
     "seizing explosives and rifles.", "COERCE", "Arrests"),
    ("Armenia and Azerbaijan signed a joint declaration at the White House on Friday "
     "committing to end decades of hostilities.", "AGREE", "Agreement"),
    ("Turkish police detained 37 people, including several opposition mayors, in dawn raids "
     "on Wednesday.", "COERCE", "Arrests"),
    ("The Syrian Democratic Forces handed control of the Tishrin Dam to government troops on "
     "Saturday. The transfer took place without a shot being fired.", "CONCEDE",
     "Non-violent transfer of territory"),
    ("Jordanian air force planes dropped food parcels and medical supplies over northern "
     "Gaza on Monday.", "AID", None),
    ("The Pakistani Taliban claimed responsibility for a suicide car bombing that killed four "
     "police officers in Bannu.", "ASSAULT", "Suicide bomb"),
    ("M23 rebels seized the centre of Bukavu on Sunday after a day of fighting with Congolese "
     "troops.", "ASSAULT", "Non-state actor overtakes territory"),
    ("Kurdish-led fighters began withdrawing from two neighbourhoods under a deal with "
     "Damascus, handing checkpoints over to government forces without a shot fired.",
     "CONCEDE", "Non-violent transfer of territory"),
    ("Algeria ordered 12 French embassy and consular staff to leave the country within 48 "
     "hours.", "SANCTION", None),
    ("Chinese and Russian naval vessels began a joint exercise in the Sea of Japan on "
     "Sunday.", "COOPERATE", None),
    ("The European Union could suspend parts of its trade pact with Israel over the "
     "situation in Gaza.", "SANCTION", None),
])
def test_events_wire_leads_main_event(pipeline, text, etype, sub):
    """The main event of hand-written wire leads: its PLOVER type and ACLED sub-event."""
    top = _events(pipeline, text)[0]
    assert (top.event_type, top.acled_sub_event_type) == (etype, sub)


def test_events_rejected_call_of_a_state_targets_that_state(pipeline):
    text = ("The Kremlin on Monday rejected a British call for an unconditional 30-day "
            "ceasefire in Ukraine.")
    top = _events(pipeline, text)[0]
    assert top.event_type == "REJECT" and top.actor2.country == "GBR"


def test_events_force_on_people_protesting_is_the_forces_act_with_its_toll(pipeline):
    text = ("Security forces fired live rounds at young people protesting constitutional "
            "changes in the capital, killing two, opposition figures said.")
    top = _events(pipeline, text)[0]
    assert top.acled_sub_event_type == "Excessive force against protesters"
    assert top.actor1.sector == "COP" and top.actor2.sector == "PRO"
    assert top.fatalities == 2


@pytest.mark.parametrize("text, etype, doer", [
    # protesters take the country they march through
    ("Tens of thousands of pro-Palestinian demonstrators marched through central London "
     "on Saturday calling for an end to the war in Gaza.", "PROTEST", "GBR"),
    # the object of "expect ... to" does the infinitive
    ("Ukrainian commanders expect Russian forces to launch a renewed push on the city "
     "within weeks.", "ASSAULT", "RUS"),
])
def test_events_main_event_type_and_doer_country(pipeline, text, etype, doer):
    top = _events(pipeline, text)[0]
    assert top.event_type == etype and top.actor1.country == doer


@pytest.mark.parametrize("text", [
    "A military transport plane crashed near Omdurman on Tuesday, killing 46 people, the "
    "army said, blaming a technical fault.",
    "Lebanon marked 50 years on Sunday since the start of its 1975-1990 civil war, which "
    "killed an estimated 150,000 people.",
    "The conflict, which has killed tens of thousands of people, entered its third year.",
])
def test_events_no_event_in_faults_and_war_tolls(pipeline, text):
    assert not {"ASSAULT", "ACCUSE"} & {e.event_type for e in _events(pipeline, text)}


def test_events_participle_after_a_report_is_the_speakers_act(pipeline):
    text = ("'We will answer force with force,' Venezuela's defense minister said Tuesday, "
            "warning the United States against any military action.")
    top = _events(pipeline, text)[0]
    assert top.event_type == "THREATEN"
    assert top.actor1.country == "VEN" and top.actor2.country == "USA"


def test_events_agreement_an_act_is_done_under_is_no_new_agreement(pipeline):
    text = ("Israeli troops pulled out of several villages in southern Lebanon on Tuesday under "
            "the terms of a ceasefire deal.")
    assert _events(pipeline, text)[0].event_type == "RETREAT"


@pytest.mark.parametrize("text, sub, doer, target", [
    ("Russian missiles slammed into a residential neighborhood of Kharkiv late Thursday, "
     "killing four people.", None, "RUS", "UKR"),
    ("Ukrainian drones struck an oil refinery in Russia's Kaluga region, sparking a blaze "
     "that firefighters battled for hours.", "Air/drone strike", "UKR", None),
    ("Fighters from Sudan's Rapid Support Forces raped at least 11 women and girls during a "
     "raid on a camp in North Darfur.", "Sexual violence", "SDN", None),
])
def test_events_wire_leads_doer_and_target(pipeline, text, sub, doer, target):
    top = _events(pipeline, text)[0]
    assert top.event_type == "ASSAULT"
    if sub:
        assert top.acled_sub_event_type == sub
    assert top.actor1 is not None and top.actor1.country == doer
    if target:
        assert top.actor2 is not None and top.actor2.country == target


def test_events_capture_after_a_siege_is_taken_by_force(pipeline):
    text = ("The Arakan Army, an ethnic armed group, said Sunday it had captured a key military "
            "command post in Myanmar's western Rakhine state after a months-long siege.")
    top = _events(pipeline, text)[0]
    assert top.acled_sub_event_type == "Non-state actor overtakes territory"
    assert "Arakan Army" in top.actor1.name


def test_events_capital_after_a_dateline_dash_opens_the_sentence(pipeline):
    text = ("MANDALAY, Myanmar (AP) — Military jets bombed a village school in Myanmar's "
            "Sagaing region on Monday, killing 20 children.")
    top = _events(pipeline, text)[0]
    assert top.acled_sub_event_type == "Air/drone strike"
    assert top.actor1 is not None and top.actor1.country == "MMR"


@pytest.mark.parametrize("text, sub", [
    ("A drone slammed into a crowded livestock market in El Obeid on Sunday, killing 11 "
     "people.", "Air/drone strike"),
    ("Russian missiles smashed into an apartment block in Dnipro overnight, killing three "
     "people.", "Shelling/artillery/missile attack"),
])
def test_events_projectile_slamming_into_a_place_is_the_strike(pipeline, text, sub):
    assert _events(pipeline, text)[0].acled_sub_event_type == sub


def test_events_appeal_to_parties_is_a_request(pipeline):
    text = ("The U.N. secretary-general appealed on Tuesday to Sudan's warring parties to "
            "allow aid convoys to reach El Fasher.")
    assert _events(pipeline, text)[0].event_type == "REQUEST"


def test_events_fire_on_a_states_border_posts_targets_its_forces(pipeline):
    text = "Afghan Taliban forces opened fire on Pakistani border posts in the Kurram district."
    top = _events(pipeline, text)[0]
    assert top.actor2 is not None and top.actor2.country == "PAK"


def test_events_child_handed_over_to_custody_is_no_territory(pipeline):
    text = ("Volunteers found a child near the border and handed the child over to the custody "
            "of the Border Patrol.")
    assert not any(e.acled_sub_event_type == "Non-violent transfer of territory"
                   for e in _events(pipeline, text))


@pytest.mark.parametrize("text", [
    "Militants released three aid workers on Sunday under a deal brokered by elders.",
    "Kidnappers released 14 schoolchildren in Kaduna state on Friday.",
])
def test_events_people_released_are_a_concession(pipeline, text):
    top = _events(pipeline, text)[0]
    assert top.event_type == "CONCEDE"


def test_events_participle_qualifying_the_released_is_background(pipeline):
    text = ("Houthi rebels released 153 detainees captured from government forces on Sunday, "
            "the Red Cross said.")
    assert [e.event_type for e in _events(pipeline, text)][:1] == ["CONCEDE"]
    assert "COERCE" not in {e.event_type for e in _events(pipeline, text)}
