"""analysis.corpus: metadata, duplicates, wire copies, rejections and edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema as S
from analysis.corpus import (
    CLEAN,
    UNKNOWN_OUTLET,
    Corpus,
    apply_edits,
    build_corpus,
    copy_notices,
    detect_language,
    find_copies,
    load_corpus,
    parse_date,
)
from analysis.ingest import Document, IngestResult, read_text
from analysis.text import headline_end

BODY = (
    "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul on "
    "Thursday, while European leaders demanded an unconditional ceasefire first. "
)


def test_seeds_give_three_english_articles_with_metadata(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    articles = seeds_corpus.articles
    assert list(articles.columns) == list(S.ARTICLE_COLUMNS)
    assert len(articles) == 3 and seeds_corpus.rejected.empty
    assert set(articles[S.LANGUAGE]) == {"en"}
    assert articles[S.ARTICLE_ID].str.fullmatch(r"[0-9a-f]{64}").all()  # a full SHA-256
    assert set(articles[S.PUBLISHED].dt.strftime("%Y-%m-%d")) == {"2022-02-25", "2025-05-12"}
    assert articles[S.COPY_OF].isna().all()
    titles = set(articles[S.TITLE])
    assert (
        "Zelenskiy Challenges Putin to Meet in Turkey After Trump Urges Immediate Talks" in titles
    )
    # the cleaning record is consistent with the per-article count
    counts = seeds_corpus.removed.groupby(S.ARTICLE_ID).size()
    for aid, n in zip(articles[S.ARTICLE_ID], articles[S.REMOVED_LINES], strict=True):
        assert counts.get(aid, 0) == n


def test_article_ids_are_stable_across_loads(seeds_corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    again = load_corpus([Path(seeds_corpus.articles[S.SOURCE].iloc[0]).parent])
    assert again.articles[S.ARTICLE_ID].tolist() == seeds_corpus.articles[S.ARTICLE_ID].tolist()


def test_every_corpus_dev_article_ingests(corpus_dev_corpus, corpus_dev: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = pd.read_csv(corpus_dev / "manifest.csv")
    assert corpus_dev_corpus.rejected.empty
    assert len(corpus_dev_corpus.articles) == len(manifest)
    assert (corpus_dev_corpus.articles[S.N_WORDS] >= 80).all()
    outlets = set(corpus_dev_corpus.articles[S.OUTLET])
    assert outlets == set(manifest["outlet"])


def test_wire_copies_in_corpus_dev_are_flagged_and_kept(corpus_dev_corpus) -> None:  # type: ignore[no-untyped-def]
    notices = copy_notices(corpus_dev_corpus.articles)
    pairs = {(row.outlet, row.copied_outlet) for row in notices.itertuples()}
    # the same Reuters copy run by Gulf Daily News and The Express Tribune ("Türkiye"/"Turkey")
    assert ("The Express Tribune", "Gulf Daily News") in pairs
    assert ("The Sun (Malaysia)", "The Nation (Thailand)") in pairs
    assert (notices[S.COPY_OVERLAP] >= 0.5).all()
    assert len(notices) <= 4  # different stories are not flagged as copies


def test_exact_duplicate_is_merged_and_reported() -> None:
    result = read_text("a.txt", BODY * 3, outlet="A") + read_text("b.txt", BODY * 3, outlet="B")
    corpus = build_corpus(result)
    assert len(corpus.articles) == 1
    [rejected] = corpus.rejected.to_dict("records")
    assert rejected[S.SOURCE] == "b.txt"
    assert "Exact duplicate of a.txt" in rejected[S.REASON]
    assert corpus.articles[S.ARTICLE_ID].iloc[0] in rejected[S.DETAIL]


def test_near_duplicate_points_to_the_earlier_article() -> None:
    extra = "The Kremlin said it would consider the proposal seriously. "
    result = read_text(
        "late.txt", BODY * 2 + extra, outlet="Late", published="2025-05-13"
    ) + read_text("early.txt", BODY * 2, outlet="Early", published="2025-05-12")
    articles = build_corpus(result, min_words=10).articles.set_index(S.OUTLET)
    assert articles.loc["Late", S.COPY_OF] == articles.loc["Early", S.ARTICLE_ID]
    assert 0.5 <= articles.loc["Late", S.COPY_OVERLAP] < 1
    assert pd.isna(articles.loc["Early", S.COPY_OF])


def test_a_large_corpus_finds_the_same_copies_through_sampled_shingles(
    corpus_dev_corpus: Corpus,
) -> None:
    """Corpora of more than EXACT_COPIES articles compare each article with candidates found
    through a sample of its shingles: on corpus-dev (its wire copies) and on a wire story
    copied by forty outlets with their own first lines, the copies are those the exact
    comparison finds."""
    articles = corpus_dev_corpus.articles
    exact = find_copies(articles, exact=True)
    assert exact[S.COPY_OF].notna().sum() >= 2
    pd.testing.assert_frame_equal(find_copies(articles, exact=False), exact)
    story = " ".join(articles[S.TEXT].iloc[0].split()[:300])
    copies = pd.DataFrame(
        {
            S.ARTICLE_ID: [f"copy {n}" for n in range(40)],
            S.TEXT: [f"Outlet {n} reports from its own desk today. {story}" for n in range(40)],
            S.PUBLISHED: pd.to_datetime(["2025-05-12"] * 40),
        }
    )
    sampled = find_copies(copies, exact=False)
    assert pd.isna(sampled[S.COPY_OF].iloc[0])
    assert sampled[S.COPY_OF].iloc[1:].notna().all()
    assert (sampled[S.COPY_OVERLAP].iloc[1:] > 0.9).all()


def test_too_short_article_is_rejected_with_its_word_count() -> None:
    corpus = build_corpus(read_text("short.txt", "Putin spoke to reporters on Friday.", outlet="X"))
    assert corpus.articles.empty
    assert corpus.rejected[S.REASON].iloc[0].startswith("Too short: 6 words")


def test_missing_metadata_is_inferred() -> None:
    corpus = build_corpus(read_text("pasted text 1", "Putin Offers Talks In Istanbul\n\n" + BODY))
    row = corpus.articles.iloc[0]
    assert row[S.TITLE] == "Putin Offers Talks In Istanbul"
    assert row[S.OUTLET] == UNKNOWN_OUTLET
    assert pd.isna(row[S.PUBLISHED])


def test_cleaning_can_be_switched_off(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    folder = Path(seeds_corpus.articles[S.SOURCE].iloc[0]).parent
    raw = load_corpus([folder], clean=False)
    assert raw.removed.empty
    assert (raw.articles[S.REMOVED_LINES] == 0).all()
    assert raw.articles[S.TEXT].str.contains("Recent News").any()


def test_language_is_detected_and_non_english_kept() -> None:
    german = (
        "Der russische Präsident Wladimir Putin hat direkte Gespräche mit der Ukraine in "
        "Istanbul vorgeschlagen, während die europäischen Staats- und Regierungschefs "
        "zuerst eine bedingungslose Waffenruhe forderten."
    )
    corpus = build_corpus(read_text("de.txt", german, outlet="FAZ"))
    assert corpus.articles[S.LANGUAGE].tolist() == ["de"]
    assert detect_language("Too short") == "und"


def test_parse_date_formats() -> None:
    assert parse_date("2025-05-12") == pd.Timestamp("2025-05-12")
    assert parse_date("Mon, 12 May 2025 14:03:00 +0200") == pd.Timestamp("2025-05-12")
    assert parse_date("12 May 2025") == pd.Timestamp("2025-05-12")
    assert pd.isna(parse_date("last Tuesday-ish"))
    assert pd.isna(parse_date(None))


def test_edits_flow_into_a_copy_and_unknown_ids_are_ignored(seeds_corpus) -> None:  # type: ignore[no-untyped-def]
    articles = seeds_corpus.articles
    first = articles[S.ARTICLE_ID].iloc[0]
    edited = apply_edits(
        articles,
        {
            first: {S.OUTLET: "Anadolu Agency", S.PUBLISHED: "2022-02-26"},
            "not-an-id": {S.OUTLET: "X"},
        },
    )
    assert edited[S.OUTLET].iloc[0] == "Anadolu Agency"
    assert edited[S.PUBLISHED].iloc[0] == pd.Timestamp("2022-02-26")
    assert articles[S.OUTLET].iloc[0] != "Anadolu Agency"  # input not mutated


def _bad_inputs(folder: Path) -> dict[str, str]:
    """A folder of broken and unusual inputs; returns file name -> expected outcome."""

    def story(name: str) -> str:
        return f"The {name} edition reports. " + BODY * 3

    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "rejected"),
        "random.txt": (os.urandom(4096).replace(b"\xef\xbb\xbf", b"") + b"\x00", "rejected"),
        "latin1.txt": (
            ("Le président Macron a déclaré que l'Europe était prête. " * 5).encode("latin-1"),
            "article",
        ),
        "utf16.txt": (story("utf16").encode("utf-16"), "article"),
        "zero-width.txt": (story("zw").replace(" ", " \u200b").encode(), "article"),
        "no-text-column.csv": (b"title,outlet\nA,B\n", "rejected"),
        "broken.jsonl": (
            json.dumps({"text": story("jsonl"), "outlet": "J"}).encode() + b"\n{oops\n",
            "both",
        ),
        "scripts.html": (
            f"<html><head><script>alert(1)</script></head><body><article><p>"
            f"{story('html')}</p></article></body></html>".encode(),
            "article",
        ),
        "huge.txt": (b"word " * 1_000_000, "rejected"),
        "only-invisible.txt": ("\u200b\u200d\ufeff".encode(), "rejected"),
        "short.md": (b"# Hello", "rejected"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: outcome for name, (_, outcome) in files.items()}


def test_bad_inputs_are_all_accounted_for(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path)
    assert (tmp_path / "huge.txt").stat().st_size >= 5_000_000
    corpus = load_corpus([tmp_path])
    accepted = {Path(s.split(" line ")[0]).name for s in corpus.articles[S.SOURCE]}
    rejected = {Path(s.split(" line ")[0]).name for s in corpus.rejected[S.SOURCE]}
    for name, outcome in expected.items():
        if outcome == "article":
            assert name in accepted and name not in rejected, name
        elif outcome == "rejected":
            assert name in rejected and name not in accepted, name
        else:
            assert name in accepted and name in rejected, name
    assert corpus.rejected[S.REASON].str.len().gt(10).all()
    zero_width = corpus.articles[corpus.articles[S.SOURCE].str.endswith("zero-width.txt")]
    assert "\u200b" not in zero_width[S.TEXT].iloc[0]
    assert not corpus.articles[S.TEXT].str.contains("alert").any()


def test_only_equal_texts_are_merged_as_duplicates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids are full SHA-256 digests; should two texts ever share one, the second is rejected
    as a collision, never merged into the first as a duplicate."""
    import analysis.corpus as corpus_module

    story = "Officials said on Friday that the talks would resume next week in Geneva. " * 3
    other = "Ministers said on Monday that the summit would open next month in Vienna. " * 3
    docs = [Document("a.txt", story), Document("b.txt", story), Document("c.txt", other)]
    built = build_corpus(IngestResult(documents=docs), min_words=3)
    assert built.articles[S.ARTICLE_ID].str.len().tolist() == [64, 64]
    [duplicate] = built.rejected[S.REASON]
    assert duplicate.startswith("Exact duplicate of a.txt")
    monkeypatch.setattr(corpus_module, "article_id", lambda text: "0" * 64)
    collided = build_corpus(IngestResult(documents=[docs[0], docs[2]]), min_words=3)
    assert collided.rejected[S.REASON].tolist() == [
        "Its id is that of a.txt, whose text differs (a hash collision)."
    ]


