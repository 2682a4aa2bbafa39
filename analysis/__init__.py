"""presslens analysis library: compare how news outlets cover the same story.

pandas in, pandas out, no Streamlit. What a notebook needs: load a corpus, analyse it, draw
the pages' charts, export them.

>>> from analysis import load_corpus, sentences
>>> corpus = load_corpus(["seeds"])          # articles, rejected, removed
>>> sentences(corpus.articles).columns[:4].tolist()
['article_id', 'sent_id', 'start', 'end']

``analyse(corpus, Settings(...))`` gives the :class:`Analysis`, a field per table
(``analysis.mentions``). Each page's view is a module of :mod:`analysis.views`
(``from analysis.views import actors``; ``actors.build(analysis, actors.Selection(...))``
its tables, ``actors.charts(tables)`` its Plotly figures); ``page_charts(analysis)`` is every
view in its default selection. ``html_report``, ``charts_zip`` and ``tables_zip`` are the
exports; ``read_results`` and ``query`` open an analysis written by ``python -m analysis
analyze --out DIR``.
"""

from importlib import import_module

from analysis.clean import Cleaned, Removal, clean_text
from analysis.corpus import Corpus, apply_edits, build_corpus, load_corpus
from analysis.ingest import (
    Document,
    IngestResult,
    Rejection,
    fetch_url,
    read_bytes,
    read_paths,
    read_text,
)
from analysis.text import sentences

#: Names imported on first use (PEP 562): the analysis, its exports and its results load
#: spaCy, Dask, onnxruntime and DuckDB, which ``import analysis.text`` should not.
_LAZY = {
    "Analysis": "analysis.tables",
    "Settings": "analysis.settings",
    "analyse": "analysis.pipeline",
    "Chart": "analysis.export",
    "page_charts": "analysis.export",
    "PngRenderer": "analysis.render",
    "html_report": "analysis.report",
    "charts_zip": "analysis.bundles",
    "tables_zip": "analysis.bundles",
    "query": "analysis.results",
    "read_results": "analysis.results",
    "write_results": "analysis.results",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "Chart",
    "Cleaned",
    "Corpus",
    "Document",
    "IngestResult",
    "PngRenderer",
    "Rejection",
    "Removal",
    "Settings",
    "analyse",
    "apply_edits",
    "build_corpus",
    "charts_zip",
    "clean_text",
    "fetch_url",
    "html_report",
    "load_corpus",
    "page_charts",
    "query",
    "read_bytes",
    "read_paths",
    "read_results",
    "read_text",
    "sentences",
    "tables_zip",
    "write_results",
]
