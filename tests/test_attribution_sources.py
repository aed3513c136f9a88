"""Attribution: source, cue and content spans, and anonymity of the source."""

from __future__ import annotations

import pytest

from sitroom.config import Settings
from sitroom.model import Document
from sitroom.pipeline.attribution import AttributionStage
from sitroom.pipeline.base import Resources
from sitroom.pipeline.sentences import SentenceStage


@pytest.fixture(scope="module")
def run():
    resources = Resources(Settings())
    sentences = SentenceStage(Settings(), resources)
    stage = AttributionStage(Settings(), resources)

    def _run(text: str):
        return stage(sentences(Document(id="t", text=text))).attributions
    return _run


@pytest.mark.parametrize("text, source, cue, content_part, anonymous", [
    ("The defence minister said that the bridge had been destroyed.",
     "The defence minister", "said", "the bridge had been destroyed", False),
    ("Northern Defence Officials report that rebel fighters have crossed the river.",
     "Northern Defence Officials", "report", "rebel fighters have crossed the river", False),
    ("A senior U.S. official, speaking on condition of anonymity, described the raid as limited.",
     "A senior U.S. official", "described", "the raid as limited", True),
    ("Officials said the convoy was hit twice.", "Officials", "said", "the convoy was hit twice", True),
    ("According to the health ministry, 14 people were treated for burns.",
     "the health ministry", "According to", "14 people were treated for burns", False),
    ("Fourteen people were treated for burns, according to local sources.",
     "local sources", "according to", "Fourteen people were treated for burns", True),
    ("\"We will not retreat,\" the commander said.",
     "the commander", "said", "We will not retreat", False),
    ("\"We will not retreat,\" said Colonel Anna Berg.",
     "Colonel Anna Berg", "said", "We will not retreat", False),
    ("The mayor told reporters that the water supply was cut.",
     "The mayor", "told", "the water supply was cut", False),
    ("Jane Doe, a spokeswoman for the agency, said the talks would resume.",
     "Jane Doe", "said", "the talks would resume", False),
    ("Two diplomats familiar with the matter said the deal was close.",
     "Two diplomats familiar", "said", "the deal was close", True),
    ("The rebel group denied that its fighters had shelled the camp.",
     "The rebel group", "denied", "its fighters had shelled the camp", False),
    # a single plain word naming a body is a source
    ("Five people were killed in the blast, police said.",
     "police", "said", "Five people were killed in the blast", False),
    ("Two bridges were destroyed, army said on Tuesday.",
     "army", "said", "Two bridges were destroyed", False),
    # the hearer of "told" ends the sentence: the content stands before the source
    ("Shops were looted overnight, witnesses told AFP.",
     "witnesses", "told", "Shops were looted overnight", True),
    # a relative clause withholding the name sits between the source and the cue
    ("The toll rose to 23, a hospital official who asked not to be named told Reuters.",
     "a hospital official", "told", "The toll rose to 23", True),
    ("A diplomat who spoke on condition of anonymity said the talks had stalled.",
     "A diplomat", "said", "the talks had stalled", True),
    # the one quoted as saying is the source
    ("The minister was quoted as saying that soldiers had killed two rebels.",
     "The minister", "saying", "soldiers had killed two rebels", False),
])
def test_attribution_reads_source_cue_content(run, text, source, cue, content_part, anonymous):
    found = [a for a in run(text) if a.cue and a.cue.text == cue]
    assert found, text
    a = found[0]
    assert a.source is not None and source in a.source
    assert a.quote is not None and content_part in a.quote.text
    assert a.anonymous is anonymous
    for m in (a.cue, a.quote, a.source_mention):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    "The United States sent more aid.",
    "It is hard to say whether the strike happened.",
    "The report was published on Monday.",
    "No group has claimed the attack on the convoy.",
    "Nobody said the road was closed.",
])
def test_attribution_ignores_non_reports(run, text):
    assert run(text) == ()


@pytest.mark.parametrize("text", [
    "A hospital official who asked not to be named told Reuters the toll had risen.",
    "An officer, who asked not to be identified, said the road was closed.",
])
def test_attribution_asking_not_to_be_named_reports_nothing(run, text):
    assert [a.cue.text for a in run(text)] != [] and all(
        a.cue.text != "asked" for a in run(text))


@pytest.mark.parametrize("text, anonymous", [
    ("A source close to the president said the decree was signed.", True),
    ("Western officials said the strikes would continue.", True),
    ("People familiar with the plans said the talks had stalled.", True),
    ("A diplomat, who asked not to be named, said the vote was delayed.", True),
    ("The Pentagon said the drone was shot down.", False),
    ("The ministry said the drone was shot down.", False),
    ("General Omar Haddad said the drone was shot down.", False),
    ("Ukrainian Defence Officials said the drone was shot down.", False),
])
def test_attribution_anonymous_sources(run, text, anonymous):
    (a,) = [a for a in run(text) if a.cue and a.cue.text == "said"]
    assert a.anonymous is anonymous


@pytest.mark.parametrize("text, cue, content_part", [
    ("Protesters burned the office after the election results were announced.",
     "announced", "the election results"),
    ("It was reported that troops shelled the village on Monday.",
     "reported", "troops shelled the village"),
    ("The deal was criticised by nobody, and the plan was announced on Monday.",
     "announced", "the plan"),
])
def test_attribution_passive_cue_names_no_source(run, text, cue, content_part):
    """A passive reporting verb's subject is what is said; who says it goes unnamed."""
    found = [a for a in run(text) if a.cue and a.cue.text == cue]
    assert found, text
    assert found[0].source is None
    assert found[0].quote is not None and content_part in found[0].quote.text


@pytest.mark.parametrize("text, cue, source", [
    ("The governor is insisting that the bridge is safe.", "insisting", "The governor"),
    ("The senator is telling supporters that he will win.", "telling", "The senator"),
])
def test_attribution_progressive_cue_keeps_its_subject(run, text, cue, source):
    found = [a for a in run(text) if a.cue and a.cue.text == cue]
    assert found and found[0].source == source


@pytest.mark.parametrize("text", [
    "The Kremlin denied reports that it was preparing a new offensive.",
    "The ministry dismissed claims that its troops had fired first.",
    "The war killed an estimated 150,000 people.",
])
def test_attribution_noun_after_a_reporting_verb_is_no_cue(run, text):
    cues = [a.cue.text for a in run(text) if a.cue]
    assert "reports" not in cues and "claims" not in cues and "estimated" not in cues
