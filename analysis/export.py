"""What people take away: every chart as PNG, the tables as one ZIP, a self-contained report.

The charts are those of the dashboard's pages in their default view (every outlet, the most
mentioned actors, every topic, name and contested thing), built by :func:`page_charts` from
the tables of :func:`analysis.pipeline.analyse`; their names are the pages' chart names, so a
PNG from the command line and one from the dashboard get the same file name.

PNGs are drawn server-side by kaleido 1.x, which needs a Chrome or Chromium binary (Debian's
``chromium`` package works; nothing is downloaded). :class:`PngRenderer` starts kaleido's
persistent sync server once, so each chart takes a fraction of a second instead of starting a
browser per chart.
"""

from __future__ import annotations

import html
import io
import json
import os
import shutil
import threading
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import NamedTuple

import kaleido
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from analysis import schema as S
from analysis import transformer
from analysis.aggregate import (
    MIN_MENTIONS,
    frame_summary,
    house_styles,
    spelling_summary,
    stance_summary,
    term_summary,
    voice_summary,
)
from analysis.cache import code_fingerprint
from analysis.charts import (
    EXPORT_SCALE,
    HEIGHT,
    WIDTH,
    distinctive_bars,
    distinctive_scatter,
    export_config,
    file_stem,
    frame_heatmap,
    house_style_heatmap,
    inert,
    keyword_heatmap,
    loaded_verbs_heatmap,
    outlet_colours,
    sentiment_bars,
    sentiment_heatmap,
    spelling_heatmap,
    stance_bars,
    term_heatmap,
    term_voice_bars,
    timeline_chart,
    voice_share_bars,
)
from analysis.keywords import keyword_matrix, outlet_keywords
from analysis.overview import actors_by_mentions, differences, timeline, timeline_period

#: Actors and speakers a chart shows by default (the pages' defaults).
TOP_ACTORS = 8
#: Keywords per outlet on the keyword heatmaps (the Keywords page's default).
TOP_KEYWORDS = 10
#: Rows of each table in the HTML report (the analysis ZIP has every row).
REPORT_ROWS = 200


class Chart(NamedTuple):
    """One chart of a page: the ``page`` it is on, its ``name`` (which gives the file name,
    see :func:`analysis.charts.file_stem`) and the Plotly ``figure``."""

    page: str
    name: str
    figure: go.Figure


def _top(frame: pd.DataFrame, column: str, by: str, top: int) -> list[str]:
    """The ``top`` values of ``column`` with the largest sum of ``by``."""
    totals = frame.groupby(column)[by].sum().sort_values(ascending=False, kind="stable")
    return totals.index[:top].tolist()


def _overview_charts(tables: Mapping[str, pd.DataFrame], colours: dict[str, str]) -> list[Chart]:
    actors = actors_by_mentions(tables["actor_summary"])
    if not actors:
        return []
    articles = tables["articles"]
    period = timeline_period(articles[S.PUBLISHED])
    frame = timeline(articles, tables["actor_sentiment"], actor=actors[0], period=period)
    figure = timeline_chart(frame, actors[0], period=period, colours=colours)
    return [Chart("Overview", f"timeline {actors[0]}", figure)]


def _actor_charts(tables: Mapping[str, pd.DataFrame], colours: dict[str, str]) -> list[Chart]:
    summary = tables["actor_summary"]
    if summary.empty:
        return []
    shown = summary[summary[S.ACTOR].isin(_top(summary, S.ACTOR, S.MENTIONS, TOP_ACTORS))]
    return [
        Chart("Actors", "sentiment heatmap", sentiment_heatmap(shown, min_mentions=MIN_MENTIONS)),
        Chart("Actors", "sentiment bars", sentiment_bars(shown, colours=colours)),
    ]


def _stance_charts(tables: Mapping[str, pd.DataFrame]) -> list[Chart]:
    summary = stance_summary(tables["stance"], tables["articles"])
    charts = []
    for topic in dict.fromkeys(summary[S.TOPIC]):
        on_topic = summary[summary[S.TOPIC] == topic]
        shown = on_topic[on_topic[S.ACTOR].isin(_top(on_topic, S.ACTOR, "statements", TOP_ACTORS))]
        charts.append(Chart("Stance", f"stance {topic}", stance_bars(shown, topic)))
    return charts


