"""Closed vocabularies shared by every stage, the JSON Schema and the store.

Each vocabulary is defined once here; everything else imports it.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, Mapping

__all__ = [
    "PLOVER_EVENT_TYPES",
    "PLOVER_MODES",
    "ACLED_SUB_EVENT_TYPES",
    "ACLED_EVENT_TYPE_OF",
    "STATUSES",
    "FACTUAL_STATUSES",
    "DATE_PRECISIONS",
    "LOCATION_PRECISIONS",
    "SECTORS",
    "ACLED_DEFAULT_PLOVER",
    "EXCESSIVE_FORCE",
]

PLOVER_EVENT_TYPES: Final[tuple[str, ...]] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER modes (v1.0 manual); an event carries one where the text makes it evident.
PLOVER_MODES: Final[tuple[str, ...]] = (
    # ASSAULT
    "beat", "firearms", "explosives", "aerial", "artillery", "wmd", "sexual", "primitive",
    # COERCE
    "seize", "arrest", "expel", "curfew", "censor", "ban", "martial-law", "deport", "destroy",
    # PROTEST
    "demo", "riot", "strike", "hunger", "boycott", "obstruct",
    # MOBILIZE
    "troops", "weapons", "police", "militia", "alert",
    # THREATEN / SANCTION / AID / others
    "military", "nonmilitary", "ultimatum", "economic", "diplomatic", "humanitarian",
    "material", "personnel", "cease-fire", "peace", "treaty", "meeting", "visit", "call",
)

# ACLED's 25 sub-event types, each with its parent ACLED event type.
ACLED_EVENT_TYPE_OF: Final[Mapping[str, str]] = MappingProxyType({
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
})
ACLED_SUB_EVENT_TYPES: Final[tuple[str, ...]] = tuple(ACLED_EVENT_TYPE_OF)
# Force used on protesters: the forces' act, its deaths the outcome (not a protest's cause).
EXCESSIVE_FORCE: Final[str] = "Excessive force against protesters"
assert EXCESSIVE_FORCE in ACLED_EVENT_TYPE_OF

# The PLOVER category an ACLED sub-event type falls under when nothing else is known.
ACLED_DEFAULT_PLOVER: Final[Mapping[str, str]] = MappingProxyType({
    "Armed clash": "ASSAULT",
    "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT",
    "Chemical weapon": "ASSAULT",
    "Air/drone strike": "ASSAULT",
    "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "ASSAULT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Peaceful protest": "PROTEST",
    "Protest with intervention": "PROTEST",
    "Excessive force against protesters": "COERCE",
    "Violent demonstration": "PROTEST",
    "Mob violence": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Change to group/activity": "MOBILIZE",
    "Disrupted weapons use": "COERCE",
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "CONCEDE",
    "Other": "COERCE",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "COERCE",
})

# How sure the text is that the event happened.
STATUSES: Final[tuple[str, ...]] = (
    "reported", "claimed", "denied", "predicted", "possible", "planned", "negated",
)
# Statuses under which an event is stated to have taken place.
FACTUAL_STATUSES: Final[frozenset[str]] = frozenset({"reported", "claimed"})

DATE_PRECISIONS: Final[tuple[str, ...]] = ("day", "week", "month", "year", "unknown")

# From most to least exact: a point for the very place, a town, a district, a
# province/region, a whole country, or nothing known.
LOCATION_PRECISIONS: Final[tuple[str, ...]] = (
    "exact", "city", "admin2", "admin1", "country", "unknown",
)

# Actor sector codes in the CAMEO/PLOVER style (one closed list for the package).
SECTORS: Final[Mapping[str, str]] = MappingProxyType({
    "GOV": "government, executive, head of state, ministries, diplomats",
    "MIL": "state military forces",
    "COP": "police and other state security forces",
    "REB": "rebels, insurgents, armed opposition groups",
    "MLA": "political, ethnic or communal militias",
    "UAF": "unidentified armed men",
    "PRO": "protesters, demonstrators",
    "RIO": "rioters, mobs",
    "CVL": "civilians, residents, villagers",
    "IGO": "intergovernmental organisations and groupings",
    "NGO": "non-governmental organisations",
    "BUS": "businesses and companies",
    "MED": "media",
    "JRN": "journalists",
    "JUD": "judiciary, courts, prosecutors",
    "LEG": "legislature, parliament, lawmakers",
    "OPP": "political opposition",
    "PTY": "political parties",
    "REL": "religious figures and bodies",
    "ETH": "ethnic groups",
    "CRM": "criminals, gangs, bandits",
    "SPY": "intelligence services",
    "REF": "refugees and displaced people",
    "LAB": "labour, trade unions, workers",
    "EDU": "education, students, teachers",
    "HLT": "health workers and services",
    "AGR": "farmers, herders, agriculture",
    "ELI": "elites, prominent individuals",
    "PMC": "private military companies, mercenaries",
    "ACT": "activists, human rights defenders",
})
