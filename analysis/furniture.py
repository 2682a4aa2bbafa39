"""Page furniture: the parts of a news page that are no story, so that no actor comes of them.

A byline ("By Jane Doe and John Roe"), a photo credit ("Photo: AFP"), a dateline before its
dash ("ISTANBUL, Türkiye (AP) —"), a page label closing a line's first word ("Tags:"), and a
time zone after a clock time ("5 pm Indian Standard Time"). Read from the parse (spaCy's
tokens, parts of speech and entity types), whatever the story.
"""

from __future__ import annotations

from spacy.tokens import Span


def time_zone(entity: Span) -> bool:
    """Whether ``entity`` names a time zone: right after a clock time ("5 pm Indian Standard
    Time", "10 p.m. Eastern") or ending in "Time"."""
    doc = entity.doc
    before = doc[entity.start - 1] if entity.start > 0 else None
    return entity[-1].lower_ == "time" or (before is not None and before.ent_type_ == "TIME")


#: Words of a photo credit or caption line ("Photo: AFP", "File image / Getty").
CREDIT_WORDS = frozenset({"photo", "photos", "photograph", "image", "images", "credit", "courtesy"})
#: Longest line (tokens) read as a byline or a credit.
MAX_CREDIT_TOKENS = 15
_DASHES = frozenset({"—", "–", "-", "--"})


def page_furniture(sentence: Span) -> Span | None:
    """The part of ``sentence`` that is page furniture rather than story: all of a byline
    ("By Jane Doe and John Roe") or a credit line ("Photo: Jane Doe/Reuters"), both short and
    without a verb; a dateline before its dash ("ISTANBUL, Türkiye (AP) —"); a page label
    closed by a colon at the line's start ("Tags:"); else None."""
    tokens = [t for t in sentence if not t.is_space]
    if not tokens:
        return None
    first = tokens[0]
    short = len(tokens) <= MAX_CREDIT_TOKENS and not any(t.pos_ in {"VERB", "AUX"} for t in tokens)
    if short and (first.lower_ == "by" or any(t.lower_ in CREDIT_WORDS for t in tokens)):
        return sentence
    if first.is_upper and first.is_alpha and len(first) >= 3 and len(tokens) > 1:
        dash = next((t for t in tokens[:12] if t.text in _DASHES), None)
        if dash is not None and tokens[1].text in {",", "("}:
            return sentence.doc[sentence.start : dash.i]
    if len(tokens) > 1 and first.is_alpha and tokens[1].text == ":" and first.is_title:
        return sentence.doc[first.i : first.i + 1] if first.lower_ in _LABELS else None
    return None


#: Page labels that open a line of links ("Tags: ...", "Topics: ...").
_LABELS = frozenset({"tags", "topics", "categories", "category", "filed", "related", "keywords"})
