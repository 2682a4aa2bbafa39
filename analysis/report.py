"""One self-contained HTML page of an analysis: the corpus, every chart (interactive, plotly.js
inlined), the key tables and the method notes (``analysis/data/method_notes.toml``)."""

from __future__ import annotations

import html
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import NamedTuple

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from analysis import schema as S
from analysis import transformer
from analysis.aggregate import (
    frame_summary,
    house_styles,
    stance_summary,
    term_summary,
    voice_summary,
)
from analysis.charts import HEIGHT, export_config
from analysis.differences import differences
from analysis.keywords import YAKE_WORDS
from analysis.outlets import Outlets
from analysis.tables import Analysis
from analysis.views import groups, voice_kinds
from analysis.views.base import Chart, every_outlet
from analysis.views.overview import omissions

#: Rows of each table in the HTML report (the analysis ZIP has every row).
REPORT_ROWS = 200


class MethodNote(NamedTuple):
    """What a figure means: the ``measure``, what it is (``meaning``), its ``range`` and which
    direction is more, and its ``limits``."""

    measure: str
    meaning: str
    range: str
    limits: str


@cache
def method_notes() -> tuple[MethodNote, ...]:
    """The method notes of ``analysis/data/method_notes.toml``, with the shipped sentiment
    model's macro-F1 on NewsMTSC's dev sets put in for ``{dev_rw}`` and ``{dev_mt}``, and the
    words of an article whose phrases are keywords for ``{yake_words}``."""
    scores = transformer.meta()["onnx"][transformer.meta()["ships"]]
    figures = {f"{{{split}}}": f"{scores[split]:.2f}" for split in ("dev_rw", "dev_mt")}
    figures["{yake_words}"] = str(YAKE_WORDS)
    text = resources.files("analysis").joinpath("data/method_notes.toml").read_text("utf-8")
    notes = []
    for note in tomllib.loads(text)["note"]:
        fields = [note[field] for field in MethodNote._fields]
        for placeholder, figure in figures.items():
            fields = [field.replace(placeholder, figure) for field in fields]
        notes.append(MethodNote(*fields))
    return tuple(notes)


class KeyTable(NamedTuple):
    """A table of the report and of the tables ZIP: its file ``name`` (``report_tables/NAME.csv``
    in the ZIP), its ``caption``, the ``frame`` and a ``note`` said with it ("" or why it
    is empty or what it was made from)."""

    name: str
    caption: str
    frame: pd.DataFrame
    note: str = ""


def _table_html(frame: pd.DataFrame, caption: str, note: str = "") -> str:
    shown = frame.head(REPORT_ROWS)
    more = (
        f"<p class='note'>First {REPORT_ROWS} of {len(frame)} rows; the analysis ZIP has all.</p>"
        if len(frame) > REPORT_ROWS
        else ""
    )
    body = (
        shown.to_html(index=False, escape=True, na_rep="", border=0, float_format="{:.3f}".format)
        if not shown.empty
        else "<p class='note'>Nothing to show.</p>"
    )
    said = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return f"<h3>{html.escape(caption)}</h3>{said}{body}{more}"


def _chart_html(chart: Chart) -> str:
    height = chart.figure.layout.height or HEIGHT
    div = pio.to_html(
        chart.figure,
        full_html=False,
        include_plotlyjs=False,
        config=export_config(chart.name, chart.figure),
        default_width="100%",
        default_height=f"{height}px",
    )
    return f"<figure class='chart' data-name='{html.escape(chart.name)}'>{div}</figure>"


def _corpus_html(analysis: Analysis) -> str:
    articles = analysis.articles
    listed = articles[[S.OUTLET, S.TITLE, S.PUBLISHED, S.N_WORDS, S.URL, S.SOURCE]].sort_values(
        [S.OUTLET, S.PUBLISHED], kind="stable"
    )
    parts = [
        f"<p>{len(articles)} articles from {articles[S.OUTLET].nunique()} outlets, "
        f"{int(articles[S.N_WORDS].sum()):,} words.</p>",
        _table_html(listed, "Articles"),
    ]
    rejected = analysis.rejected
    if not rejected.empty:
        parts.append(_table_html(rejected[[S.SOURCE, S.REASON]], "Inputs not analysed"))
    return "".join(parts)


#: Why the report has no group differences when no outlet has a group.
NO_GROUPS = (
    "No outlet has a group: give an outlets file (--outlets FILE on the command line, the "
    "outlets file of the Groups page in the dashboard) with a country, a language or labels "
    "of your own for each outlet, and the groups are compared here."
)


