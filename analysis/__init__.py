"""presslens analysis library: compare how news outlets cover the same story.

pandas in, pandas out, no Streamlit. The main entry points:

>>> from analysis import load_corpus, sentences
>>> corpus = load_corpus(["seeds"])          # articles, rejected, removed
>>> sentences(corpus.articles).columns[:4].tolist()
['article_id', 'sent_id', 'start', 'end']
"""

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
from analysis.text import quotes, sentences

__all__ = [
    "Cleaned",
    "Corpus",
    "Document",
    "IngestResult",
    "Rejection",
    "Removal",
    "apply_edits",
    "build_corpus",
    "clean_text",
    "fetch_url",
    "load_corpus",
    "quotes",
    "read_bytes",
    "read_paths",
    "read_text",
    "sentences",
]
