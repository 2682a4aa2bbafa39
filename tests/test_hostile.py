"""Hostile and broken input: each kind of bad file with the outcome a user should see, every
input accounted for, and the whole analysis run on what survives."""

from __future__ import annotations

import io
import json
import random
import zipfile
from typing import NamedTuple

import pytest

from analysis import schema as S
from analysis.corpus import Corpus, build_corpus
from analysis.export import page_charts
from analysis.ingest import read_uploads
from analysis.overview import differences, outlet_cards
from analysis.pipeline import analyse

STORY = (
    "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul on "
    "Thursday, while European leaders demanded an unconditional ceasefire first, officials in "
    "Kyiv said on Sunday. Zelenskyy said he would wait for Putin in Türkiye. "
)


def _story(tag: str) -> str:
    """The story with a sentence of its own, so that no two cases are merged as copies."""
    return f"{STORY}This copy was saved as {tag}. "


def _zip_bomb() -> bytes:
    """10 MB of zeros compressed to a few kB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("story.txt", b"0" * 10_000_000)
    return buffer.getvalue()


class Case(NamedTuple):
    name: str
    data: bytes
    articles: int  # articles the file should give
    reason: str = ""  # part of the reason shown when it gives none (or loses a part)


CASES = [
    Case("empty.txt", b"", 0, "The file is empty."),
    Case("blank.txt", b"  \n\n\t ", 0, "The file is empty."),
    Case("random.txt", random.Random(1).randbytes(8000), 0, "binary file, not text"),
    Case(
        "nul-bytes.txt", _story("nul").replace("Thursday", "Thurs\x00day").encode(), 0, "NUL bytes"
    ),
    Case("truncated-utf8.txt", _story("truncated").encode() + "é".encode()[:1], 1),
    Case(
        "latin1.txt", (_story("latin-1") + " Café, déjà vu.").replace("ü", "u").encode("latin-1"), 1
    ),
    Case("utf16.txt", _story("utf-16").encode("utf-16"), 1),
    Case("utf16-no-bom.txt", _story("utf-16-le").encode("utf-16-le"), 1),
    Case("utf8-bom.txt", b"\xef\xbb\xbf" + _story("bom").encode(), 1),
    Case(
        "invisible.txt",
        _story("invisible")
        .replace("Putin", "Pu\u200btin")
        .replace("Kyiv", "\u202eKyiv\u202c")
        .encode(),
        1,
    ),
    Case("control.txt", _story("control").replace("talks", "talks\x07\x1b[31m").encode(), 1),
    Case("five-mb.txt", _story("big").encode() * 26_000, 0, "too large for one article"),
    Case("one-line.txt", (_story("line") * 4_500).replace("\n", " ").encode()[:1_000_000], 1),
    Case(
        "no-text-column.csv", b"outlet,title,url\nA,B,https://example.org/a\n", 0, "No text column"
    ),
    Case(
        "quoted-newlines.csv",
        f'outlet,title,text\nA,"Talks, at last","{_story("csv")}\n\nHe said ""no""."\n'.encode(),
        1,
    ),
    Case(
        "broken.jsonl",
        (json.dumps({"outlet": "B", "text": _story("jsonl")}) + "\n{broken\n").encode(),
        1,
        "Line 2 is not valid JSON.",
    ),
    Case(
        "scripts.html",
        (
            "<html><head><script>alert('x')</script><style>p{color:red}</style></head><body>"
            f"<article><p>{_story('html')}</p><script>steal()</script><img src=x onerror=alert(1)>"
            "</article></body></html>"
        ).encode(),
        1,
    ),
    Case("bomb.zip", _zip_bomb(), 0, "Files of type .zip are not supported."),
    Case("damaged.pdf", b"%PDF-1.4 broken", 0, "The PDF is damaged"),
    Case("letter.docx", b"PK\x03\x04", 0, "Files of type .docx are not supported."),
    Case("one-long-word.txt", b"a" * 100_000, 0, "Too short"),
    Case(
        "markup.txt",
        f"&lt;b&gt; [a link](javascript:alert(1)) **bold** {_story('markup')}".encode(),
        1,
    ),
    Case(
        "mixed.json",
        json.dumps([{"outlet": "C", "text": _story("json")}, {"outlet": "D", "text": 5}]).encode(),
        1,
        "Too short",
    ),
    Case("tabs.tsv", f"outlet\ttext\nE\t{_story('tsv')}\n".encode(), 1),
    Case("duplicate-a.txt", (STORY + " Duplicate.").encode(), 1),
    Case(
        "duplicate-b.txt", (STORY + " Duplicate.").encode(), 0, "Exact duplicate of duplicate-a.txt"
    ),
]


@pytest.fixture(scope="module")
def hostile() -> tuple[list[Case], Corpus]:
    return CASES, build_corpus(read_uploads([(case.name, case.data) for case in CASES]))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_kind_of_bad_input_has_its_outcome(case: Case, hostile) -> None:  # type: ignore[no-untyped-def]
    _, corpus = hostile
    articles, rejected = corpus.articles, corpus.rejected
    made = articles[articles[S.SOURCE].str.startswith(case.name)]
    assert len(made) == case.articles, case.name
    reasons = " ".join(rejected[rejected[S.SOURCE].str.startswith(case.name)][S.REASON])
    assert case.reason in reasons
    for text in made[S.TEXT]:
        assert "\x00" not in text and "\u200b" not in text and "\x1b" not in text
        assert "alert('x')" not in text and "steal()" not in text


def test_every_input_is_accounted_for(hostile) -> None:  # type: ignore[no-untyped-def]
    cases, corpus = hostile
    sources = [*corpus.articles[S.SOURCE], *corpus.rejected[S.SOURCE]]
    assert {case.name for case in cases} == {source.split(" ")[0] for source in sources}


def test_thousands_of_tiny_files_are_each_rejected_with_a_reason() -> None:
    tiny = [(f"note-{i:04d}.txt", f"three words {i}".encode()) for i in range(3000)]
    corpus = build_corpus(read_uploads(tiny))
    assert corpus.articles.empty
    assert len(corpus.rejected) == 3000
    assert corpus.rejected[S.REASON].str.startswith("Too short").all()


def test_the_whole_analysis_runs_on_what_survives(hostile) -> None:  # type: ignore[no-untyped-def]
    _, corpus = hostile
    articles = corpus.articles
    tables = analyse(corpus)
    assert len(tables["articles"]) == len(articles)
    for name in ("sentences", "mentions", "quotes", "keywords", "terms", "spellings"):
        frame = tables[name]
        if {S.START, S.END} <= set(frame.columns):
            lengths = frame[S.ARTICLE_ID].map(articles.set_index(S.ARTICLE_ID)[S.TEXT].str.len())
            assert ((frame[S.START] >= 0) & (frame[S.END] <= lengths)).all(), name
    assert outlet_cards(tables)[S.OUTLET].nunique() == articles[S.OUTLET].nunique()
    differences(tables)
    assert page_charts(tables)
