"""Actor naming stage (``actor_names.rules@1``): canonical, countable actor names.

Analysts count events by actor, so "Kenyan police", "police officers" and "the police in
Kisumu" must all be one actor, "Police Forces of Kenya". This stage, run after the event
stages, renames each event's actors in the ACLED style while ``Actor.mention`` keeps the
span as written:

* the part an actor plays in an event of a given ACLED sub-event type
  (``actor_names_roles.tsv``): whoever protests is a protester ("Protesters (Kenya)"),
  whoever riots a rioter, the victims of violence against civilians are civilians. A
  protest or riot with no stated doer still had one, and so had a bombing, grenade attack,
  attack on civilians or abduction ("Unidentified Armed Group (Iraq)"): actor1 is added
  without a mention;
* otherwise an actor named by plain words only (no proper name but a country's) gets the
  template of its sector (``actor_names_templates.tsv``): "soldiers" -> "Military Forces
  of <Country>", "unknown gunmen" -> "Unidentified Armed Group (<Country>)";
* a country, capital or government building named alone stands for the state's armed
  forces or its government depending on the event type (``actor_names_states.tsv``).

Named organisations, units and persons keep their names. The country is the actor's own,
else that of the event's place; a generic actor without one takes the place's country.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import AbstractSet, Any, ClassVar, Iterable, Mapping

from ..actors.lexicon import TABLES as ACTOR_TABLES
from ..config import Settings
from ..lexicons import FLAG, ISO3, SECTOR, Column
from ..model import Actor, Document, Event, record_builder, with_fields
from ..vocab import ACLED_EVENT_TYPE_OF, SECTORS

__all__ = ["ActorNameStage", "ActorNamer", "Role"]

log = logging.getLogger("sitroom.actor_names")

_SLOTS = frozenset({"actor1", "actor2", "any"})
# When a role row adds its actor to an event that names none in its slot: never; only when
# the slot is empty; or also when the slot holds a state actor, which then moves to the
# other slot (a protest is against the state).
_CREATE = ("no", "empty", "state")
_NO_SECTOR = "-"
# Sectors of the state: an actor of these in the doer slot of a protest is what the
# protest was against, not who protested.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
# Role-table kinds whose words name no one in particular ("troops", "armed", "local").
_GENERIC_KINDS = frozenset({"head", "weak", "arm", "title", "nametitle", "mod", "placemod",
                            "thing", "site", "prep"})
_TITLE_KINDS = frozenset({"title", "nametitle"})
# "Houthi forces", "UPDF soldiers": a named body's armed force keeps its head word (it says
# the actor is a force, as a state's army is), "IS militants" is just "IS".
_FORCE_KINDS = frozenset({"head", "weak"})
_FORCE_SECTORS = frozenset({"MIL", "COP"})
# Country kinds that stand for the state itself when named alone; of the "name" rows only
# a country's own name (its first row) does: "Russia" but not "Gaza Strip".
_STATE_KINDS = frozenset({"capital", "metonym"})
# Country kinds that name a country's people or forces ("Afghans", "the Armenian").
_PEOPLE_KINDS = frozenset({"demonym", "people"})
# Small words allowed inside a generic actor phrase.
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "from", "in", "and", "or", "s", "at",
                             "by", "for", "to", "on", "with"})
# Actor phrases whose classification is remembered; a news article has a few dozen, and
# a long run over many documents clears the memo at this size rather than growing it.
_CACHE_SIZE = 20_000
_UNSET = object()  # (a memo's miss, where None is a value)
_NOTHING_DONE: frozenset[str] = frozenset()
# ACLED sub-event type -> event type, as a plain dict (read per event)
_EVENT_TYPE_OF: dict[str, str] = dict(ACLED_EVENT_TYPE_OF)
# An event's field values in order, and where its two actors stand among them, for
# rebuilding events with new actors (most events are: ~10% of this stage by
# ``with_fields``, whose keyword arguments cost more than the copy).
_EVENT_FIELDS = [f.name for f in fields(Event)]
_EVENT_VALUES = attrgetter(*_EVENT_FIELDS)
_ACTOR1, _ACTOR2 = _EVENT_FIELDS.index("actor1"), _EVENT_FIELDS.index("actor2")
# Constructors equal to ``Event(*values)`` and ``Actor(...)`` with every field given, cheaper
# (see ``record_builder``): most events of an article get renamed actors.
_EVENT, _ACTOR = record_builder(Event), record_builder(Actor)
_WORD = re.compile(r"[^\W\d_]+")
_KEY_WORD = re.compile(r"\w+")
_POSSESSIVES = ("'s", "’s", "s'", "s’")


def _core(text: str, keep_last: frozenset[str] = frozenset()) -> str:
    """A name without the plain words around it: "member of the CNDD-FDD" -> "CNDD-FDD",
    "Hamas militants" -> "Hamas" (words with no capital letter at either end go, except
    a last word in ``keep_last``)."""
    chunks = text.split()
    lo, hi = 0, len(chunks)
    while lo < hi and chunks[lo] == chunks[lo].lower():
        lo += 1
    while hi > lo and chunks[hi - 1] == chunks[hi - 1].lower():
        if hi == len(chunks) and chunks[hi - 1] in keep_last:
            return " ".join(chunks[lo:])
        hi -= 1
    if lo < hi < len(chunks) and chunks[hi - 1].endswith(_POSSESSIVES):
        hi = len(chunks)  # "Zelensky's office" is not Zelensky
    return " ".join(chunks[lo:hi])


def _group_key(name: str) -> str:
    """Lookup key of an organisation name: "al-Shabaab" == "Al Shabaab"."""
    return " ".join(_KEY_WORD.findall(name.lower()))


def _sector_set(value: str) -> frozenset[str | None]:
    out: set[str | None] = set()
    for code in value.split():
        if code == _NO_SECTOR:
            out.add(None)
        elif code in SECTORS:
            out.add(code)
        else:
            raise ValueError(f"unknown sector {code!r}")
    return frozenset(out)


_TEMPLATE_COLUMNS = (SECTOR("sector", required=True),
                     Column("template", pattern=r"[^{}]*\{(?:the_)?country\}[^{}]*"),
                     Column("without_country", required=False))
_ROLE_COLUMNS = (Column("sub_event", choices=frozenset(ACLED_EVENT_TYPE_OF)),
                 Column("slot", choices=_SLOTS),
                 SECTOR("sector", required=True),
                 Column("takes", convert=_sector_set),
                 FLAG("named", required=True),
                 Column("create", choices=frozenset(_CREATE)))
_GROUP_COLUMNS = (Column("form"), Column("name"))
_ARTICLE_COLUMNS = (ISO3("country", required=True),)
_STATE_COLUMNS = (Column("acled_event_type",
                         choices=frozenset(ACLED_EVENT_TYPE_OF.values()) | {"*"}),
                  SECTOR("sector", required=True))


@dataclass(frozen=True, slots=True)
class Role:
    """The part (``sector``) an actor in ``slot`` plays in events of one sub-event type."""

    slot: str
    sector: str
    takes: frozenset[str | None]
    named: bool
    create: str  # one of _CREATE


@dataclass(frozen=True, slots=True)
class _Template:
    with_country: str
    without_country: str | None

    def render(self, country_name: str | None, article: bool = False) -> str | None:
        if country_name:
            the = f"the {country_name}" if article else country_name
            return self.with_country.format(country=country_name, the_country=the)
        return self.without_country



# A possessive before a trigger refers to its doer: "to halt its attacks".
_OWNER_BEFORE = re.compile(r"\b(?:its|their|his|her|our|whose)\s+(?:[\w-]+\s+){0,2}$",
                           re.IGNORECASE)


# The possessives of _OWNER_BEFORE: a window of ASCII text without one of them (in any
# case) holds no match, found by a few substring tests instead of trying the regex at
# each of its positions (~15x the cost).
_OWNER_WORDS = ("its", "their", "his", "her", "our", "whose")
# How far before the trigger the possessive may stand (_OWNER_BEFORE's window).
_OWNER_REACH = 40


def _owned(e: Event) -> bool:
    """Whether the trigger's doer is referred to by a possessive before it."""
    t, ev = e.trigger, e.evidence
    if t is None or not ev.start <= t.start <= ev.end:
        return False
    at = t.start - ev.start
    lo = max(0, at - _OWNER_REACH)
    window = ev.text[lo:at]
    if window.isascii():  # (elsewhere the regex's case rules match more than ASCII letters)
        window = window.lower()
        for word in _OWNER_WORDS:
            if word in window:
                break
        else:
            return False
    return _OWNER_BEFORE.search(ev.text, lo, at) is not None


