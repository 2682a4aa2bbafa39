"""Hostile and broken input: each kind of bad file with the outcome a user should see, every
input accounted for, and the whole analysis run on what survives."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest

from analysis import schema as S
from analysis.budget import Budget
from analysis.corpus import Corpus, build_corpus
from analysis.differences import differences
from analysis.engine import Stopped
from analysis.export import page_charts
from analysis.ingest import (
    Document,
    IngestResult,
    admitted,
    read_chunks,
    read_text,
    read_uploads,
)
from analysis.overview import outlet_cards
from analysis.pipeline import analyse
from tests import bombs
from tests.conftest import ARTIFACTS, ROOT

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
    analysis = analyse(corpus)
    assert len(analysis.articles) == len(articles)
    for name in ("sentences", "mentions", "quotes", "keywords", "terms", "spellings"):
        frame = getattr(analysis, name)
        if {S.START, S.END} <= set(frame.columns):
            lengths = frame[S.ARTICLE_ID].map(articles.set_index(S.ARTICLE_ID)[S.TEXT].str.len())
            assert ((frame[S.START] >= 0) & (frame[S.END] <= lengths)).all(), name
    assert outlet_cards(analysis)[S.OUTLET].nunique() == articles[S.OUTLET].nunique()
    differences(analysis)
    assert page_charts(analysis)


#: Lines that made a rule or an analyser stall (exponential or quadratic before issue 19):
#: each must be cleaned and analysed well within the alarm below.
STALLING = {
    "byline": "by " + "Aand" * 40 + "!",  # exponential: 24 repetitions took 24 s
    "30 KB of spaces": "Officials said. " + " " * 30_000 + " end.",
    "one 100,000-letter word": "Officials said. " + "a" * 100_000 + " end.",
    "100,000 apostrophes": "Officials said. " + "'" * 100_000 + " end.",
    "a long apposition": "Putin, " + "a" * 20_000 + ", said he would go.",
    "citation debris": "Ab+1 " * 20_000,
    "one paragraph of 6,000 quotes": '"Yes," he said. ' * 6_000,
    "a list of names": "By " + "Ann Lee and " * 8_000 + "!",
}
#: Seconds the whole set may take (a generous alarm: the lines take about a second in all
#: when every rule is linear; an exponential rule takes hours).
ALARM = 600

_STALL_RUN = """
import json, sys
from analysis.corpus import build_corpus
from analysis.ingest import read_text
from analysis.pipeline import article_tables
for name, line in json.loads(sys.stdin.read()).items():
    corpus = build_corpus(read_text(name, line), min_words=1)
    tables = article_tables(corpus.articles)
    assert tables["analysis_errors"].empty, name
print("done")
"""


def test_lines_that_stalled_the_server_finish_under_an_alarm() -> None:
    """Every known pathological line is cleaned and analysed in a child process that is
    killed after ALARM seconds: an exponential or cubic rule fails the suite."""
    done = subprocess.run(
        [sys.executable, "-c", _STALL_RUN],
        input=json.dumps(STALLING),
        capture_output=True,
        text=True,
        timeout=ALARM,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr[-2000:]


_WORKSPACE_RUN = """
import re
from analysis.workspace import WorkspaceError, read_workspace
head = b'{"kind": "presslens-workspace", "version": 1, "pasted": [{"text": "'
data = head + b"a" * 50_000_000 + b'"}]}'
try:
    read_workspace(data)
except WorkspaceError as error:
    print(error)
# VmHWM is this program's peak; ru_maxrss would keep the peak of the process that forked it
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) // 1024)
"""


def test_a_50_mb_workspace_is_refused_in_bounded_memory() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WORKSPACE_RUN],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=ROOT,
    )
    message, peak_mib = done.stdout.strip().splitlines()
    assert "a workspace file may be at most" in message
    (ARTIFACTS / "hostile-memory.txt").parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "hostile-memory.txt").write_text(f"50 MB workspace refused, peak {peak_mib} MiB\n")
    assert int(peak_mib) < 1024


def test_a_5_mb_pasted_text_is_refused_with_a_reason() -> None:
    result = read_text("pasted", "word " * 1_000_000)
    assert not result.documents
    assert "too large for one article" in result.rejected[0].reason


def test_articles_over_a_limit_are_rejected_whatever_their_source() -> None:
    big = Document(source="export.jsonl line 3", text="word " * 250_000)
    small = [Document(source=f"s{n}", text=_story(str(n)) * 15) for n in range(3)]
    corpus = build_corpus(IngestResult(documents=[big, *small]), max_chars=5_000)
    reasons = dict(zip(corpus.rejected[S.SOURCE], corpus.rejected[S.REASON], strict=True))
    assert "too large for one article" in reasons["export.jsonl line 3"]
    assert len(corpus.articles) == 1  # the corpus limit (5,000 characters) keeps one story
    assert "limit of 5,000 characters" in reasons["s1"] and "limit" in reasons["s2"]


# ------------------------------------------------ files that decode to far more than their size

#: The peak memory (MiB) of the process since it started (VmHWM: getrusage's maxrss would
#: carry the test process's own peak across the fork).
_PEAK = """
def peak():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) // 1024
"""
#: Reads one file as an upload in a fresh process and prints what came of it and the process's
#: peak memory (MiB).
_UPLOAD_RUN = (
    _PEAK
    + """
