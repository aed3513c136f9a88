"""Attribution: who says so. Source, reporting cue and the content attributed.

``AttributionStage`` fills ``Document.attributions`` with one ``Attribution`` per reporting
cue it can read:

* "SOURCE said (that) CONTENT", "SOURCE told reporters CONTENT";
* "CONTENT, SOURCE said." / '"CONTENT," said SOURCE.' (the source after the content);
* "According to SOURCE, CONTENT" / "CONTENT, according to SOURCE";
* "SOURCE, speaking on condition of anonymity, described CONTENT" (an appositive between).

A source is anonymous when its head noun names nobody ("officials said", "a senior U.S.
official") or the sentence withholds a name ("on condition of anonymity"); a capitalised
head ("Ukrainian Defense Officials", "the Pentagon") names a body.

Cue words and anonymity markers are data: ``attribution_cues.tsv``,
``attribution_anonymous.tsv``.
"""

from __future__ import annotations

import bisect
import logging
import re
import string
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterator

from ..actors.lexicon import TABLES as ACTOR_TABLES
from ..config import Settings
from ..lexicons import Column
from ..model import Attribution, Document, Mention, Sentence, record_builder, with_fields
from ..vocab import STATUSES
from .wordscan import LOWER_LETTERS_ONLY, chunk_tokenizer, is_word_char, prefix_tree

__all__ = ["AttributionStage", "AttributionReader", "CueInfo", "attribution_record"]

# Constructors of records with every field given by position, cheaper than the
# classes' own (see ``record_builder``).
_MENTION, _ATTRIBUTION = record_builder(Mention), record_builder(Attribution)

log = logging.getLogger("sitroom.attribution")

CUE_COLUMNS = (Column("form", pattern=r"[a-z ]+"),
               Column("kind", choices=frozenset({"verb", "object", "prep", "that", "quote",
                                                  "stance"})),
               Column("status", required=False, choices=frozenset(STATUSES)))
ANON_COLUMNS = (Column("text", pattern=r"[a-z ]+"),
                Column("kind", choices=frozenset({"head", "phrase"})))

# The longest source read before a cue, in words: long enough for "the chairman of the
# House Armed Services Committee", short enough not to swallow a clause (chosen by hand
# on written examples).
MAX_SOURCE_WORDS = 9
# Characters before a cue read first for its source: room for MAX_SOURCE_WORDS words and
# the auxiliaries before the cue; a reading that reaches further reads the whole sentence.
SOURCE_CHARS = 120
# The windows read in turn (the first, short one holds most sources and their cue's
# auxiliaries: "the ministry said", "officials have said"; a reading that reaches its
# cut reads the next): fewer words to cut into tokens.
SOURCE_WINDOWS = (40, SOURCE_CHARS)
# How far after a "quote" cue ("called the plan ...") its quotation may open (characters).
QUOTE_AFTER_CUE = 40
# How far back (characters) the opening quote of a quotation may stand: several
# sentences of a long quote.
QUOTE_LOOKBACK = 1500
# The hearer after "told"/"asked" ("told reporters on Monday that"), skipped before content.
_HEARER = re.compile(r"\s+(?:[\w’'.-]+\s+){0,5}?(?=that\b)|\s+[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?"
                     r"(?=\s*[,:\"“]|\s+that\b|\s*$)")
