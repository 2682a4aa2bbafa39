"""bench/polnear.py (the brat reader) and bench/quotes_polnear.py (the scoring) on tiny inline
articles; one test reads the real dev split and is skipped when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench.polnear import Article, parse_ann, read_split
from bench.quotes_polnear import (
    NOT_FOUND,
    RIGHT,
    UNATTRIBUTED_MISS,
    UNRESOLVABLE,
    WRONG,
    Analysed,
    bootstrap,
    gold_sources,
    heads,
    is_name,
    is_pronoun,
    names,
    offset_map,
    score_split,
)
from tests.conftest import SHARED

DEV = SHARED / "bench" / "polnear" / "dev"

# The raw file holds a zero-width space the analysed text does not (offsets move by one).
RAW = (
    "Taxes rise\n\n"
    'They said "no way at all." '
    '\u200bJohn Smith said: "We will win." '
    'He added, "Taxes are too high." '
    '"We will," Mary Jones said, "fight on." '
    'Voters are "tired of it," a poll found. '
    "Smith said that taxes would fall.\n"
)
TEXT = RAW.replace("\u200b", "")


def _at(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _t(number: int, kind: str, *phrases: str, after: str = "") -> str:
    """A brat T line for ``phrases`` of RAW (several: a discontinuous span), the first
    found from where ``after`` starts."""
    start = RAW.index(after) if after else 0
    pieces = [_at(RAW, phrase, start) for phrase in phrases]
    offsets = ";".join(f"{start} {end}" for start, end in pieces)
    return f"T{number}\t{kind} {offsets}\t{' '.join(phrases)}"


ANN = "\n".join(
    [
        _t(1, "Source", "They"),
        _t(2, "Cue", "said"),
        _t(3, "Content", '"no way at all."'),
        _t(4, "Source", "John Smith"),
        _t(5, "Cue", "said:"),
        _t(6, "Content", '"We will win."'),
        _t(7, "Source", "He"),
        _t(8, "Cue", "added"),
        _t(9, "Content", '"Taxes are too high."'),
        _t(10, "Source", "Mary Jones"),
        _t(11, "Cue", "said,"),
        _t(12, "Content", '"We will,"', '"fight on."'),
        _t(13, "Source", "a poll"),
        _t(14, "Cue", "found"),
        _t(15, "Content", '"tired of it,"'),
        _t(16, "Source", "Smith", after="Smith said that"),
        _t(17, "Content", "that taxes would fall"),
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
        "E4\tAttribution:T11 Source:T10 Cue:T11 Content:T12",
        "E5\tAttribution:T14 Source:T13 Cue:T14 Content:T15",
        "E6\tAttribution:T17 Source:T16 Content:T17",
        "#1\tAnnotatorNotes T1\tignored",
    ]
)


def _row(phrase: str, speaker: str, written: str = "", *, direct: bool = True) -> dict:
    start, end = _at(TEXT, phrase)
    return {
        "start": start,
        "end": end,
        "speaker": speaker,
        "speaker_text": written or speaker,
        "direct": direct,
        "attribution": "same sentence",
    }


def _analysed() -> Analysed:
    quotes = pd.DataFrame(
        [
            _row('"no way at all."', "Officials"),
            _row('"We will win."', "John Smith"),
            _row('"Taxes are too high."', "John Smith", "He"),
            _row('"fight on."', "Mary Jones", "Jones"),
            _row("that taxes would fall", "John Smith", "Smith", direct=False),
        ]
    )
    mentions = pd.DataFrame({"actor": ["John Smith"], "surface": ["Smith"]})
    return Analysed(TEXT, quotes, mentions)


def _article() -> Article:
    return Article("tiny", RAW, "a1", tuple(parse_ann(ANN)))


def test_brat_lines_become_attributions_with_discontinuous_spans() -> None:
    attributions = parse_ann(ANN)
    assert len(attributions) == 6
    first = attributions[0]
    assert first.source.text == "They" and first.cue.text == "said"
    assert first.content.text == '"no way at all."' and first.direct
    split = attributions[3]
    assert len(split.content.pieces) == 2
    assert split.content.text == '"We will," "fight on."'
    for start, end in split.content.pieces:
        assert RAW[start:end] in ('"We will,"', '"fight on."')
    last = attributions[-1]
    assert last.cue is None and not last.direct
    assert [a.direct for a in attributions] == [True, True, True, True, True, False]


def test_a_repeated_role_joins_and_a_relation_without_source_has_none() -> None:
    ann = "\n".join(
        [
            "T1\tContent 0 5\t“Abcd",
            "T2\tCue 6 9\tsaid",
            "T3\tContent 10 14\tefgh",
            "E1\tAttribution-no-source:T2 Content:T1 Cue:T2 Content2:T3",
        ]
    )
    (only,) = parse_ann(ann)
    assert only.source is None and only.relation == "Attribution-no-source"
    assert only.content.pieces == ((0, 5), (10, 14))
    assert only.content.text == "“Abcd efgh" and only.direct


def test_a_split_reads_one_annotator_per_article(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "tiny.txt").write_bytes(RAW.encode("utf-8"))
    (tmp_path / "attributions" / "tiny_b2.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "tiny_a1.ann").write_text(ANN, encoding="utf-8")
    (article,) = read_split(tmp_path)
    assert article.annotator == "a1" and article.text == RAW
    assert len(article.attributions) == 6


def test_names_compare_surnames_of_the_source_heads() -> None:
    source = "Sen. Bernie Sanders (Vt.), who lost the primaries to Clinton,"
    assert names(source, ["Bernie Sanders"]) and not names(source, ["Hillary Clinton"])
    assert names("Mr. Morgan of the Sierra Club", ["Peter Morgan"])
    assert names("A lawyer for the outlets, David Schulz", ["David Schulz"])
    assert names("Donald Trump Jr.", ["Trump"]) and names("WALLACE", ["Chris Wallace"])
    assert names("the Clinton campaign", ["Clinton campaign"])
    assert not names("Hillary Clinton's campaign manager Robby Mook", ["Hillary Clinton"])
    assert not names("Del. Stacey Plaskett", ["Del."])
    assert heads("one Democratic source on the panel")[-1] == ["one", "democratic", "source"]


def test_pronouns_and_names() -> None:
    assert is_pronoun("He") and is_pronoun("who") and not is_pronoun("Hector")
    assert is_name("Mr. Obama") and is_name("The New York Post") and is_name("WALLACE")
    assert not is_name("a source") and not is_name("Clinton's campaign") and not is_name("she")
    assert not is_name("Protesters", "Protesters marched. The protesters said ...")
    assert is_name("Trump", "Trump said ...")


def test_a_pronoun_stands_for_the_named_source_before_it() -> None:
    sources = gold_sources(_article())
    assert [s.pronoun for s in sources] == [True, False, True, False, False, False]
    assert sources[0].name is None  # "They" before any named source: unresolvable
    assert sources[2].name == "John Smith"  # "He" after John Smith


def test_offsets_follow_the_analysed_text() -> None:
    to_text = offset_map(RAW, TEXT)
    start, end = _at(RAW, '"We will win."')
    assert TEXT[to_text(start) : to_text(end - 1) + 1] == '"We will win."'
    assert offset_map("same", "sam\u00e9")(3) == 3


def test_direct_quotes_and_all_attributions_are_scored() -> None:
    direct, every, judged = score_split([_article()], {"tiny": _analysed()})
    outcomes = [j.outcome for j in judged["tiny"]]
    assert outcomes == [UNRESOLVABLE, RIGHT, RIGHT, RIGHT, NOT_FOUND]
    assert (direct.found.count, direct.found.total) == (4, 5)
    assert (direct.right.count, direct.right.total) == (3, 5)
    assert direct.unresolvable == 1 and direct.no_source == 0
    assert (every.found.count, every.found.total) == (5, 6)
    assert (every.right.count, every.right.total) == (4, 6)  # the last Smith names John Smith


def test_misses_by_kind() -> None:
    analysed = _analysed()
    quotes = analysed.quotes.copy()
    quotes.loc[1, "speaker"] = "unattributed"
    quotes.loc[2, "speaker"] = "Mary Jones"
    direct, _, judged = score_split([_article()], {"tiny": analysed._replace(quotes=quotes)})
    outcomes = [j.outcome for j in judged["tiny"]]
    assert outcomes == [UNRESOLVABLE, UNATTRIBUTED_MISS, WRONG, RIGHT, NOT_FOUND]
    assert direct.right.count == 1
    nothing, _, _ = score_split([_article()], {})
    assert nothing.found.count == 0 and nothing.outcomes[NOT_FOUND] == 5


def test_bootstrap_intervals_are_fixed_and_contain_the_share() -> None:
    counts = [(1, 2), (3, 3), (0, 1), (2, 4), (0, 0)]
    measure = bootstrap(counts)
    assert measure == bootstrap(counts)
    assert (measure.count, measure.total) == (6, 10) and measure.value == 0.6
    assert measure.low <= 0.6 <= measure.high and measure.low < measure.high
    assert bootstrap([(2, 2), (1, 1)])[:3] == (1.0, 1.0, 1.0)
    assert bootstrap([]).total == 0


def test_dev_split_is_read() -> None:
    if not (DEV / "attributions").is_dir():
        pytest.skip("../shared/bench/polnear is not beside the project")
    articles = read_split(DEV)
    assert len(articles) == 84
    assert sum(len(a.attributions) for a in articles) == 2192
    assert sum(at.direct for a in articles for at in a.attributions) == 434
    for article in articles[:10]:
        for attribution in article.attributions:
            pieces = attribution.content.pieces
            text = " ".join(article.text[start:end] for start, end in pieces)
            assert text == attribution.content.text