def _voice_charts(tables: Mapping[str, pd.DataFrame]) -> list[Chart]:
    voices = voice_summary(tables["quotes"], tables["articles"])
    return [
        Chart("Voices", "voice shares", voice_share_bars(voices, top=TOP_ACTORS)),
        Chart("Voices", "loaded verbs", loaded_verbs_heatmap(voices, top=TOP_ACTORS + 4)),
    ]


def _keyword_charts(tables: Mapping[str, pd.DataFrame], colours: dict[str, str]) -> list[Chart]:
    charts = []
    for kind, label in (("word", "words"), ("phrase", "phrases")):
        outlet_frame = outlet_keywords(
            tables["keywords"], tables["articles"], kind=kind, top=TOP_KEYWORDS
        )
        matrix = keyword_matrix(outlet_frame, top=TOP_KEYWORDS)
        charts.append(
            Chart("Keywords", f"top {label} by outlet", keyword_heatmap(matrix, kind=label))
        )
    terms = tables["distinctive_terms"]
    if len(colours) > 1:
        for outlet, colour in colours.items():
            charts.append(
                Chart(
                    "Keywords",
                    f"distinctive terms {outlet}",
                    distinctive_scatter(terms, outlet, colour=colour),
                )
            )
            charts.append(
                Chart(
                    "Keywords",
                    f"distinctive bars {outlet}",
                    distinctive_bars(terms, outlet, colour=colour),
                )
            )
    return charts


def _spelling_charts(tables: Mapping[str, pd.DataFrame]) -> list[Chart]:
    spellings, articles = tables["spellings"], tables["articles"]
    charts = [
        Chart("Spelling", "house styles", house_style_heatmap(house_styles(spellings, articles)))
    ]
    summary = spelling_summary(spellings, articles)
    variety = summary.groupby(S.GROUP)[S.VARIANT].nunique()
    uses = summary.groupby(S.GROUP)["uses"].sum()
    for group in sorted(variety.index, key=lambda g: (-variety[g], -uses[g], g)):
        charts.append(Chart("Spelling", f"spelling {group}", spelling_heatmap(summary, group)))
    return charts


def _framing_charts(tables: Mapping[str, pd.DataFrame]) -> list[Chart]:
    articles = tables["articles"]
    summary = term_summary(tables["terms"], articles)
    charts = []
    for group in dict.fromkeys(tables["terms"][S.GROUP]):
        charts.append(Chart("Framing", f"terms {group}", term_heatmap(summary, group)))
        charts.append(Chart("Framing", f"terms own voice {group}", term_voice_bars(summary, group)))
    frames = frame_summary(tables["frames"], articles)
    charts.append(Chart("Framing", "news frames", frame_heatmap(frames)))
    return charts


def page_charts(tables: Mapping[str, pd.DataFrame]) -> list[Chart]:
    """Every chart of every page in its default view, in page order, from the tables of
    :func:`analysis.pipeline.analyse` (articles, actor_sentiment, actor_summary, stance,
    quotes, keywords, distinctive_terms, spellings, terms, frames), each made inert
    (:func:`analysis.charts.inert`)."""
    colours = outlet_colours(tables["articles"][S.OUTLET])
    charts = [
        *_overview_charts(tables, colours),
        *_actor_charts(tables, colours),
        *_stance_charts(tables),
        *_voice_charts(tables),
        *_keyword_charts(tables, colours),
        *_spelling_charts(tables),
        *_framing_charts(tables),
    ]
    return [Chart(chart.page, chart.name, inert(chart.figure)) for chart in charts]


#: Browser executables looked for on PATH, in order (``BROWSER_PATH`` overrides them).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
NO_BROWSER = (
    "Server-side PNG export needs Chrome or Chromium and none was found on this server. "
    "Install it (Debian or Ubuntu: `apt install chromium`; Streamlit Community Cloud: the "
    "line `chromium` in packages.txt) or set BROWSER_PATH to its executable. The camera "
    "button above each chart still downloads a PNG from your browser."
)
#: Seconds a browser may take to start and draw the first chart.
START_TIMEOUT = 60.0