def _group_table(analysis: Analysis, outlets: Outlets) -> KeyTable:
    """The Groups page's differences in its default view (:mod:`analysis.views.groups`)."""
    made = groups.build(analysis, outlets=outlets)
    caption = (
        f"Differences between groups by {made.grouping}"
        if made.grouping
        else ("Differences between groups")
    )
    notes = [NO_GROUPS if not made.grouping else made.notice]
    if made.grouping and made.proposed:
        notes.insert(
            0,
            "The groups are the corpus's proposals (countries from the domains, languages "
            "from the texts), not an outlets file.",
        )
    note = " ".join(n for n in notes if n)
    return KeyTable("group_differences", caption, made.differences, note)


def key_tables(analysis: Analysis, *, outlets: Outlets = ()) -> list[KeyTable]:
    """The tables of the report (and of the tables ZIP's ``report_tables`` folder): the largest
    differences between outlets, the summaries of each page, what each outlet leaves out,
    the kinds of voices and the differences between the groups of ``outlets``
    (:mod:`analysis.outlets`; without a grouping, the corpus's proposals)."""
    articles = analysis.articles
    found = differences(analysis).summary
    kinds = voice_kinds.kind_tables(analysis, every_outlet(analysis))
    return [
        KeyTable(
            "largest_differences",
            "Largest differences between outlets",
            found[[S.RANK, S.KIND, S.STATEMENT, S.DETAILS]],
        ),
        KeyTable(
            "sentiment_by_outlet", "Sentiment toward actors, by outlet", analysis.actor_summary
        ),
        KeyTable(
            "stance_by_outlet",
            "Stance by outlet, actor and topic",
            stance_summary(analysis.stance, articles),
        ),
        KeyTable(
            "voices_by_outlet",
            "Voices: quotes by outlet and speaker",
            voice_summary(analysis.quotes, articles),
        ),
        KeyTable("omissions", "What each outlet leaves out", omissions(analysis).found),
        KeyTable("voice_kinds", "Kinds of voices by outlet", kinds.kinds),
        KeyTable("voice_diversity", "Diversity of voices by outlet", kinds.diversity),
        _group_table(analysis, outlets),
        KeyTable(
            "house_styles", "House styles of spelling", house_styles(analysis.spellings, articles)
        ),
        KeyTable(
            "contested_terms", "Contested terms by outlet", term_summary(analysis.terms, articles)
        ),
        KeyTable(
            "frames_by_outlet", "News frames by outlet", frame_summary(analysis.frames, articles)
        ),
    ]


def _notes_html() -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in note) + "</tr>"
        for note in method_notes()
    )
    return (
        "<table><thead><tr><th>measure</th><th>what it is</th><th>range</th><th>limits</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


REPORT_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #222; margin: 2em auto;
       max-width: 1240px; padding: 0 1em; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; font-size: 13px; margin: 0.5em 0 1em; }
th, td { border-bottom: 1px solid #e5e5e5; padding: 3px 8px; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; } .note { color: #666; font-size: 13px; }
figure.chart { margin: 1em 0 2em; } nav a { margin-right: 1em; }
"""


def html_report(
    analysis: Analysis,
    charts: Iterable[Chart],
    *,
    title: str = "presslens report",
    created: str = "",
    outlets: Outlets = (),
) -> str:
    """One self-contained HTML page: the corpus list, every chart (interactive, plotly.js
    inlined, so no network is needed to open it), the key tables and the method notes.

    ``analysis`` is that of :func:`analysis.pipeline.analyse`; ``created`` is shown under
    the title (e.g. the date); ``outlets`` (:mod:`analysis.outlets`) give the groups whose
    differences are tabled (those the Groups chart of ``charts`` compares). Every text from
    the articles is escaped.
    """
    by_page: dict[str, list[Chart]] = {}
    for chart in charts:
        by_page.setdefault(chart.page, []).append(chart)
    sections = [("corpus", "Corpus", _corpus_html(analysis))]
    for page, page_list in by_page.items():
        sections.append((page.lower(), page, "".join(_chart_html(c) for c in page_list)))
    sections.append(
        (
            "tables",
            "Key tables",
            "".join(
                _table_html(t.frame, t.caption, t.note)
                for t in key_tables(analysis, outlets=outlets)
            ),
        )
    )
    sections.append(("method", "Method notes", _notes_html()))
    nav = "".join(f"<a href='#{anchor}'>{html.escape(name)}</a>" for anchor, name, _ in sections)
    body = "".join(
        f"<section id='{anchor}'><h2>{html.escape(name)}</h2>{content}</section>"
        for anchor, name, content in sections
    )
    subtitle = f"<p class='note'>{html.escape(created)}</p>" if created else ""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{REPORT_STYLE}</style>"
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head>"
        f"<body><h1>{html.escape(title)}</h1>{subtitle}<nav>{nav}</nav>{body}</body></html>"
    )