# How far before an actor "against" (and an article) may stand in its sentence.
_AGAINST_REACH = 16


def _against(e: Event, a: Actor) -> bool:
    """Whether "against" stands right before the actor ("sanctions against the junta"),
    optionally with an article."""
    m, ev = a.mention, e.evidence
    if m is None or not ev.start <= m.start <= ev.end:
        return False
    window = ev.text[max(0, m.start - ev.start - _AGAINST_REACH):m.start - ev.start]
    if "against" not in window.lower():
        return False
    words = window.split()
    if words and words[-1].lower() in ("the", "a", "an", "its", "their"):
        words.pop()
    return bool(words) and words[-1].lower() == "against"


class ActorNamer:
    """Renames the actors of events; built once from the lexicons."""

    def __init__(self, lexicons: Any) -> None:
        self.templates: Mapping[str, _Template] = {
            r["sector"]: _Template(r["template"], r["without_country"])
            for r in lexicons.table("actor_names_templates.tsv", _TEMPLATE_COLUMNS).rows}
        roles: dict[str, list[Role]] = {}
        for r in lexicons.table("actor_names_roles.tsv", _ROLE_COLUMNS).rows:
            roles.setdefault(r["sub_event"], []).append(
                Role(r["slot"], r["sector"], r["takes"], r["named"], r["create"]))
        self.roles: Mapping[str, tuple[Role, ...]] = {k: tuple(v) for k, v in roles.items()}
        # sub-event type -> its roles, each with the slots it may fill in order
        self._role_slots: dict[str, tuple[tuple[Role, tuple[str, ...]], ...]] = {
            k: tuple((r, ("actor1", "actor2") if r.slot == "any" else (r.slot,)) for r in v)
            for k, v in self.roles.items()}
        self.state_sector: Mapping[str, str] = {
            r["acled_event_type"]: r["sector"]
            for r in lexicons.table("actor_names_states.tsv", _STATE_COLUMNS).rows}
        self.group_names: Mapping[str, str] = {
            _group_key(r["form"]): r["name"]
            for r in lexicons.table("actor_names_groups.tsv", _GROUP_COLUMNS).rows}
        self.with_article: frozenset[str] = frozenset(
            r["country"] for r in lexicons.table("actor_names_articles.tsv",
                                                 _ARTICLE_COLUMNS).rows)
        self._load_words(lexicons)
        log.debug("actor names: %d sector templates, %d sub-event roles, %d group names",
                  len(self.templates), sum(map(len, self.roles.values())),
                  len(self.group_names))
        self._generic_cache: dict[str, tuple[bool, bool, bool]] = {}
        # actor phrase as written -> its organisation's name ("" if it names none)
        self._core_names: dict[str, str] = {}
        # (sector, country) -> name: bounded by the tables (sectors x countries)
        self._names: dict[tuple[str, str | None], str | None] = {}

    def _load_words(self, lexicons: Any) -> None:
        columns = ACTOR_TABLES["actors_countries.tsv"][0]
        names: dict[str, str] = {}
        country_words: set[str] = set()
        state_forms: set[str] = set()
        people_forms: set[str] = set()
        for r in lexicons.table("actors_countries.tsv", columns).rows:
            words = _WORD.findall(r["form"])
            country_words.update(words)
            if r["kind"] in _STATE_KINDS:
                state_forms.add(r["form"])
            elif r["kind"] in _PEOPLE_KINDS:
                people_forms.add(r["form"])
            if r["kind"] == "name" and r["country"] not in names:
                names[r["country"]] = r["form"]
                state_forms.add(r["form"])
        role_words: set[str] = set()
        title_words: set[str] = set()
        force_words: set[str] = set()
        for r in lexicons.table("actors_roles.tsv", ACTOR_TABLES["actors_roles.tsv"][0]).rows:
            form_words = {w.lower() for w in _WORD.findall(r["form"])}
            if r["kind"] in _GENERIC_KINDS:
                role_words |= form_words
            if r["kind"] in _TITLE_KINDS and len(form_words) == 1:
                title_words |= form_words
            if (r["kind"] in _FORCE_KINDS and r["sector"] in _FORCE_SECTORS
                    and len(form_words) == 1):
                force_words |= form_words
        self.country_names: Mapping[str, str] = names
        self._country_words = frozenset(country_words)
        self._state_forms = frozenset(state_forms)
        self._people_forms = frozenset(people_forms)
        self._role_words = frozenset(role_words | _FUNCTION_WORDS)
        self._title_words = frozenset(title_words)
        self._force_words = frozenset(force_words)

    # -- what kind of name an actor has -------------------------------------------------

    def _classify(self, text: str) -> tuple[bool, bool, bool]:
        """(generic, state named alone, has a title) for an actor phrase as written."""
        hit = self._generic_cache.get(text)
        if hit is None:
            words = _WORD.findall(text)
            alone = text in self._state_forms
            # plain words only, and a word for people ("Kenyan police", "Afghans"): a
            # place named by country words only ("West Bank") is no generic actor
            generic = bool(words) and all(
                w[0].islower() or w.lower() in self._role_words or w in self._country_words
                for w in words) and (alone or text in self._people_forms or any(
                    w.lower() in self._role_words and w.lower() not in _FUNCTION_WORDS
                    for w in words))
            titled = any(w.lower() in self._title_words for w in words)
            hit = (generic, alone, titled)
            if len(self._generic_cache) >= _CACHE_SIZE:
                self._generic_cache.clear()
            self._generic_cache[text] = hit
        return hit

    def _written(self, a: Actor) -> str:
        return a.mention.text if a.mention is not None else a.name

    # -- renaming -------------------------------------------------------------------------

    def _render(self, sector: str, country: str | None) -> str | None:
        key = (sector, country)
        name = self._names.get(key, _UNSET)
        if name is _UNSET:
            template = self.templates.get(sector)
            name = self._names[key] = None if template is None else template.render(
                self.country_names.get(country) if country else None,
                country in self.with_article)
        return name  # type: ignore[return-value]

    def _takes(self, role: Role, a: Actor | None) -> bool:
        if a is None or a.sector not in role.takes:
            return False
        m = a.mention
        text = a.name if m is None else m.text  # (``_written``, inlined)
        hit = self._generic_cache.get(text)  # (the memo read here first: a call less)
        generic, alone, _ = self._classify(text) if hit is None else hit
        return not alone and (generic or role.named)

    def _as_role(self, role: Role, a: Actor, place_country: str | None) -> Actor:
        country = a.country or place_country
        name = self._render(role.sector, country) or a.name
        return _ACTOR(name, country, role.sector, a.mention)

    def _created(self, role: Role, place_country: str | None) -> Actor | None:
        name = self._render(role.sector, place_country)
        return _ACTOR(name, place_country, role.sector, None) if name else None

    def canonical(self, a: Actor, acled_type: str | None,
                  place_country: str | None) -> Actor:
        """The actor under its canonical name where its words name no one in particular."""
        m = a.mention
        text = a.name if m is None else m.text  # (``_written``, inlined)
        hit = self._generic_cache.get(text)
        generic, alone, titled = self._classify(text) if hit is None else hit
        sector = a.sector
        if alone and sector in (None, "GOV", "MIL"):
            # "Kyiv struck back": the event type decides; else the capital's or building's
            # own sector ("the Pentagon" MIL), else the default row
            sector = (self.state_sector.get(acled_type or "") or sector
                      or self.state_sector.get("*"))
        elif not generic:
            return a if titled else self._named(a, text)
        elif titled and sector == "GOV":
            return a
        if sector is None:
            return a
        country = a.country or place_country
        name = self._render(sector, country)
        if name is None:
            return a
        return _ACTOR(name, country, sector, a.mention)

    def _named(self, a: Actor, written: str | None = None) -> Actor:
        """A named actor under its organisation's name: "suspected Gulf Clan members" ->
        "Gulf Clan", "IS militants" -> "Islamic State" (``actor_names_groups.tsv``)."""
        text = self._written(a) if written is None else written
        core_name = self._core_names.get(text)
        if core_name is None:  # ("" when the phrase has no name in it)
            core = _core(text, self._force_words)
            core_name = self.group_names.get(_group_key(core), core) if core else ""
            if len(self._core_names) >= _CACHE_SIZE:
                self._core_names.clear()
            self._core_names[text] = core_name
        name = core_name or a.name
        return a if name == a.name else _ACTOR(name, a.country, a.sector, a.mention)

    def _apply_roles(self, e: Event, place_country: str | None
                     ) -> tuple[Actor | None, Actor | None, set[str]]:
        a1, a2 = e.actor1, e.actor2
        done: set[str] = set()
        roles = self._role_slots.get(e.acled_sub_event_type or "", ())
        owned = bool(roles) and a1 is None and _owned(e)
        for role, slots in roles:
            for slot in slots:
                if slot in done:
                    continue
                if slot == "actor2":
                    if self._takes(role, a2):
                        a2 = self._as_role(role, a2, place_country)  # type: ignore[arg-type]
                        done.add(slot)
                        break
                    continue
                pair = self._doer(role, a1, a2, place_country, owned)
                if pair is not None:
                    a1, a2 = pair
                    done.add(slot)
                    break
        return a1, a2, done

    def _doer(self, role: Role, a1: Actor | None, a2: Actor | None,
              place_country: str | None, owned: bool = False
              ) -> tuple[Actor, Actor | None] | None:
        """(actor1, actor2) with actor1 in ``role``, or None when the role does not apply
        (``owned``: the trigger's doer is referred to, "its attacks": none is added)."""
        if self._takes(role, a1):
            return self._as_role(role, a1, place_country), a2  # type: ignore[arg-type]
        if role.create == "no" or (a1 is not None and (
                role.create == "empty" or a1.sector not in _STATE_SECTORS)) or (
                role.create == "empty" and owned):
            return None
        if a1 is not None and self._takes(role, a2):
            # "police dispersed students who marched": the students protested
            return self._as_role(role, a2, place_country), a1  # type: ignore[arg-type]
        created = self._created(role, place_country)
        if created is None:
            return None
        # "a protest against the ministry": the state is what it was against; the state
        # actor stated ("police dispersed protesters in Nairobi") outranks a country or
        # capital standing for the state
        if a1 is not None and (a2 is None or a2.sector in _STATE_SECTORS
                               or self._classify(self._written(a2))[1]):
            a2 = a1
        return created, a2

    def name_event(self, e: Event) -> Event:
        location = e.location
        place_country = location.country if location is not None else None
        sub = e.acled_sub_event_type or ""
        acled_type = _EVENT_TYPE_OF.get(sub)
        done: AbstractSet[str]
        if sub in self.roles:
            a1, a2, done = self._apply_roles(e, place_country)
        else:  # (no role for this sub-event type: nothing done)
            a1, a2, done = e.actor1, e.actor2, _NOTHING_DONE
        if a1 is not None and "actor1" not in done:
            a1 = self.canonical(a1, acled_type, place_country)
        if a2 is not None and "actor2" not in done:
            # "Kenya announced sanctions against the junta": what a state acts against
            # is not taken to be its own
            own = (a2.country is None and a1 is not None and place_country is not None
                   and a1.country == place_country)
            a2 = self.canonical(a2, acled_type, None if own and _against(e, a2)
                                else place_country)
        if a1 is e.actor1 and a2 is e.actor2:
            return e
        values = list(_EVENT_VALUES(e))  # (``with_fields`` without its keyword loop)
        values[_ACTOR1], values[_ACTOR2] = a1, a2
        return _EVENT(*values)

    def __call__(self, events: Iterable[Event]) -> list[Event]:
        """The events with canonical actor names; events that become identical (co-doers
        "students and workers" both named "Protesters (Kenya)") are kept once, as the most
        confident of them, in the place of the first."""
        out: list[Event] = []
        seen: dict[tuple[Any, ...], int] = {}
        name_event = self.name_event
        for e in events:
            e = name_event(e)
            evidence, trigger, a1, a2 = e.evidence, e.trigger, e.actor1, e.actor2
            key = (evidence.start, evidence.end, e.event_type, e.acled_sub_event_type,
                   trigger.start if trigger is not None else None,
                   a1.name if a1 is not None else None, a2.name if a2 is not None else None)
            at = seen.get(key)
            if at is None:
                seen[key] = len(out)
                out.append(e)
            elif e.confidence > out[at].confidence:
                out[at] = e
        return out


class ActorNameStage:
    name: ClassVar[str] = "actor_names.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("events",)
    requires: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings = settings
        self.namer = ActorNamer(resources.lexicons)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        return with_fields(doc, events=tuple(self.namer(doc.events)))