class ExportError(RuntimeError):
    """A chart could not be drawn as PNG; the message says why in words a user understands."""


def find_browser() -> str | None:
    """The Chrome or Chromium executable kaleido will use: ``BROWSER_PATH`` when set (None
    when that is no executable file), else the first of :data:`BROWSERS` on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


class PngRenderer:
    """Draws figures as PNG through kaleido's persistent sync server, started once for the
    process with ``browser`` (default :func:`find_browser`).

    Raises :class:`ExportError` with :data:`NO_BROWSER` when there is no browser, and with
    the cause when the browser cannot start. Calls are serialised: kaleido's server answers
    one request at a time and would mix up the answers of concurrent callers.
    """

    def __init__(self, browser: str | None = None, *, timeout: float = START_TIMEOUT) -> None:
        path = browser or find_browser()
        if path is None:
            raise ExportError(NO_BROWSER)
        self.browser = path
        self._lock = threading.Lock()
        kaleido.start_sync_server(path=path, mathjax=False, timeout=timeout, silence_warnings=True)
        # A browser that fails to start leaves kaleido's server waiting forever: draw a first
        # chart in a helper thread and give up after ``timeout``.
        with ThreadPoolExecutor(max_workers=1) as pool:
            first = pool.submit(self.png, go.Figure())
            try:
                first.result(timeout=timeout)
            except (FutureTimeout, ExportError) as error:
                raise ExportError(f"The browser at {path} did not draw a chart: {error}") from error

    def png(self, figure: go.Figure, *, scale: float = EXPORT_SCALE) -> bytes:
        """``figure`` as PNG bytes, :data:`~analysis.charts.WIDTH` pixels wide by the figure's
        height (default :data:`~analysis.charts.HEIGHT`), times ``scale``."""
        options = {
            "format": "png",
            "width": WIDTH,
            "height": figure.layout.height or HEIGHT,
            "scale": scale,
        }
        with self._lock:
            try:
                return kaleido.calc_fig_sync(figure.to_dict(), opts=options)
            except Exception as error:
                raise ExportError(f"kaleido could not draw the chart: {error}") from error

    @staticmethod
    def close() -> None:
        """Stop the browser (it restarts with the next :class:`PngRenderer`)."""
        kaleido.stop_sync_server(silence_warnings=True)


def png_path(chart: Chart) -> str:
    """Where ``chart`` goes as PNG in a folder of charts: a folder per page and the modebar
    button's file name (``actors/presslens-sentiment-heatmap.png``)."""
    folder = file_stem(chart.page).removeprefix("presslens-")
    return f"{folder}/{file_stem(chart.name)}.png"


def charts_zip(charts: Sequence[Chart], renderer: PngRenderer) -> bytes:
    """Every chart as a PNG in one ZIP, in a folder per page (``actors/presslens-….png``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for chart in charts:
            archive.writestr(png_path(chart), renderer.png(chart.figure))
    return buffer.getvalue()


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV that a spreadsheet opens without running anything: a text cell that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe (the OWASP rule for CSV injection); numbers are written as they are."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(
            safe[column]
        ):
            safe[column] = safe[column].map(_inert_cell)
    return safe.to_csv(index=False)


def manifest(tables: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """What describes an analysis beside its tables: the code fingerprint and its parts (see
    :func:`analysis.cache.code_fingerprint`), the row count of each table and the analysers
    that failed (from ``analysis_errors``)."""
    fingerprint = code_fingerprint()
    errors = tables.get("analysis_errors", pd.DataFrame(columns=list(S.ANALYSIS_ERROR_COLUMNS)))
    return {
        "fingerprint": fingerprint.digest,
        "fingerprint_parts": fingerprint.parts,
        "rows": {name: len(frame) for name, frame in tables.items()},
        "failed": errors.to_dict("records"),
    }


def tables_zip(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """Every table as ``NAME.csv`` (spreadsheet-safe, :func:`csv_text`) and ``NAME.parquet``
    in one ZIP with ``manifest.json`` (:func:`manifest`): the files of
    ``python -m analysis analyze``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(tables), indent=1, default=str))
        for name, frame in tables.items():
            archive.writestr(f"{name}.csv", csv_text(frame))
            parquet = io.BytesIO()
            frame.to_parquet(parquet, index=False)
            archive.writestr(f"{name}.parquet", parquet.getvalue())
    return buffer.getvalue()