_CONTENT_LEAD = re.compile(r"[\s,]*(?:that\s+|:\s*)?")
# The characters (besides white space) a non-empty match of _CONTENT_LEAD starts with.
_CONTENT_LEAD_FIRST = ",t:"
# After a cue, words that withhold a name instead of reporting: "asked not to be named".
_NOT_NAMED = re.compile(r"\s+not\s+to\s+be\s+(?:named|identified|quoted)\b", re.IGNORECASE)
# A source that is nobody: "No one has claimed", "Nobody said", "No group claimed" (but
# not "No. 2 official", "No 10").
_NO_ONE = re.compile(r"(?:nobody|none|neither)\b|no\s+[a-z]", re.IGNORECASE)
_THAT_NEXT = re.compile(r"\s*(?:that\b|:|[\"“])")
_QUOTE_SOON = re.compile(r"[^.;\"“]{0,%d}[\"“]" % QUOTE_AFTER_CUE)
_BY_NEXT = re.compile(r"\s+by\s+")
_OPENING_PHRASE = re.compile(r"([A-Z][a-z]+)\b[^,]{0,80},\s*")
_SOURCE_WORD = re.compile(r"[\w’'.-]+")
_DEMONYM_END = re.compile(r"(?:an|ian|ish|ese|i|ic|ean)$")
_QUOTE_ENDS = ("\"", "”", "’", "''")
# Words after a cue that start an adverbial, not the content: '"...," she said on Monday'.
_ADVERBIAL_AFTER = re.compile(r"\s*(?:,|\.|$|(?:in|on|at|after|before|during|while|when|"
                              r"as|last|this|earlier|later|yesterday|today|adding|noting|"
                              r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
_QUOTE_NEXT = re.compile(r"\s*[,:]?\s*(?:[\"“]|``|'')")
# The characters a match of _QUOTE_NEXT may start with after white space.
_QUOTE_NEXT_FIRST = frozenset(",:\"“`'")
# The ASCII characters of a word for ``_previous_word``.
_WORD_ASCII = string.ascii_letters + string.digits + "_'"
# A quotation: curly quotes, or straight double quotes, within one paragraph.
_CURLY_QUOTATION = re.compile(r"“[^”\n]{1,%d}”" % QUOTE_LOOKBACK)
_STRAIGHT_QUOTATION = re.compile(r"\"[^\"\n]{1,%d}\"" % QUOTE_LOOKBACK)
_QUOTES_OPEN = "\"“‘"
_QUOTES_CLOSE = "\"”’"
_WORD = re.compile(r"[\w][\w'’.&-]*|[^\w\s]")
# _WORD.findall, cheaper: a chunk between white space whose characters are all letters or
# digits is one token (the regex, whose character sets ask the Unicode database about
# every character, costs ~2,000 instructions a token)
_words_of = chunk_tokenizer(_WORD, str.isalnum)
# Words standing between a source and its cue: "has also said", "would later tell".
_BETWEEN = frozenset("""has have had also later previously repeatedly would will did does do
is was were are be been once then again recently earlier publicly privately reportedly
initially first further separately not never already even still""".split())
# Words that end a source read backwards from a cue.
_SOURCE_STOP = frozenset("""that which who whom whose and but or because while when as if so
after before since although though where what how why than to of for in on at by with
from into about it this these those there here is was were are be been not""".split())
# Words that end a source read forwards from an inverted cue ("said the minister on Monday").
_AFTER_SOURCE_STOP = frozenset("""in on at after before during while when who which adding
that as during according told to""".split())
# "The minister was quoted as saying": the one quoted is the source.
_QUOTED_AS = re.compile(r"\s+(?:was|were|is|are|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?"
                        r"quoted\s+as$", re.IGNORECASE)
# The last clause opener before a passive reporting verb's subject.
_CLAUSE_OPENER = re.compile(r"[,;:]|\b(?:after|when|as|that|because|since|before|while|until|"
                            r"once|if|and|but)\b", re.IGNORECASE)
# An article before a cue's past form makes it an adjective ("an estimated 150,000").
_ARTICLES = frozenset({"a", "an", "the"})
# An auxiliary before a cue makes it passive: its subject is what is said, not who says it.
_PASSIVE_AUX = frozenset("was were is are been be being".split())
# A cue after these words reports nothing said ("declined to say", "would not tell").
_INFINITIVE = frozenset("""to not never n't would could should might may must can cannot will
did didn't don't doesn't won't wouldn't couldn't""".split())
# Characters that match an ASCII letter case-insensitively in a regex but that str.lower()
# does not turn into it (dotted/dotless i, long s).
_FOLD_ODD = frozenset("\u0130\u0131\u017f")
# Every character outside ASCII that matches an ASCII letter case-insensitively in a
# regex: those, and the Kelvin sign (which str.lower() does turn into "k").
_FOLD_ALL = "\u0130\u0131\u017f\u212a"
_ASCII_LETTERS = frozenset(string.ascii_letters)
_LEADING_ADVERBIAL = re.compile(r"(?:(?:On|In|At|After|Before|During|When|While|Since|Last|Earlier|"
                                r"Later|Speaking|Asked|Meanwhile|However|But|And|Still)\b[^,]{0,60},\s*)")
_SUBJECT = re.compile(r"(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[A-Z][\w’'.&-]*\s+){0,6}[A-Z][\w’'.&-]*|"
                      r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b")
# Prepositions a source may contain ("the chairman of the committee", "an adviser to the
# minister", "two diplomats familiar with the matter") but not start with.
_SOURCE_INNER = frozenset("of for with from at to".split())
# Words that start a post-modifier of a source's head ("a source close to ...").
_POST_MODIFIER = _SOURCE_INNER | frozenset("close familiar speaking who briefed involved".split())
_PRONOUNS = frozenset("he she they we i you it".split())
_BAD_SOURCE_START = frozenset("""it this that there here what which who""".split())


@dataclass(frozen=True)
class CueInfo:
    kind: str
    status: str | None


class AttributionReader:
    """Finds attributions in a document (regexes compiled once)."""

    def __init__(self, lex: Any, compile_regex: Callable[..., re.Pattern[str]] = re.compile
                 ) -> None:
        """``compile_regex`` compiles the regexes built from the lexicons (a
        ``RegexCache``'s reuses the programs of earlier runs)."""
        cues = lex.table("attribution_cues.tsv", CUE_COLUMNS)
        self.cues = {" ".join(str(r["form"]).split()): CueInfo(str(r["kind"]), r["status"])
                     for r in cues.rows}
        # one plain word may be a source when it names a body: "police said", "army said"
        roles = lex.table("actors_roles.tsv", ACTOR_TABLES["actors_roles.tsv"][0])
        self.body_words = frozenset(str(r["form"]).lower() for r in roles.rows
                                    if r["kind"] == "head" and " " not in str(r["form"]))
        anon = lex.table("attribution_anonymous.tsv", ANON_COLUMNS)
        self.anon_heads = {str(r["text"]) for r in anon.rows if r["kind"] == "head"}
        phrases = [str(r["text"]) for r in anon.rows if r["kind"] == "phrase"]
        self.anon_phrase = compile_regex(r"\b(?:" + "|".join(
            r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b", re.I)
        # a phrase can match only where its longest word stands: a cheap test first
        self.anon_words = tuple({max(p.split(), key=len) for p in phrases})
        # for lower-cased ASCII sentences (see ``_anonymity_phrase``)
        self.anon_lower = compile_regex(r"\b(?:" + prefix_tree({p.lower() for p in phrases})
                                     + r")\b")
        # cue phrases by first word: one set lookup per word of the text, then a regex for
        # that word's phrases (much faster than one alternation of every cue)
        by_first: dict[str, list[str]] = {}
        for form in [*self.cues, "According to"]:
            by_first.setdefault(form.split()[0], []).append(form)
        self.by_first = {w: compile_regex("|".join(
            r"\s+".join(map(re.escape, f.split())) + r"(?!\w)"
            for f in sorted(forms, key=len, reverse=True))) for w, forms in by_first.items()}
        # the first words themselves, as whole words of letters not glued to a word or
        # hyphen before them (their alternation a tree of shared prefixes); past the
        # start of the text, found from the character before them: a scan that stops only
        # there tries far fewer positions
        first = prefix_tree(self.by_first)
        self.first_words = compile_regex(r"(?<![\w-])" + first + r"(?![A-Za-z])")
        self._first_after = compile_regex(r"[^\w-](?=(" + first + r")(?![A-Za-z]))")
        # first words of ASCII letters only: a text's own are found by ``ascii_words``
        # (a word between characters that are not letters is one of its runs), and only
        # they are looked for (see ``_cue_starts``)
        self._first_ascii: frozenset[bytes] | None = frozenset(
            w.encode("ascii") for w in self.by_first) if all(
            w.isascii() and w.isalpha() for w in self.by_first) else None
        # those first words by their lower-cased form, and the lower-cased words that an
        # anonymity phrase needs (its longest): one look at the text's lower-cased runs
        # of letters tells which of both it holds (see ``_words``)
        self._first_by_lower: dict[bytes, list[bytes]] = {}
        for raw in self._first_ascii or ():
            self._first_by_lower.setdefault(raw.lower(), []).append(raw)
        # lower-cased first word -> the forms of it that are first words (as text)
        self._first_forms: dict[bytes, frozenset[str]] = {
            low: frozenset(raw.decode("ascii") for raw in raws)
            for low, raws in self._first_by_lower.items()}
        self._anon_gate = frozenset(w.lower().encode("ascii") for w in self.anon_words
                                    if w.isascii() and w.isalpha())
        self._wanted = frozenset(self._first_by_lower) | self._anon_gate
        self._gate_complete = len(self._anon_gate) == len(self.anon_words)

    # ------------------------------------------------------------------ reading
    def find(self, text: str, sentences: tuple[Sentence, ...] | list[Sentence]) -> list[Attribution]:
        starts = [s.start for s in sentences]
        quoted = _quoted_regions(text)
        q_starts = [q[0] for q in quoted]
        out: list[Attribution] = []
        cue_starts, anon = self._words(text)
        for m in self._cues(text, cue_starts):
            k = bisect.bisect_right(q_starts, m.start()) - 1
            if k >= 0 and m.end() <= quoted[k][1]:
                continue  # a report inside a quotation is the speaker's, not the article's
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or m.start() >= sentences[i].end:
                continue
            a = self._read(text, sentences[i], m, out[-1] if out else None, anon)
            if a is not None:
                out.append(a)
        return out

    def _cues(self, text: str, cue_starts: list[tuple[int, str]] | None
              ) -> Iterator[re.Match[str]]:
        by_first = self.by_first
        if cue_starts is not None:
            for p, first in cue_starts:
                m = by_first[first].match(text, p)
                if m:
                    yield m
            return
        w = self.first_words.match(text)
        if w:
            m = by_first[w.group()].match(text, 0)
            if m:
                yield m
        for w in self._first_after.finditer(text):
            m = by_first[w.group(1)].match(text, w.start(1))
            if m:
                yield m

    def _words(self, text: str) -> tuple[list[tuple[int, str]] | None, bool]:
        """Where cue first words stand (see ``_cue_starts``; None when they are not all
        ASCII words: ``_cues`` then scans with a regex), and whether an anonymity phrase
        may stand in the text. Both from the text's runs of ASCII letters lower-cased
        (every other character a space: ``stream``): the listed words among them are the
        words the text holds (case aside). A phrase's words are whole runs there (they
        stand between white space or characters outside words), unless a character
        outside ASCII that matches a letter case-insensitively (``_FOLD_ALL``) is in it."""
        stream = b" " + text.encode("ascii", "replace").translate(LOWER_LETTERS_ONLY) + b" "
        present = self._wanted.intersection(stream.split())
        anon = not (self._gate_complete and present.isdisjoint(self._anon_gate)) or (
            not text.isascii() and any(c in text for c in _FOLD_ALL))
        if self._first_ascii is None:
            return None, anon
        return self._cue_starts(text, stream, present), anon

    def _cue_starts(self, text: str, stream: bytes, present: frozenset[bytes]
                    ) -> list[tuple[int, str]]:
        """(offset, first word) where ``first_words`` matches, in text order: a first word
        (of letters, so at most one fits at an offset) not glued to a word or hyphen
        before it nor to a letter after it. Its whole runs are found in ``stream`` (the
        text's ASCII letters lower-cased, every other character a space, with a space
        before and after) with ``bytes.find``, one search for each first word whose
        lower-cased form is ``present`` (whatever the case it is written in); the text
        there is then one of its forms, and only the character before it is checked:
        ~2x cheaper than a regex tried after every character outside words."""
        found: list[tuple[int, str]] = []
        forms_of = self._first_forms
        for low in present:
            forms = forms_of.get(low)
            if forms is None:
                continue  # (a word of the anonymity phrases only)
            key = b" " + low + b" "
            size = len(low)
            p = stream.find(key)  # (offsets one more than the text's: p is the word's)
            while p >= 0:
                # the form the text writes there, if it is one of the first words (the
                # stream holds the letters lower-cased)
                word = text[p:p + size]
                if word in forms and (p == 0 or text[p - 1] == " " or not (
                        is_word_char(text[p - 1]) or text[p - 1] == "-")):
                    found.append((p, word))
                p = stream.find(key, p + size + 1)
        found.sort()
        return found

    def _read(self, text: str, sent: Sentence, m: re.Match[str],
              previous: Attribution | None = None, anon: bool = True) -> Attribution | None:
        """The attribution of cue ``m``; ``anon``: whether an anonymity phrase may stand
        in the text (False skips looking for one)."""
        said = m.group(0)
        form = said.lower()
        if not form.isalpha():  # (a cue of several words: one space between them)
            form = " ".join(form.split())
        info = self.cues[form]
        if info.kind == "prep":
            return self._according_to(text, sent, _MENTION(m.start(), m.end(), said, "CUE"),
                                      anon)
        after = text[m.end():sent.end + 1]
        # (the regexes on ``after`` are tried only where it starts with white space and
        # the first letter of the words they want: "not", "by")
        nxt = after.lstrip()[:1] if after[:1].isspace() else ""
        if nxt in ("n", "N") and _NOT_NAMED.match(after):
            return None  # "asked not to be named": withholds a name, reports nothing
        if info.kind == "that" and not _THAT_NEXT.match(after):
            return None
        if info.kind == "quote" and not _QUOTE_SOON.match(after):
            return None
        prev = _previous_word(text, sent.start, m.start())
        if prev in _INFINITIVE:
            return None  # "to say", "would not say": no statement is reported
        if prev in _ARTICLES and form.endswith("ed"):
            return None  # "an estimated 150,000": an adjective, no report
        if prev in self.cues and (info.kind == "that" or form[-1:] == "s" and prev[-2:] == "ed"):
            return None  # "denied reports that ...": the noun the verb before reads
        cue = _MENTION(m.start(), m.end(), said, "CUE")
        by = _BY_NEXT.match(after) if nxt == "b" else None
        if by:  # "was claimed by the group"
            src = self._source_after(text, sent, m.end() + by.end() - 1)
            content = self._subject(text, sent)
            return self._make(text, sent, src, cue, content, anon)
        if prev in _PASSIVE_AUX and not form.endswith("ing"):
            # "after the results were announced": what is said is the subject; who says
            # it goes unnamed
            aux = text.rfind(prev, sent.start, m.start()) if prev.isascii() else -1
            content = _passive_subject(text, sent, aux) if aux > sent.start else None
            if content is not None and content.text.lower() == "it":  # "it was reported that"
                content = self._content_after(text, sent, m.end(), False)
            return self._make(text, sent, None, cue, content, anon) if content else None
        if prev in ("and", "but", "or"):  # "X, who endorsed Y, and said ..."
            src = self._subject(text, sent)
            content = self._content_after(text, sent, m.end(), info.kind == "object")
            return self._make(text, sent, src, cue, content, anon)
        before = text[sent.start:m.start()].rstrip()
        if form.endswith("ing") and before.endswith(","):
            # "X said ..., adding ...": the same source; "X addressed the nation, saying
            # ...": the sentence's subject speaks
            same = previous is not None and previous.cue is not None and \
                sent.start <= previous.cue.start and previous.source_mention is not None
            src = (previous.source_mention if same and previous is not None
                   else self._subject(text, sent))
            content = self._content_after(text, sent, m.end(), info.kind == "object")
            return self._make(text, sent, src, cue, content, anon)
        quoted = _QUOTED_AS.search(before) if prev == "as" else None
        if quoted:  # "the minister was quoted as saying ...": the quoted one speaks
            src = self._source_before(text, sent.start, sent.start + quoted.start())
            content = self._content_after(text, sent, m.end(), info.kind == "object")
            return self._make(text, sent, src, cue, content, anon)
        if prev == "who":  # "Jane Doe, who said ...": the relative pronoun stands for her
            w = sent.start + text[sent.start:m.start()].lower().rfind("who")
            src = _MENTION(w, w + 3, text[w:w + 3], "SOURCE")
            content = self._content_after(text, sent, m.end(), info.kind == "object")
            return self._make(text, sent, src, cue, content, anon)
        src = (anon and self._source_before_unnamed(text, sent.start, m.start())
               or self._source_before(text, sent.start, m.start()))
        if info.kind == "stance":  # "the minister dismissed the report": only after a source
            if src is None:
                return None
            content = self._content_after(text, sent, m.end(), False)
            return self._make(text, sent, src, cue, content, anon) if content else None
        if src is None and before.endswith((",", "—", "–")):
            src = self._source_before_appositive(text, sent.start, m.start())
        if src is not None:
            ahead = text[sent.start:src.start].rstrip()
            content = None
            if _quote_next(text, m.end()):
                pass  # 'On Monday, the minister said: "..."': the content follows
            elif ahead.endswith(_QUOTE_ENDS) or ahead.endswith(",") and (
                    _ADVERBIAL_AFTER.match(text, m.end()) or m.end() >= sent.end - 2):
                # '"We will stay," the minister said on Monday.'
                content = self._content_before(text, sent, src.start)
            if content is None:
                content = self._content_after(text, sent, m.end(), info.kind == "object")
            if content is None:
                content = self._content_before(text, sent, src.start)
            return self._make(text, sent, src, cue, content, anon)
        if before.endswith((",", *_QUOTE_ENDS)) or not before:
            # inverted: '"...," said the minister.'
            src = self._source_after(text, sent, m.end())
            if _quote_next(text, m.end()):  # 'At the rally, he said: "..."'
                content = self._content_after(text, sent, m.end(), False)
            else:
                content = self._content_before(text, sent, m.start())
            return self._make(text, sent, src, cue, content, anon)
        content = self._content_after(text, sent, m.end(), info.kind == "object")
        return self._make(text, sent, None, cue, content, anon)

    def _make(self, text: str, sent: Sentence, src: Mention | None, cue: Mention,
              content: Mention | None, anon: bool = True) -> Attribution | None:
        # (_NO_ONE is tried only on a source starting with "n": all its words do)
        if content is None and src is None or src is not None and \
                src.text[:1] in ("n", "N") and _NO_ONE.match(src.text):
            return None  # "No group has claimed the attack": nobody says so
        anonymous = src is not None and self._anonymous(text, sent, src, anon)
        return _ATTRIBUTION(src.text if src else None, anonymous, cue, content, src)

    # ------------------------------------------------------------------ source
    def _source_before(self, text: str, lo: int, pos: int) -> Mention | None:
        """The noun phrase right before a cue ("the minister has said"). Read from the
        last characters first (SOURCE_WINDOWS, each cut at a space: the words after it
        are the sentence's own); a longer window, then the whole sentence, is read when
        the reading reaches back to the cut."""
        for chars in SOURCE_WINDOWS:
            if pos - lo <= chars:
                break
            cut = text.find(" ", pos - chars, pos)
            if cut > lo:
                toks = _words_of(text[cut:pos])
                j, end, reached = _source_extent(toks)
                if not reached:
                    return _source_mention(text, pos, toks, j, end, self.body_words)
        toks = _words_of(text[lo:pos])
        j, end, _ = _source_extent(toks)
        return _source_mention(text, pos, toks, j, end, self.body_words)

    def _source_before_unnamed(self, text: str, lo: int, pos: int) -> Mention | None:
        """"a hospital official who asked not to be named told Reuters": the source stands
        before a relative clause (no comma around it) that withholds its name."""
        k = text.rfind(" who ", lo, pos)
        if k < 0:
            return None
        clause = text[k:pos]
        if "," in clause or len(clause.split()) > MAX_SOURCE_WORDS or \
                not self._anonymity_phrase(clause):
            return None
        return self._source_before(text, lo, k)

    def _source_before_appositive(self, text: str, lo: int, pos: int) -> Mention | None:
        """"A senior official, speaking on condition of anonymity, said" or "Jane Doe, a
        spokeswoman, said": the source runs from the name through the aside."""
        head = text[lo:pos].rstrip()
        close = lo + len(head) - 1  # the comma or dash closing the aside
        mark = text[close]
        opening = max(text.rfind(c, lo, close) for c in ((",",) if mark == "," else ("—", "–")))
        if opening <= lo:
            return None
        aside = text[opening + 1:close].split()
        if not aside or len(aside) > MAX_SOURCE_WORDS + 3:
            return None
        name = self._source_before(text, lo, opening)
        if name is None:
            return None
        return _MENTION(name.start, close, text[name.start:close], "SOURCE")

    def _source_after(self, text: str, sent: Sentence, pos: int) -> Mention | None:
        """The source after an inverted cue: 'said the minister' (up to a comma or end)."""
        toks = []
        for n, t in enumerate(_WORD.finditer(text, pos, sent.end)):
            w = t.group(0)
            if n >= MAX_SOURCE_WORDS or not (w[0].isalnum() or w in ("’s", "'s")) or \
                    w.lower() in _AFTER_SOURCE_STOP:
                break
            toks.append(t)
        if not toks or toks[0].group(0).lower() in _BAD_SOURCE_START | {"that", "to"}:
            return None
        s, e = toks[0].start(), toks[-1].end()
        while e > s and text[e - 1] in " .":
            e -= 1
        return _MENTION(s, e, text[s:e], "SOURCE")

    @staticmethod
    def _subject(text: str, sent: Sentence) -> Mention | None:
        """The subject opening a sentence ("President X addressed ..., saying"), after any
        leading adverbial ("On Wednesday, he ...")."""
        body = sent.text
        lead = _LEADING_ADVERBIAL.match(body)
        off = lead.end() if lead else 0
        first = _OPENING_PHRASE.match(body)
        if not lead and first and (first.group(1).endswith(("ing", "ly", "ed")) or
                                   first.group(1).lower() in _SOURCE_STOP):
            off = first.end()  # "Facing criticism, Mr. X ...", "Essentially, ..."
        m = _SUBJECT.match(body, off)
        if not m:
            return None
        s, e = sent.start + m.start(), sent.start + m.end()
        return _MENTION(s, e, text[s:e], "SOURCE")

    # ------------------------------------------------------------------ content
    def _content_after(self, text: str, sent: Sentence, pos: int, has_object: bool) -> Mention | None:
        rest = text[pos:sent.end]
        skip = 0
        if has_object:  # "told reporters (on Monday) that ..."
            m = _HEARER.match(rest)
            skip = m.end() if m else 0
        first = rest[skip:skip + 1]
        if first and (first.isspace() or first in _CONTENT_LEAD_FIRST):
            m = _CONTENT_LEAD.match(rest, skip)  # (elsewhere it matches nothing)
            skip = m.end() if m else skip
        s = pos + skip
        e = sent.end
        if s < len(text) and text[s] in _QUOTES_OPEN:
            close = self._closing_quote(text, s)
            if close is not None:
                e = close
        body = text[s:e].rstrip(" .,;:") if e > s else ""
        if len(body) < 3:
            return None
        return _MENTION(s, s + len(body), body, "CONTENT")

    @staticmethod
    def _closing_quote(text: str, s: int) -> int | None:
        """The end of the first closing quote (straight or curly double) within 2,000
        characters after the opening one at ``s``."""
        lim = min(len(text), s + 2000)
        straight = text.find('"', s + 1, lim)
        curly = text.find("”", s + 1, lim)
        if straight < 0 and curly < 0:
            return None
        return (curly if straight < 0 or 0 <= curly < straight else straight) + 1

    @staticmethod
    def _content_before(text: str, sent: Sentence, pos: int) -> Mention | None:
        """Content ending before an inverted cue: '"We will stay," he said' or 'X, he said'."""
        head = text[sent.start:pos].rstrip()
        end = sent.start + len(head)
        mark = 2 if head.endswith("''") else 1
        if head.endswith(_QUOTE_ENDS) and head[:-mark].rstrip().endswith((",", "?", "!", ".")):
            # the quotation; its opening quote may stand in an earlier sentence
            lo = max(0, sent.start - QUOTE_LOOKBACK)
            opening = max(text.rfind(q, lo, end - mark) for q in ("\"", "“", "''", "``"))
            s, e = (opening if opening >= 0 else sent.start), end
        elif head.endswith(","):
            s, e = sent.start, end - 1
        else:
            return None
        if e - s < 3:
            return None
        return _MENTION(s, e, text[s:e], "CONTENT")

    def _according_to(self, text: str, sent: Sentence, cue: Mention, anon: bool = True
                      ) -> Attribution | None:
        m = re.match(r"\s+([^,.;:()]{2,120}?)(?=\s*(?:[,.;:()]|$))", text[cue.end:sent.end])
        if not m:
            return None
        s, e = cue.end + m.start(1), cue.end + m.end(1)
        src = _MENTION(s, e, text[s:e], "SOURCE")
        if cue.start - sent.start < 3:  # "According to X, CONTENT."
            cs = e
            while cs < sent.end and text[cs] in " ,":
                cs += 1
            ce = sent.end
        else:  # "CONTENT, according to X."
            cs, ce = sent.start, cue.start
        while ce > cs and text[ce - 1] in " .,;:":
            ce -= 1
        content = _MENTION(cs, ce, text[cs:ce], "CONTENT") if ce - cs >= 3 else None
        return self._make(text, sent, src, cue, content, anon)

    # ------------------------------------------------------------------ anonymity
    def _anonymity_phrase(self, sentence: str) -> bool:
        """``anon_phrase.search(sentence)``, with a substring test of the lower-cased
        sentence first. An ASCII sentence then goes, lower-cased, to ``anon_lower`` (the
        same phrases as a tree of shared prefixes, matched case-sensitively: cheaper);
        in others, characters that str.lower() does not fold as the regex does send the
        sentence to the regex."""
        low = sentence.lower()
        for w in self.anon_words:
            if w in low:
                break
        else:
            if sentence.isascii() or not any(c in sentence for c in _FOLD_ODD):
                return False
            return self.anon_phrase.search(sentence) is not None
        if sentence.isascii():
            return self.anon_lower.search(low) is not None
        return self.anon_phrase.search(sentence) is not None

    def _anonymous(self, text: str, sent: Sentence, src: Mention, anon: bool = True) -> bool:
        if anon and self._anonymity_phrase(sent.text):
            return True
        words = _SOURCE_WORD.findall(src.text)
        for k, w in enumerate(words):  # the head stands before any post-modifier
            if k and w.lower() in _POST_MODIFIER:
                words = words[:k]
                break
        if not words:
            return False
        head = words[-1]
        sentence_initial = len(words) == 1 and src.start == sent.start
        if head[0].isupper() and not sentence_initial or head.lower() not in self.anon_heads:
            return False
        # a name standing before a generic head ("the Pentagon official Jane Doe") names them
        names = [w for w in words[1:-1] if w[0].isupper() and "." not in w and
                 not w.isupper() and not _looks_demonym(w)]
        return not names


def _source_extent(toks: list[str]) -> tuple[int, int, bool]:
    """(first, end) token indexes of the source read backwards from the last token, and
    whether the reading reached the first token (where earlier words could change it)."""
    j = len(toks)
    while j and toks[j - 1].lower() in _BETWEEN:
        j -= 1
    end = j
    reached = False
    while j and end - j < MAX_SOURCE_WORDS:
        w = toks[j - 1]
        if w == ")":  # "Sen. Jane Doe (D-Ore.) said"
            k = j - 1
            while k and toks[k - 1] != "(" and j - k < 8:
                k -= 1
            reached = reached or k == 0
            if k and toks[k - 1] == "(":
                j = k - 1
                continue
        if not (w[0].isalnum() or w in ("’s", "'s")) or \
                w.lower() in _SOURCE_STOP and w.lower() not in _SOURCE_INNER:
            break
        j -= 1
    return j, end, reached or j == 0


def _source_mention(text: str, pos: int, toks: list[str], j: int, end: int,
                    bodies: frozenset[str] = frozenset()) -> Mention | None:
    """The source of tokens [j, end) without the stop words opening it, if it may be one:
    a single lower-case word only when it names people ("officials", "he") or a body
    (one of ``bodies``: "police"). ``toks`` are the tokens of the text ending at ``pos``."""
    if j == end:
        return None
    while j < end and (toks[j].lower() in _SOURCE_STOP or toks[j].lower() in _SOURCE_INNER):
        j += 1
    if j == end:
        return None
    first = toks[j]
    if first.lower() in _BAD_SOURCE_START or (first[0].islower() and end - j == 1 and
                                             first.lower() not in _PRONOUNS and
                                             not first.endswith("s") and first not in bodies):
        return None
    s, e = _token_span(text, pos, toks, j, end)
    return _MENTION(s, e, text[s:e], "SOURCE")


def _token_span(text: str, pos: int, toks: list[str], j: int, end: int) -> tuple[int, int]:
    """Where tokens [j, end) of ``toks`` (the tokens of a text ending at ``pos``) start
    and end, found backwards with ``str.rfind``: between two tokens stands white space
    or nothing, and a token holds none, so the last place of a token's text before the
    next token is its own (cheaper than a match object for every token)."""
    p = pos
    for k in range(len(toks) - 1, j - 1, -1):
        p = text.rfind(toks[k], 0, p)
        if k == end - 1:
            e = p + len(toks[k])
    return p, e


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks (“...” or "...", within one paragraph), in order,
    not overlapping. The two kinds are searched apart, each regex opening with a
    single character that the regex engine skips to in a tight loop (an alternation of
    two is tried at every position, ~8x dearer); the leftmost match is taken each time,
    and the other alternative searched again from its end when it started before it."""
    out: list[tuple[int, int]] = []
    curly = _CURLY_QUOTATION.search(text) if "“" in text else None
    straight = _STRAIGHT_QUOTATION.search(text) if '"' in text else None
    while curly is not None or straight is not None:
        if straight is None or curly is not None and curly.start() < straight.start():
            m = curly
        else:
            m = straight
        end = m.end()  # type: ignore[union-attr]
        out.append((m.start() + 1, end - 1))  # type: ignore[union-attr]
        if curly is not None and curly.start() < end:
            curly = _CURLY_QUOTATION.search(text, end)
        if straight is not None and straight.start() < end:
            straight = _STRAIGHT_QUOTATION.search(text, end)
    return out


def attribution_record(doc_id: str, a: Attribution) -> dict[str, Any]:
    """One attribution in the scorer's attrib format: source, cue and content spans."""
    def span(m: Mention | None) -> dict[str, int] | None:
        return {"start": m.start, "end": m.end} if m is not None else None
    return {"doc_id": doc_id, "source": span(a.source_mention), "cue": span(a.cue),
            "content": span(a.quote), "anonymous": a.anonymous}


def _quote_next(text: str, pos: int) -> bool:
    """``_QUOTE_NEXT.match(text, pos)``, tried only where the first character after white
    space (within 40) may start it."""
    first = text[pos:pos + 40].lstrip()[:1]
    return (not first or first in _QUOTE_NEXT_FIRST) and \
        _QUOTE_NEXT.match(text, pos) is not None


def _looks_demonym(word: str) -> bool:
    """Nationality adjectives ("Ukrainian", "Israeli", "Chinese") do not name a person."""
    return bool(_DEMONYM_END.search(word))


def _passive_subject(text: str, sent: Sentence, aux: int) -> Mention | None:
    """The subject of a passive reporting verb whose auxiliary starts at ``aux``: the
    words from the clause's start ("the deal was criticised", "after the results were
    announced") up to the auxiliary."""
    head = text[sent.start:aux]
    last = 0  # (the end of the last opener: one pass over the head)
    for found in _CLAUSE_OPENER.finditer(head):
        last = found.end()
    s = sent.start + last
    e = sent.start + len(head.rstrip())
    while s < e and text[s].isspace():
        s += 1
    return _MENTION(s, e, text[s:e], "CONTENT") if e - s >= 2 else None


def _previous_word(text: str, lo: int, pos: int) -> str:
    """The last word of text[lo:pos] (within 40 characters), lower-cased: what a search
    for ``([\\w']+)\\s*$`` finds, read backwards without a regex (~5x faster)."""
    lo = max(lo, pos - 40)
    seg = text[lo:pos]
    if seg.isascii():  # (in ASCII, isalnum() holds for letters and digits only)
        seg = seg.rstrip()
        return seg[len(seg.rstrip(_WORD_ASCII)):].lower()
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "_'"):
        start -= 1
    return text[start:end].lower()


class AttributionStage:
    """Fills ``Document.attributions``."""

    name: ClassVar[str] = "attribution.rules"
    version: ClassVar[str] = "1"
    adds: ClassVar[tuple[str, ...]] = ("attributions",)
    requires: ClassVar[tuple[str, ...]] = ("sentences",)

    def __init__(self, settings: Settings, resources: Any) -> None:
        self.settings = settings
        self.reader = AttributionReader(resources.lexicons, resources.regexes.compile)

    def __call__(self, doc: Document) -> Document:
        return with_fields(doc, attributions=tuple(self.reader.find(doc.text, doc.sentences)))
