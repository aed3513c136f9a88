"""The typed record model shared by every stage, the store and the interchange format.

All records are frozen dataclasses. Every extracted field keeps the character
offsets (``Mention``) of the text it came from: offsets index ``Document.text``
exactly as given.
"""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date
from operator import attrgetter
from typing import Any, Callable, Mapping, ParamSpec, TypeVar, cast

__all__ = [
    "Mention",
    "Sentence",
    "Actor",
    "Place",
    "DateRange",
    "Quantity",
    "Attribution",
    "Event",
    "Document",
    "content_hash",
    "event_to_dict",
    "event_from_dict",
    "document_to_dict",
    "replace",
    "with_fields",
    "record_builder",
]


def content_hash(text: str) -> str:
    """Stable identity of a document's text (sha256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of ``Document.text``: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    label: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None, label: str = "") -> Mention | None:
        if not d:
            return None
        return cls(int(d["start"]), int(d["end"]), d.get("text") or "", label)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # one of vocab.SECTORS
    mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "sector": self.sector,
                "mention": self.mention.to_dict() if self.mention else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Actor | None:
        if not d:
            return None
        return cls(d["name"], d.get("country"), d.get("sector"),
                   Mention.from_dict(d.get("mention"), "ACTOR"))


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    admin1: str | None = None
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str = "unknown"  # one of vocab.LOCATION_PRECISIONS
    mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "admin1": self.admin1, "country": self.country,
                "lat": self.lat, "lon": self.lon, "precision": self.precision,
                "geonames_id": self.geonames_id,
                "mention": self.mention.to_dict() if self.mention else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Place | None:
        if not d:
            return None
        return cls(d["name"], d.get("admin1"), d.get("country"), d.get("lat"), d.get("lon"),
                   d.get("geonames_id"), d.get("precision") or "unknown",
                   Mention.from_dict(d.get("mention"), "PLACE"))


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date | None = None
    end: date | None = None
    precision: str = "unknown"  # one of vocab.DATE_PRECISIONS
    mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
                "precision": self.precision,
                "mention": self.mention.to_dict() if self.mention else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> DateRange | None:
        if not d:
            return None
        return cls(_to_date(d.get("start")), _to_date(d.get("end")),
                   d.get("precision") or "unknown", Mention.from_dict(d.get("mention"), "DATE"))


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float | int
    unit: str | None = None
    approximate: bool = False
    mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        m = self.mention
        return {"value": self.value, "unit": self.unit, "approximate": self.approximate,
                "text": m.text if m else None, "mention": m.to_dict() if m else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Quantity:
        return cls(d["value"], d.get("unit"), bool(d.get("approximate")),
                   Mention.from_dict(d.get("mention"), "QUANTITY"))


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: the source as written, whether it is anonymous, the reporting
    cue ("said", "according to") and the span of what is attributed."""

    source: str | None
    anonymous: bool = False
    cue: Mention | None = None
    quote: Mention | None = None
    source_mention: Mention | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "anonymous": self.anonymous,
                "quote": self.quote.text if self.quote else None,
                "cue": self.cue.to_dict() if self.cue else None,
                "quote_span": self.quote.to_dict() if self.quote else None,
                "source_span": self.source_mention.to_dict() if self.source_mention else None}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Attribution:
        return cls(d.get("source"), bool(d.get("anonymous")),
                   Mention.from_dict(d.get("cue"), "CUE"),
                   Mention.from_dict(d.get("quote_span"), "QUOTE"),
                   Mention.from_dict(d.get("source_span"), "SOURCE"))


@dataclass(frozen=True, slots=True)
class Event:
    doc_id: str
    event_type: str  # one of vocab.PLOVER_EVENT_TYPES
    evidence: Mention
    mode: str | None = None
    context: str | None = None
    acled_sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    date: DateRange | None = None
    fatalities: int | None = None
    quantities: tuple[Quantity, ...] = ()
    status: str = "reported"  # one of vocab.STATUSES
    attribution: tuple[Attribution, ...] = ()
    confidence: float = 0.5
    trigger: Mention | None = None
    extractor: str = "sitroom.rules"
    extractor_version: str = "0"

    @property
    def id(self) -> str:
        """Stable id: same document, sentence, trigger, type and actors give the same id."""
        key = "|".join(str(x) for x in (
            self.doc_id, self.evidence.start, self.evidence.end, self.event_type,
            self.trigger.start if self.trigger else "",
            self.actor1.name if self.actor1 else "", self.actor2.name if self.actor2 else ""))
        return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    source: str | None = None  # where it was read from: file path, URL, feed
    content_hash: str = ""
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRange, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))

    def span(self, start: int, end: int, label: str = "") -> Mention:
        return Mention(start, end, self.text[start:end], label)