class MethodNote(NamedTuple):
    """What a figure means: the ``measure``, what it is (``meaning``), its ``range`` and which
    direction is more, and its ``limits``."""

    measure: str
    meaning: str
    range: str
    limits: str


#: The shipped transformer's macro-F1 on NewsMTSC dev_rw and dev_mt (its training record).
_SCORES = transformer.meta()["onnx"][transformer.meta()["ships"]]

METHOD_NOTES: tuple[MethodNote, ...] = (
    MethodNote(
        "Sentiment toward an actor (Actors)",
        "Each mention is scored in its own sentence by a target-aware classifier trained on "
        "NewsMTSC (political news): by default all-MiniLM-L6-v2 fine-tuned as a (sentence, "
        "actor) pair classifier and run through ONNX; the n-gram logistic regression is the "
        "faster alternative (the setting on the Actors page, --sentiment on the command line). "
        "The outlet's figure is the mean over its mentions with a 95% bootstrap interval. "
        "TextBlob's lexicon polarity of the mention's clause is kept beside it.",
        "−1 (negative) … +1 (positive); 0 = neutral. Pairs with fewer than 3 mentions show "
        "'too few'.",
        f"Macro-F1 {_SCORES['dev_rw']:.2f} (one target per sentence) and "
        f"{_SCORES['dev_mt']:.2f} (several) on NewsMTSC's dev sets with the transformer, "
        "0.69 and 0.61 with the logistic regression (held-out news scores lower): roughly one "
        "mention in five is misjudged, most often a neutral report read as negative, or one "
        "side of a contest read like the other. It measures how the sentences around an "
        "actor read, including quotes of other people, not the outlet's opinion.",
    ),
    MethodNote(
        "Stance (Stance)",
        "A statement is a sentence in which the actor takes a position on a topic (the "
        "subject of a cue verb such as urge, propose, reject, or the speaker of a quote); "
        "negations, hedges and conditions change the label. What a speaker reports of their "
        "own side is their position ('Medinsky said the Russian delegation will be "
        "waiting'); an actor who speaks about a topic without a cue holds the position the "
        "sentiment classifier reads toward the topic (positive: support, negative: oppose, "
        "else neutral).",
        "support, conditional, neutral, oppose per statement; net = (support − oppose) / "
        "statements, −1 (all oppose) … +1 (all support).",
        "Cue-word and parse rules: accuracy 0.77 on 85 hand-labelled statements, but about "
        "0.3 on the exhaustive hand labels of 15 real articles (most positions there are "
        "stated without a cue or across sentences, and are missed, not inverted). Topics "
        "are the editable keyword lists of the Stance page.",
    ),
    MethodNote(
        "Voices (Voices)",
        "Direct quotes (in quotation marks) and reported speech ('X said that …') with their "
        "speaker and attribution verb.",
        "share: the speaker's part of the outlet's quoted words, 0..1 (higher = more voice); "
        "loaded: share of the speaker's attributed quotes introduced by a loaded verb "
        "(claimed, insisted, admitted), 0..1.",
        "Quotes without a speaker next to an attribution verb count as 'unattributed'.",
    ),
    MethodNote(
        "Keywords (Keywords)",
        "Words are ranked per article by frequency weighted by rarity in general English; "
        "phrases come from YAKE. An outlet's score is the mean over its articles of 1/rank.",
        "0..1, higher = more important to the outlet (1 = first keyword of every article).",
        "F1@10 0.19 against 500N-KPCrowd's annotators (YAKE alone: 0.16): keywords are a map "
        "of topics, not a summary.",
    ),
    MethodNote(
        "Distinctive terms (Keywords)",
        "Each outlet against all the others: log-odds ratio with an informative Dirichlet "
        "prior (Monroe, Colaresi & Quinn 2008).",
        "z-score; > 1.96: the outlet uses the term clearly more than the others, < −1.96: "
        "clearly less.",
        "Needs at least two outlets; with few articles an outlet's topic choice dominates.",
    ),
    MethodNote(
        "Spelling (Spelling)",
        "Uses of each spelling of a name (Zelensky / Zelenskyy / Zelenskiy, Kyiv / Kiev, "
        "Türkiye / Turkey), headlines included; the house style is the outlet's most used "
        "spelling.",
        "share of the outlet's uses following its house style, 0..1 (1 = consistent).",
        "Case-insensitive whole words: 'turkey' the bird counts as Turkey. The variant table "
        "is editable.",
    ),
    MethodNote(
        "Contested terms (Framing)",
        "Uses of the competing words for one thing (invasion / special military operation), "
        "split into the outlet's own voice and words inside quotation marks.",
        "per_1000: body uses per 1,000 words of the outlet's articles (higher = more use).",
        "A term inside a quote is the source's word, not the outlet's.",
    ),
    MethodNote(
        "News frames (Framing)",
        "Semetko & Valkenburg's (2000) codebook: yes/no questions for the conflict, human "
        "interest, economic consequences, morality and responsibility frames; a question is "
        "answered yes when one of its cue words occurs.",
        "score: share of the frame's questions answered yes, 0..1 (higher = framed more that way).",
        "Cue words find what is said in so many words, not what is implied; no accuracy "
        "figure exists for them: read the evidence.",
    ),
    MethodNote(
        "Labels of actors (Framing)",
        "Titles before a name ('former U.S. President'), appositions (', the Russian "
        "leader,'), roles standing in for a name and epithets ('the dictator').",
        "counts per outlet, actor and label.",
        "Labels inside quotes are counted with the outlet's own.",
    ),
)


