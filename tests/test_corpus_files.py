"""analysis.corpus_files: CSV/TSV, JSON, JSON Lines and Parquet corpora, a row at a time."""

from __future__ import annotations

import io
import json

import pandas as pd

from analysis.corpus_files import read_table
from tests.test_documents import STORY


def test_csv_with_usual_column_names() -> None:
    data = (
        "headline,body,publisher,date,link\n"
        f'Talks in Istanbul,"{STORY}\nSecond paragraph, with a comma.",AP,2025-05-15,'
        "https://apnews.com/a\n"
    ).encode()
    [doc] = read_table("export.csv", data).documents
    assert doc.title == "Talks in Istanbul"
    assert doc.outlet == "AP" and doc.published == "2025-05-15"
    assert doc.domain == "apnews.com"
    assert "Second paragraph, with a comma." in doc.text  # quoted newline kept
    assert doc.title_in_text is False


def test_a_parquet_corpus_is_read_row_by_row_with_its_dates_and_gaps() -> None:
    frame = pd.DataFrame(
        {
            "text": [STORY, None, STORY + " More."],
            "outlet": ["AP", "AP", None],
            "published": pd.to_datetime(["2025-05-15", "2025-05-16", None]),
            "url": ["https://apnews.com/a", None, "https://www.reuters.com/b"],
        }
    )
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    result = read_table("archive.parquet", buffer.getvalue())
    first, third = result.documents
    assert first.outlet == "AP" and first.published.startswith("2025-05-15")
    assert third.outlet is None and third.published is None
    assert third.domain == "reuters.com"
    assert [r.source for r in result.rejected] == ["archive.parquet row 2"]
    damaged = read_table("archive.parquet", b"PAR1 not really parquet")
    assert "Parquet file is damaged" in damaged.rejected[0].reason


def test_csv_without_text_column_is_rejected_naming_the_columns() -> None:
    result = read_table("export.csv", b"title,outlet\nA,B\n")
    assert not result.documents
    assert "No text column" in result.rejected[0].reason
    assert "title, outlet" in result.rejected[0].detail


def test_csv_row_with_empty_text_is_rejected_by_number() -> None:
    result = read_table("export.csv", f"text,outlet\n{STORY},AP\n,AP\n".encode())
    assert len(result.documents) == 1
    assert result.rejected[0].source == "export.csv row 2"


def test_broken_jsonl_line_is_rejected_and_the_rest_kept() -> None:
    lines = [
        json.dumps({"content": STORY, "source": "A"}),
        "{broken",
        json.dumps({"content": STORY + " More.", "source": "B"}),
        "[1, 2]",
    ]
    result = read_table("feed.jsonl", "\n".join(lines).encode())
    assert [d.outlet for d in result.documents] == ["A", "B"]
    assert [r.reason for r in result.rejected] == [
        "Line 2 is not valid JSON.",
        "Line 4 is not a JSON object.",
    ]
    assert result.documents[1].source == "feed.jsonl line 3"


def test_json_array_and_wrapped_list() -> None:
    array = json.dumps([{"text": STORY, "outlet": "A"}]).encode()
    wrapped = json.dumps({"articles": [{"text": STORY, "outlet": "B"}]}).encode()
    assert [d.outlet for d in read_table("a.json", array).documents] == ["A"]
    assert [d.outlet for d in read_table("b.json", wrapped).documents] == ["B"]


def test_malformed_json_is_rejected() -> None:
    result = read_table("a.json", b'{"text": "unterminated')
    assert "malformed" in result.rejected[0].reason


def test_a_csv_cell_larger_than_the_csv_default_limit_is_read() -> None:
    body = ("Officials said the talks would resume. " * 3_700)[:140_600]
    data = ('title,outlet,text\nA long one,Outlet,"' + body + '"\n').encode()
    result = read_table("long.csv", data)
    assert not result.rejected
    assert len(result.documents[0].text) > 131_072