def _reduce_by_fields(rebuild: Callable[..., Any], values: Callable[[Any], tuple[Any, ...]]
                      ) -> Callable[[Any], tuple[Callable[..., Any], tuple[Any, ...]]]:
    """A ``__reduce__`` that rebuilds the record from its field values (``values`` reads
    them) through ``rebuild``: its ``record_builder``, or else its class.

    Documents cross process boundaries in bulk (workers return ~500 records per article);
    the slotted-dataclass default (``__getstate__``/``__setstate__`` looping in Python)
    made unpickling in the parent cost ~3 ms per article, the constructor ~2 ms. Such
    pickles name the builder (``sitroom.model.Actor._Twin``): they carry records between
    processes of one version, they are not a storage format."""
    def reduce(self: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return rebuild, values(self)

    return reduce


class _Factory:
    """Default of a field filled by its factory when no value is given."""

    def __repr__(self) -> str:
        return "<factory>"


_NO_VALUE = _Factory()


def _slot_init(cls: type, twin: type) -> Callable[..., None]:
    """An ``__init__`` equal to the dataclass's, cheaper. A frozen dataclass's own
    ``__init__`` calls ``object.__setattr__`` by name for every field; this one makes the
    new instance a ``twin`` (an unfrozen class with the same slots), stores the fields as
    plain attributes (which the interpreter specialises) and makes it a ``cls`` again: an
    event and its mention are built in ~40% fewer instructions. Records are built by the hundred per
    article (and rebuilt when a stage adds to them or a worker sends them back). An
    instance of a subclass, whose layout may differ, is filled through the slots'
    setters."""
    env: dict[str, Any] = {"_NO_VALUE": _NO_VALUE, "_cls": cls, "_twin": twin,
                           "_set_class": object.__setattr__}
    params, factories, stores, setters = [], [], [], []
    if len(fields(cls)) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: InitVar and ClassVar fields are not supported")
    for f in fields(cls):
        if not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: init=False and kw_only fields are "
                            "not supported")
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_NO_VALUE")
            factories.append(f"    if {f.name} is _NO_VALUE: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        stores.append(f"        self.{f.name} = {f.name}")
        setters.append(f"        _set_{f.name}(self, {f.name})")
    body = [*factories,
            "    if type(self) is _cls:",
            "        _set_class(self, '__class__', _twin)  # (the record's __setattr__ refuses)",
            *stores,
            "        self.__class__ = _cls",
            "    else:",
            *setters]
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(source, env)  # as dataclasses itself builds __init__
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _make_twin(cls: type) -> type:
    """An unfrozen class with the slots of ``cls``, whose ``__init__`` takes every field's
    value in order, stores them and makes the instance a ``cls`` (allowed between classes
    of the same layout): the new record is frozen from then on."""
    names = [f.name for f in fields(cls)]
    if tuple(names) != cls.__slots__:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__}: slots differ from the fields")
    env: dict[str, Any] = {"_record": cls}
    exec(f"def __init__(self, {', '.join(names)}):\n"  # (as dataclasses builds __init__)
         + "".join(f"    self.{n} = {n}\n" for n in names)
         + "    self.__class__ = _record\n", env)
    env["__init__"].__qualname__ = f"{cls.__qualname__}._Twin.__init__"
    return type(f"{cls.__name__}Twin", (), {
        "__slots__": tuple(names), "__init__": env["__init__"], "__module__": __name__,
        "__qualname__": f"{cls.__qualname__}._Twin"})


R = TypeVar("R")
P = ParamSpec("P")

_RECORDS = (Mention, Sentence, Actor, Place, DateRange, Quantity, Attribution, Event, Document)


def record_builder(cls: Callable[P, R]) -> Callable[P, R]:
    """A constructor of ``cls`` (one of this module's records without a ``__post_init__``)
    that takes every field's value in order, by position: ``record_builder(Actor)(name,
    country, sector, mention) == Actor(name, country, sector, mention)``, cheaper still
    than the record's own (its twin class, without the record's argument handling)."""
    build = _BUILDERS.get(cls)  # type: ignore[call-overload]
    if build is None:
        raise TypeError(f"{getattr(cls, '__name__', cls)}: not a record without __post_init__")
    return cast(Callable[P, R], build)