import json, sys
from pathlib import Path
from analysis.ingest import read_uploads
path = Path(sys.argv[1])
result = read_uploads([(path.name, path.read_bytes())])
print(json.dumps({"documents": len(result.documents),
                  "rejected": [r.reason for r in result.rejected], "peak": peak()}))
"""
)
#: The command line in a fresh process, its own peak memory (MiB) printed as it exits.
_CLI_RUN = (
    _PEAK
    + """
import atexit, runpy, sys
atexit.register(lambda: print("PEAK", peak(), file=sys.stderr))
sys.argv = ["analysis", *sys.argv[1:]]
runpy.run_module("analysis", run_name="__main__")
"""
)


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "rows.parquet": bombs.rows_parquet(folder),
        "strings.parquet": bombs.strings_parquet(folder),
        "rows.csv": bombs.rows_csv(folder),
    }


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "rows.parquet",
            "10,000,000 rows: more than the 200,000 articles a dashboard session holds. "
            "Not loaded.",
        ),
        (
            "strings.parquet",
            "bytes of text once decompressed: more than the 200,000,000 characters a "
            "dashboard session holds. Not loaded.",
        ),
        (
            "rows.csv",
            "More than 205,000 rows: more than the 200,000 articles a dashboard session holds. "
            "Not loaded.",
        ),
    ],
)
def test_an_upload_that_decodes_to_gigabytes_is_one_rejection_in_bounded_memory(
    bomb_files: dict[str, Path], name: str, reason: str
) -> None:
    path = bomb_files[name]
    done = subprocess.run(
        [sys.executable, "-c", _UPLOAD_RUN, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=ROOT,
    )
    outcome = json.loads(done.stdout)
    assert outcome["documents"] == 0
    [rejection] = outcome["rejected"]
    assert rejection.endswith(reason)
    with (ARTIFACTS / "hostile-memory.txt").open("a") as out:
        out.write(f"upload of {name} ({path.stat().st_size:,} bytes): peak {outcome['peak']} MiB\n")
    assert outcome["peak"] < 1536, f"{outcome['peak']} MiB"


@pytest.mark.parametrize("name", ["rows.parquet", "strings.parquet"])
def test_the_command_line_rejects_a_parquet_bomb_in_bounded_memory(
    bomb_files: dict[str, Path], name: str, tmp_path: Path
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CLI_RUN,
            "analyze",
            str(bomb_files[name]),
            "--out",
            str(tmp_path / "out"),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 2
    rejected = [line for line in done.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 1
    assert "this command reads (--max-articles, --max-chars)" in rejected[0]
    peak = int(done.stderr.split("PEAK")[-1])
    assert peak < 1536, f"{peak} MiB"


def test_a_million_rejected_rows_are_listed_as_a_thousand_and_a_count() -> None:
    rows = "".join(f"short row {n}\n" for n in range(3_000))
    result = read_uploads([("short.csv", ("text\n" + rows).encode())])
    assert len(result.documents) == 3_000
    corpus = build_corpus(result)
    assert corpus.articles.empty
    assert len(corpus.rejected) == 1_001
    last = corpus.rejected.iloc[-1]
    assert last[S.SOURCE] == "short.csv"
    assert last[S.REASON] == (
        "2,000 more rows of this file were rejected; only the first 1,000 are listed."
    )


def test_a_session_budget_is_shared_by_every_input_of_the_load() -> None:
    budget = Budget(articles=5)
    csv = "text\n" + "".join(f'"{_story(str(n))}"\n' for n in range(3))
    first = read_uploads([("a.csv", csv.encode()), ("b.csv", csv.encode())], budget=budget)
    assert len(first.documents) == 3
    [refused] = first.rejected
    assert refused.source == "b.csv"
    assert refused.reason == (
        "3 rows: more than the 2 articles left of the 5 a dashboard session holds. Not loaded."
    )
    pasted = IngestResult()
    for n in range(4):
        pasted += read_text(f"pasted text {n}", _story(f"p{n}"))
    kept = admitted(pasted, budget)
    assert [d.source for d in kept.documents] == ["pasted text 0", "pasted text 1"]
    [rest] = kept.rejected
    assert rest.source == "pasted text 2"
    assert "and the 1 after it was not loaded" in rest.reason


def test_results_add_up_in_place() -> None:
    result = IngestResult()
    documents = result.documents
    for n in range(3):
        result += read_text(f"pasted text {n}", _story(str(n)))
    assert result.documents is documents and len(documents) == 3


def test_a_json_file_of_millions_of_values_is_refused_before_it_is_parsed() -> None:
    data = ("[" + ",".join(["0.5"] * 6_000_000) + "]").encode()
    [rejection] = read_uploads([("floats.json", data)]).rejected
    assert "more than 5,000,000 JSON values" in rejection.reason


def test_a_csv_of_a_million_columns_is_refused() -> None:
    [rejection] = read_uploads([("wide.csv", b"text" + b",a" * 1_000_000 + b"\n")]).rejected
    assert (
        rejection.reason == "The file has 1,000,001 columns; a corpus file may have at most 1,000."
    )


def test_a_corpus_build_stops_when_its_session_has_gone(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(_story(str(n)) * 5)
    asked = []

    def gone() -> bool:
        asked.append(True)
        return len(asked) > 1

    chunks = read_chunks([tmp_path / "0.txt", tmp_path / "1.txt", tmp_path / "2.txt"])
    with pytest.raises(Stopped):
        build_corpus(chunks, should_stop=gone)