def _table_html(frame: pd.DataFrame, caption: str) -> str:
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
    return f"<h3>{html.escape(caption)}</h3>{body}{more}"


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


def _corpus_html(tables: Mapping[str, pd.DataFrame]) -> str:
    articles = tables["articles"]
    listed = articles[[S.OUTLET, S.TITLE, S.PUBLISHED, S.N_WORDS, S.URL, S.SOURCE]].sort_values(
        [S.OUTLET, S.PUBLISHED], kind="stable"
    )
    parts = [
        f"<p>{len(articles)} articles from {articles[S.OUTLET].nunique()} outlets, "
        f"{int(articles[S.N_WORDS].sum()):,} words.</p>",
        _table_html(listed, "Articles"),
    ]
    rejected = tables["rejected"]
    if not rejected.empty:
        parts.append(_table_html(rejected[[S.SOURCE, S.REASON]], "Inputs not analysed"))
    return "".join(parts)


def _key_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    articles = tables["articles"]
    found = differences(tables).summary
    return {
        "Largest differences between outlets": found[[S.RANK, S.KIND, S.STATEMENT, S.DETAILS]],
        "Sentiment toward actors, by outlet": tables["actor_summary"],
        "Stance by outlet, actor and topic": stance_summary(tables["stance"], articles),
        "Voices: quotes by outlet and speaker": voice_summary(tables["quotes"], articles),
        "House styles of spelling": house_styles(tables["spellings"], articles),
        "Contested terms by outlet": term_summary(tables["terms"], articles),
        "News frames by outlet": frame_summary(tables["frames"], articles),
    }


def _notes_html() -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in note) + "</tr>"
        for note in METHOD_NOTES
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
    tables: Mapping[str, pd.DataFrame],
    charts: Iterable[Chart],
    *,
    title: str = "presslens report",
    created: str = "",
) -> str:
    """One self-contained HTML page: the corpus list, every chart (interactive, plotly.js
    inlined, so no network is needed to open it), the key tables and the method notes.

    ``tables`` are those of :func:`analysis.pipeline.analyse`; ``created`` is shown under
    the title (e.g. the date). Every text from the articles is escaped.
    """
    by_page: dict[str, list[Chart]] = {}
    for chart in charts:
        by_page.setdefault(chart.page, []).append(chart)
    sections = [("corpus", "Corpus", _corpus_html(tables))]
    for page, page_list in by_page.items():
        sections.append((page.lower(), page, "".join(_chart_html(c) for c in page_list)))
    sections.append(
        (
            "tables",
            "Key tables",
            "".join(_table_html(f, caption) for caption, f in _key_tables(tables).items()),
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