# Per record: its twin, kept as an attribute of the record class so that pickles can name
# it ("sitroom.model.Actor._Twin"); those of records without a ``__post_init__`` are their
# builders, which unpickling and ``with_fields`` use.
_BUILDERS: dict[type, type] = {}
# Per record type: a getter of all its field values in order, and each field's position.
_FIELD_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {
    cls: attrgetter(*(f.name for f in fields(cls))) for cls in _RECORDS}
_FIELD_AT: dict[type, dict[str, int]] = {
    cls: {f.name: i for i, f in enumerate(fields(cls))} for cls in _RECORDS}
for _record in _RECORDS:
    _twin = _make_twin(_record)
    _record._Twin = _twin  # type: ignore[union-attr]
    _record.__init__ = _slot_init(_record, _twin)  # type: ignore[method-assign,misc]
    if not hasattr(_record, "__post_init__"):
        _BUILDERS[_record] = _twin
    _record.__reduce__ = _reduce_by_fields(  # type: ignore[assignment,method-assign]
        _BUILDERS.get(_record, _record), _FIELD_VALUES[_record])
del _record, _twin


def with_fields(record: R, **changes: Any) -> R:
    """``dataclasses.replace`` for the records of this module, without its loop over the
    fields in Python (a document has sixteen): the stages rebuild every document and most
    events once or twice, so this is ~1% of the pipeline."""
    cls = type(record)
    getter = _FIELD_VALUES.get(cls)
    if getter is None:  # not one of this module's records (a subclass, say)
        return replace(record, **changes)  # type: ignore[type-var]
    values = list(getter(record))
    at = _FIELD_AT[cls]
    for name, value in changes.items():
        if name not in at:
            raise TypeError(f"{cls.__name__} has no field {name!r}")
        values[at[name]] = value
    return _BUILDERS.get(cls, cls)(*values)


def _to_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def _confidence(v: Any) -> float:
    return float(v) if v is not None else 0.5


def event_to_dict(e: Event) -> dict[str, Any]:
    """The interchange form of an event (a superset of what the scorer reads)."""
    return {
        "id": e.id,
        "doc_id": e.doc_id,
        "event_type": e.event_type,
        "mode": e.mode,
        "context": e.context,
        "acled_sub_event_type": e.acled_sub_event_type,
        "date": e.date.to_dict() if e.date else None,
        "actor1": e.actor1.to_dict() if e.actor1 else None,
        "actor2": e.actor2.to_dict() if e.actor2 else None,
        "location": e.location.to_dict() if e.location else None,
        "fatalities": e.fatalities,
        "quantities": [q.to_dict() for q in e.quantities],
        "status": e.status,
        "attribution": [a.to_dict() for a in e.attribution],
        "evidence": {"text": e.evidence.text, "start": e.evidence.start, "end": e.evidence.end},
        "trigger": e.trigger.to_dict() if e.trigger else None,
        "confidence": round(float(e.confidence), 4),
        "extractor": {"name": e.extractor, "version": e.extractor_version},
    }


def event_from_dict(d: Mapping[str, Any]) -> Event:
    ev = d["evidence"]
    ext = d.get("extractor") or {}
    return Event(
        doc_id=d["doc_id"],
        event_type=d["event_type"],
        evidence=Mention(int(ev["start"]), int(ev["end"]), ev.get("text") or "", "EVIDENCE"),
        mode=d.get("mode"),
        context=d.get("context"),
        acled_sub_event_type=d.get("acled_sub_event_type"),
        actor1=Actor.from_dict(d.get("actor1")),
        actor2=Actor.from_dict(d.get("actor2")),
        location=Place.from_dict(d.get("location")),
        date=DateRange.from_dict(d.get("date")),
        fatalities=d.get("fatalities"),
        quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities") or ()),
        status=d.get("status") or "reported",
        attribution=tuple(Attribution.from_dict(a) for a in d.get("attribution") or ()),
        confidence=_confidence(d.get("confidence")),
        trigger=Mention.from_dict(d.get("trigger"), "TRIGGER"),
        extractor=ext.get("name") or "unknown",
        extractor_version=ext.get("version") or "0",
    )


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Input-side fields of a document (what the store and JSONL docs carry)."""
    return {"id": doc.id, "title": doc.title, "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None,
            "language": doc.language, "source": doc.source, "content_hash": doc.content_hash,
            "text": doc.text}

