"""Near-duplicate detection: copies of one story match, templated reports do not."""

from __future__ import annotations

import pytest

from sitroom.ingest.dedupe import NearDuplicateIndex

STORY = ("Security forces fired tear gas and rubber bullets on Saturday to disperse thousands of "
         "opposition supporters who had gathered outside the electoral commission in the capital, "
         "witnesses said. The protesters accuse the ruling party of rigging last month's presidential "
         "vote and demand a recount in four disputed provinces. A hospital official said at least 14 "
         "people were treated for injuries, two of them in serious condition. The interior minister, "
         "Jonas Ekwueme, told reporters the gathering had not been authorised and that officers had "
         "acted with restraint. Opposition leader Miriam Adeyemi called for a general strike from "
         "Monday and urged supporters to stay peaceful. The electoral commission has rejected the fraud "
         "allegations, saying the count was observed by international monitors. Regional leaders are "
         "expected to meet in Addis Ababa next week to discuss the crisis.")

COPIES = {
    "wire dateline and credit line": "LAGOS, June 8 (Wire One) - " + STORY
    + " (Reporting by Tunde Bakare; Editing by Sara Lind)",
    "republished with byline, copyright and an added sentence": "By AGENCY STAFF\n\n"
    + STORY.replace("rubber bullets", "rubber bullets and water cannon")
    + " The United Nations urged all sides to show restraint. Copyright 2024 Global Press. All rights reserved.",
    "site boilerplate around the text": "Advertisement\nSkip to main content\n" + STORY
    + "\nRead more: Election crisis explained\nShare this article\nSign up for our newsletter",
    "first sentence dropped, one added at the end": STORY.split(". ", 1)[1]
    + " Internet access was restricted in parts of the capital on Saturday evening.",
    "lightly edited wording": STORY.replace("told reporters", "said").replace(
        "is expected", "are due").replace("witnesses said", "according to witnesses"),
}

TEMPLATE = ("Police dispersed protesters in {city} on {day}, firing tear gas at about {n} people who had "
            "gathered outside the county offices to oppose a proposed tax increase. Witnesses said at least "
            "{m} people were arrested and several shops were closed.")
TEMPLATED = {
    "other place, day and figures": ({"city": "Nairobi", "day": "Monday", "n": "200", "m": "12"},
                                     {"city": "Mombasa", "day": "Tuesday", "n": "350", "m": "30"}),
    "other place only": ({"city": "Nairobi", "day": "Monday", "n": "200", "m": "12"},
                         {"city": "Kisumu", "day": "Monday", "n": "200", "m": "12"}),
    "other day only": ({"city": "Nairobi", "day": "Monday", "n": "200", "m": "12"},
                       {"city": "Nairobi", "day": "Thursday", "n": "200", "m": "12"}),
    "other figures only": ({"city": "Nairobi", "day": "Monday", "n": "200", "m": "12"},
                           {"city": "Nairobi", "day": "Monday", "n": "500", "m": "41"}),
}

MONTHLY = ("The ministry of health reported {n} new cholera cases in {region} province in {month}, "
           "bringing the total since the outbreak began to {total}. Officials said treatment centres "
           "in the provincial capital were operating at full capacity and appealed for more doctors. "
           "Aid agencies have delivered water purification tablets to the worst-affected districts.")


@pytest.mark.parametrize("edit", sorted(COPIES))
def test_ingest_dedupe_copies_of_one_story_match(edit: str) -> None:
    index = NearDuplicateIndex()
    index.add("original", index.signature(STORY))
    assert index.find(index.signature(COPIES[edit])) == "original"


@pytest.mark.parametrize("case", sorted(TEMPLATED))
def test_ingest_dedupe_templated_reports_do_not_match(case: str) -> None:
    first, second = TEMPLATED[case]
    index = NearDuplicateIndex()
    index.add("first", index.signature(TEMPLATE.format(**first)))
    assert index.find(index.signature(TEMPLATE.format(**second))) is None


def test_ingest_dedupe_monthly_template_reports_do_not_match() -> None:
    index = NearDuplicateIndex()
    index.add("may", index.signature(MONTHLY.format(n=312, region="Northern", month="May", total="4,870")))
    june = MONTHLY.format(n=275, region="Northern", month="June", total="5,145")
    assert index.find(index.signature(june)) is None


def test_ingest_dedupe_unrelated_text_does_not_match() -> None:
    index = NearDuplicateIndex()
    index.add("story", index.signature(STORY))
    assert index.find(index.signature(TEMPLATE.format(city="Nairobi", day="Monday", n=1, m=2))) is None


def test_ingest_dedupe_returns_first_added_and_rebuilds_from_pairs() -> None:
    index = NearDuplicateIndex()
    pairs = [(name, index.signature(text)) for name, text in
             [("copy-a", COPIES["wire dateline and credit line"]), ("other", MONTHLY), ("copy-b", STORY)]]
    for doc_id, sig in pairs:
        index.add(doc_id, sig)
    probe = index.signature(COPIES["site boilerplate around the text"])
    assert index.find(probe) == "copy-a"
    rebuilt = NearDuplicateIndex.from_pairs(pairs)
    assert len(rebuilt) == 3 and rebuilt.find(probe) == "copy-a"


def test_ingest_dedupe_signature_is_compact_bytes_and_stable() -> None:
    long_text = " ".join(f"{STORY} Update {i} from Kano." for i in range(20))
    a, b = NearDuplicateIndex(), NearDuplicateIndex()
    sig = a.signature(long_text)
    assert isinstance(sig, bytes) and len(sig) <= 1500
    assert sig == b.signature(long_text)  # no per-instance randomness: storable


def test_ingest_dedupe_store_links_copies_read_from_files(tmp_path, pipeline) -> None:
    import json

    import sitroom
    from sitroom.ingest import read_inputs

    path = tmp_path / "wire.jsonl"
    rows = [{"id": "wire-1", "text": STORY},
            {"id": "paper-7", "text": COPIES["republished with byline, copyright and an added sentence"]},
            {"id": "nbo", "text": TEMPLATE.format(city="Nairobi", day="Monday", n=200, m=12)},
            {"id": "mba", "text": TEMPLATE.format(city="Mombasa", day="Tuesday", n=350, m=30)}]
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    with sitroom.open(tmp_path / "d.duckdb") as store:
        report = store.ingest(read_inputs([str(path)]), pipeline)
        groups = [[d["id"] for d in g] for g in store.duplicate_groups()]
    assert report.near_duplicates == 1
    assert groups == [["wire-1", "paper-7"]]
