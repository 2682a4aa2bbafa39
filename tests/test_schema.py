"""The column names of every table: one spelling per column, the order DESIGN.md gives, and
the tables of a real analysis written with exactly these columns."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.tables import Analysis

#: Every ``*_COLUMNS`` tuple of the schema, by name.
TABLE_COLUMNS = {
    name: value
    for name, value in vars(S).items()
    if name.endswith("_COLUMNS") and isinstance(value, tuple)
}


def test_no_table_names_a_column_twice_and_every_name_is_a_schema_constant() -> None:
    constants = {
        value for name, value in vars(S).items() if name.isupper() and isinstance(value, str)
    }
    for name, columns in TABLE_COLUMNS.items():
        assert len(set(columns)) == len(columns), name
        assert set(columns) <= constants, name


def test_the_design_cards_key_columns_lead_their_tables() -> None:
    assert S.ARTICLE_COLUMNS[:6] == ("article_id", "outlet", "domain", "url", "title", "published")
    assert S.REJECTED_COLUMNS == ("source", "reason", "detail")
    assert S.SENTENCE_COLUMNS[:5] == ("article_id", "sent_id", "start", "end", "text")
    assert S.DISTINCTIVE_COLUMNS == ("outlet", "term", "count", "z")
    assert S.ANALYSIS_ERROR_COLUMNS == (
        "article_id",
        "outlet",
        "title",
        "analyser",
        "error",
        "message",
    )


def test_an_analysis_of_the_seeds_has_the_schemas_columns(seeds_analysis: Analysis) -> None:
    tables: dict[str, pd.DataFrame] = seeds_analysis.tables()
    expected = {
        "articles": S.ARTICLE_COLUMNS,
        "sentences": S.SENTENCE_COLUMNS,
        "mentions": S.MENTION_COLUMNS,
        "quotes": S.QUOTE_COLUMNS,
        "stance": S.STANCE_COLUMNS,
        "labels": S.LABEL_COLUMNS,
        "analysis_errors": S.ANALYSIS_ERROR_COLUMNS,
    }
    for table, columns in expected.items():
        assert tuple(tables[table].columns[: len(columns)]) == columns, table
    assert len(tables["mentions"]) > 0 and len(tables["quotes"]) > 0
