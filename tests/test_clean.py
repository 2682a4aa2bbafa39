"""analysis.clean on the seeds, on ../shared/corpus-dev and on small inline texts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.clean import clean_text
from analysis.ingest import read_paths
from tests.conftest import SEEDS


def _seed(number: str) -> str:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return read_paths([path]).documents[0].text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _assert_story_kept(raw: str, expected_removed: set[str]) -> None:
    """Every non-empty raw line not expected to be removed is in the cleaned text or title;
    every expected line is gone from the body."""
    cleaned = clean_text(raw)
    body = set(_lines(cleaned.text))
    for line in _lines(raw):
        if line in expected_removed:
            assert line not in body or line == cleaned.title, line
        else:
            assert line in body or line == cleaned.title, f"story line lost: {line!r}"
    removed = {r.text for r in cleaned.removed}
    assert expected_removed <= removed | {cleaned.title}


SEED_001_RECENT_NEWS = {
    "Recent News",
    "BLA Urges India to Act, Offers Support in Offensive Against Pakistan",
    "CATL’s $4 Billion Hong Kong IPO Sets Global Record for 2025",
    "Kurdish PKK Announces End to 40-Year Conflict with Turkish State",
    "Survey Finds Global Image of US Now Worse Than China’s",
}


def test_seed_000_repeated_title_and_subtitle_removed() -> None:
    raw = _seed("000")
    cleaned = clean_text(raw)
    assert cleaned.title == "Ukrainian president calls Russian counterpart to negotiating table"
    reasons = {r.reason for r in cleaned.removed}
    assert reasons == {"repeated title", "subtitle repeated in the body"}
    assert "Ukrainian president calls Russian counterpart" not in cleaned.text
    subtitle = _lines(raw)[1]
    _assert_story_kept(raw, {subtitle, cleaned.title})


def test_seed_001_recent_news_block_and_teaser_removed() -> None:
    raw = _seed("001")
    cleaned = clean_text(raw)
    lines = _lines(raw)
    recent = lines.index("Recent News")
    block = set(lines[recent:])
    assert len(block) == 9  # the heading and four stories, each with its blurb
    assert block >= SEED_001_RECENT_NEWS
    teaser = "Also Read | US and China Reach Key Consensus in Geneva Trade Talks"
    subtitle = lines[1]
    _assert_story_kept(raw, block | {teaser, subtitle, cleaned.title})
    for story in ("Baloch", "CATL", "PKK", "Copenhagen", "Geneva Trade Talks"):
        assert story not in cleaned.text
    # the subtitle is removed from the top but the body paragraph that repeats it stays
    assert cleaned.text.count("Both Kyiv and Moscow are trying to influence Trump") == 1


def test_seed_002_share_buttons_teaser_banner_and_duplicate_title_removed() -> None:
    raw = _seed("002")
    cleaned = clean_text(raw)
    title = "Zelensky Invites Putin to Peace Talks in Istanbul Amid Ceasefire Push"
    assert cleaned.title == title
    share = {"Facebook", "Twitter", "LinkedIn", "Pinterest", "WhatsApp"}
    teaser = "Read more: Zelensky Apologizes to Trump, Aims to Mend US-Ukraine Relations"
    _assert_story_kept(raw, share | {teaser, "Breaking News", title})
    by_text = {r.text: r.reason for r in cleaned.removed}
    assert {by_text[s] for s in share} == {"share buttons"}
    assert by_text["Breaking News"] == "breaking-news banner"
    assert by_text[teaser] == "teaser link to another story"
    assert by_text[title] == "repeated title"
    assert title not in cleaned.text


def test_removals_carry_line_numbers_of_the_input() -> None:
    raw = _seed("002")
    lines = raw.split("\n")
    for removal in clean_text(raw).removed:
        assert removal.text in lines[removal.line_no - 1]


def test_clean_story_without_boilerplate_is_untouched() -> None:
    raw = (
        "Talks resume in Geneva\n\nNegotiators from both countries met on Saturday in "
        "Geneva for a second round of talks on tariffs and export controls.\n\n"
        '"We made progress," one official said after the meeting ended late at night.'
    )
    cleaned = clean_text(raw)
    assert cleaned.removed == []
    assert cleaned.title == "Talks resume in Geneva"
    assert cleaned.text.startswith("Negotiators from both countries")


def test_citation_debris_and_advertisement_marker_removed() -> None:
    raw = (
        "Markets rallied on Monday after the two sides agreed to cut tariffs for ninety "
        "days, officials said. The Times+3AP News+3\n\n- Advertisement -\n\n"
        "Oil prices rose more than one dollar per barrel as traders welcomed the truce."
    )
    cleaned = clean_text(raw, find_title=False)
    assert "+3" not in cleaned.text
    assert "officials said." in cleaned.text
    assert {r.reason for r in cleaned.removed} == {"citation debris", "advertisement marker"}


def test_given_title_is_removed_where_repeated_and_not_searched() -> None:
    raw = "Big Story Headline Here\n\n" + "A sentence of the story that is long enough. " * 3
    cleaned = clean_text(raw, title="Big story headline here")
    assert cleaned.title is None
    assert [r.reason for r in cleaned.removed] == ["repeated title"]


def _dev_clean(corpus_dev: Path, name: str):  # type: ignore[no-untyped-def]
    doc = read_paths([corpus_dev / name]).documents[0]
    return doc.text, clean_text(doc.text)


#: Lines of corpus-dev files that cleaning removes, with the reason it gives (file, removed,
#: reason).
BOILERPLATE = Path(__file__).parent / "data" / "boilerplate_removed.csv"


def _boilerplate() -> list[tuple[str, str, str]]:
    with BOILERPLATE.open(encoding="utf-8", newline="") as handle:
        return [(row["file"], row["removed"], row["reason"]) for row in csv.DictReader(handle)]


@pytest.mark.parametrize(("name", "gone", "reason"), _boilerplate())
def test_corpus_dev_boilerplate_removed(
    corpus_dev: Path, name: str, gone: str, reason: str
) -> None:
    _, cleaned = _dev_clean(corpus_dev, name)
    assert gone not in cleaned.text
    assert any(gone in r.text and r.reason == reason for r in cleaned.removed), cleaned.removed


def test_corpus_dev_date_stamp_becomes_the_date(corpus_dev: Path) -> None:
    raw, cleaned = _dev_clean(corpus_dev, "001_pravda-com-ua.txt")
    assert raw.lstrip().startswith("date 2025-05-14")
    assert cleaned.published == "2025-05-14"
    assert cleaned.text.startswith("President of Ukraine Volodymyr Zelenskyy said")


def test_corpus_dev_story_paragraphs_are_kept(corpus_dev: Path) -> None:
    """Across the development corpus, long story paragraphs are only removed by the rules
    that remove whole blocks (promotional boxes, repeated lines), never by the header rules."""
    for path in sorted(corpus_dev.glob("*.txt")):
        doc = read_paths([path]).documents[0]
        cleaned = clean_text(doc.text)
        for removal in cleaned.removed:
            if len(removal.text.split()) >= 20:
                assert removal.reason in {
                    "promotional box",
                    "image caption (printed twice)",
                    "repeated line",
                }, (path.name, removal)
        assert len(cleaned.text.split()) >= 0.6 * len(doc.text.split()), path.name