def test_the_headline_is_the_first_paragraph_of_the_text(seeds_corpus: Corpus) -> None:
    """A headline found in the file, or given beside the text (a pasted title, a CSV column),
    is the text's first paragraph, so that its sentences are analysed; the title column keeps
    it too."""
    for text, title in zip(
        seeds_corpus.articles[S.TEXT], seeds_corpus.articles[S.TITLE], strict=True
    ):
        assert text.startswith(f"{title}\n\n")
        assert headline_end(text, title) == len(title)
    body = (
        "Russian President Vladimir Putin said on Sunday that talks with Ukraine could start "
        "in Istanbul on Thursday, and officials in Kyiv said they were studying the offer. "
    ) * 3
    given = build_corpus(read_text("pasted", body, title="Putin offers talks in Istanbul"))
    row = given.articles.iloc[0]
    assert row[S.TEXT] == f"Putin offers talks in Istanbul\n\n{body.strip()}"
    assert headline_end(row[S.TEXT], "Other title") == 0


def test_a_corpus_built_a_chunk_at_a_time_is_the_corpus_built_whole(
    corpus_dev: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """corpus-dev read in chunks of 4 documents (an exact duplicate and a too-short
    document placed in later chunks): the same articles, rejections and removed lines as
    the whole read, and the progress told in bytes of the input, up to all of it."""
    from analysis import ingest
    from analysis.engine import Progress

    result = ingest.read_paths([corpus_dev])
    extra = [
        Document(source="again.txt", text=result.documents[0].text),
        Document(source="short.txt", text="Too short to be an article."),
    ]
    documents = [*result.documents[:9], extra[0], *result.documents[9:], extra[1]]
    whole = build_corpus(IngestResult(documents, result.rejected), workers=1)
    chunks = [
        ingest.Chunk(IngestResult(documents[n : n + 4]), 100 * (n + 4), 100 * len(documents))
        for n in range(0, len(documents), 4)
    ]
    heard: list[Progress] = []
    chunked = build_corpus(chunks, workers=1, on_progress=heard.append)
    pd.testing.assert_frame_equal(whole.articles, chunked.articles)
    pd.testing.assert_frame_equal(whole.removed, chunked.removed)
    assert {tuple(r) for r in whole.rejected.itertuples(index=False)} == {
        tuple(r) for r in chunked.rejected.itertuples(index=False)
    }
    assert {"again.txt", "short.txt"} <= set(chunked.rejected[S.SOURCE])
    assert heard[-1] == Progress(CLEAN, chunks[-1].done, chunks[-1].total, "bytes")
    assert [p.done for p in heard] == sorted(p.done for p in heard)


def test_a_title_from_the_url_is_marked_guessed_and_no_headline_spelling() -> None:
    """Issue 44: a title made of a URL slug was shown as a headline, unmarked, and its words
    counted as headline spellings."""
    from analysis.corpus import guessed_titles
    from analysis.spelling import count_spellings, variant_hits

    url = "https://example.com/news/zelenskiy-thanked-erdogan-in-istanbul-2025-05-10"
    given = read_text("a.txt", BODY * 3, outlet="A", title="Zelenskiy thanks Erdogan")
    slug = read_text("b.txt", "Zelensky said so. " + BODY * 3, outlet="B", url=url)
    articles = build_corpus(given + slug).articles
    assert guessed_titles(articles).tolist() == [False, True]
    assert articles[S.TITLE].iloc[1].startswith("Zelenskiy thanked erdogan")
    spellings = count_spellings(variant_hits(articles), articles)
    by_article = spellings.set_index(S.ARTICLE_ID)[S.HEADLINE]
    assert by_article[articles[S.ARTICLE_ID].iloc[0]].max() == 1  # a given title is a headline
    assert by_article[articles[S.ARTICLE_ID].iloc[1]].max() == 0  # a guessed one is not
