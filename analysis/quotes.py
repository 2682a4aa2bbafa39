"""Quotes: whose words each outlet carries, and with which attribution verb.

:func:`find_quotes` builds the quotes table from direct quotes (the quotation spans of
:mod:`analysis.text`: straight, curly, nested, over several sentences and paragraphs) and
reported speech ("Zelensky said he would ...", "..., Turkey's Foreign Ministry said",
"According to Medinsky, ..."). Columns (:data:`analysis.schema.QUOTE_COLUMNS`):

* ``quote_id`` numbers the quotes of an article in text order; ``sent_id`` is the sentence
  where the quote starts; ``start`` / ``end`` are offsets into ``articles.text`` (quotation
  marks included for direct quotes); ``text`` is the quoted words without the marks;
  ``words`` counts them (more words = more voice).
* ``speaker`` is the actor's canonical name, an unregistered name as written, or
  ``"unattributed"`` when no speaker stands next to an attribution verb and the learned
  ranker of :mod:`analysis.attribution` is not sure enough of one around the quote.
  ``speaker_text`` is the speaker as written ("he", "the Ukrainian president");
  ``speaker_via`` says how it was found: ``actor`` (a mention), ``pronoun`` (he/she resolved
  to a person), ``name`` (a name that is no actor), ``source`` (an unnamed source as
  written, from the parse) or ``""``; ``speaker_kind`` is person / country / organisation /
  group for an actor, ``anonymous`` for an unnamed source, ``unattributed`` without a speaker.
  A spokesperson or official is the speaker in their own right: ``on_behalf_of`` is the body
  they speak for, read from the parse (:mod:`analysis.behalf`: "Kremlin spokesman Dmitry
  Peskov": Peskov on behalf of Russia; "a State Department spokesperson": an unnamed source on
  behalf of the State Department), "" when the words around the speaker name none.
* ``verb`` is the attribution verb as written (lower case); ``connotation`` its kind from
  ``analysis/data/speech_verbs.toml`` and ``verb_class`` "neutral" or "loaded" ("" when
  unattributed).
* ``attribution`` says where the speaker was found: ``same sentence``; ``previous
  sentence`` (a quote-only paragraph continuing the speaker before it); ``next sentence`` (a
  quote that ends on "?" or "!" and is attributed just after); ``headline`` (a quote in
  the headline, given to the subject of the verb it hangs on, which need not be a speech
  verb: "Putin offers ‘direct talks’"); ``ranked`` (a direct quote the rules leave
  unattributed, given the speaker the ranker ranks first: no verb); ``none``.

Unattributed direct quotes shorter than :data:`MIN_UNATTRIBUTED_WORDS` words are scare quotes
or titles (a “deal”, “Squawk Box”) and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import pandas as pd
from spacy.tokens import Doc

from analysis import schema as S
from analysis.actors import Registry
from analysis.attribution import RANKED, SpeakerRanker
from analysis.entities import MIN_TITLE_CASE_WORD, TITLE_CASE_SHARE
from analysis.speech import SOURCE, ArticleSpeech, Speaker, token_span
from analysis.text import Span, headline_end
from analysis.verbs import NEUTRAL, SpeechVerb, lookup, speech_verbs, verbs_in

UNATTRIBUTED = "unattributed"
#: The speaker kind of an unnamed source ("a senior official", "sources").
ANONYMOUS = "anonymous"
#: Shortest unattributed direct quote (words) that is kept; an unattributed title (see
#: :func:`_title`) is not kept either.
MIN_UNATTRIBUTED_WORDS = 4
#: Shortest piece of reported speech (words).
MIN_REPORTED_WORDS = 4
#: Most words between a verb and the quote it introduces ("said in a video message that").
MAX_LEAD_WORDS = 20
#: Most words between a quote and the attribution after it ('”, Secretary of the Treasury
#: Scott Bessent said'), unless the parse reads them all as the verb's subject phrase.
MAX_TAG_WORDS = 10

_WORD = re.compile(r"[\w’'-]+")
_MARKS = "\"“”„«»‘’' \n"
_THAT = re.compile(r"\bthat\b")
_BARRIER = re.compile(r"[;:“”\"«»()]")
_LEAD_BARRIER = re.compile(r"[,;:“”\"«»()]")
#: Verbs whose complement may follow without "that" ("Zelensky said he would ...").
_CLAUSE_VERBS = frozenset(
    {"say", "tell", "add", "state", "note", "claim", "insist", "write", "reiterate", "stress"}
    | {"emphasize", "emphasise", "allege", "assert", "maintain", "concede"}
)
#: What may follow a verb that closes a sentence ("..., Turkey's Foreign Ministry said on
#: Monday.").
_CLOSING_TAIL = re.compile(
    r"\s*(?:(?:on|in|at|during|after|before|from|to|yesterday|today|late|earlier|later|last|"
    r"this|as|via|through|reporters|journalists)\b[^,;:]*)?[.!?]?\s*$"
)
_CLAUSE_START = re.compile(
    r"(?:he|she|it|they|we|i|there|this|that|these|those|the|a|an|both|neither|his|her|its|"
    r"their|our|no|any|all|[A-Z][\w’'-]*)\b"
)
_SUBORDINATE = re.compile(r"(?:While|Although|Though|Whereas|As|If|When|Since|Because)\b")
_OBJECT = re.compile(
    r"\s*(?:reporters|journalists|the\s+press|the\s+media|him|her|them|us|me|"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\b,?"
)


class _Attribution(NamedTuple):
    speaker: Speaker | None
    verb: re.Match[str] | None
    where: str


_NONE = _Attribution(None, None, "none")
#: A headline quote's verb that is no attribution verb ("offers"): plain, not loaded.
_OTHER_VERB = SpeechVerb("", NEUTRAL)
#: Where a headline's quote was attributed (to the subject of the verb it hangs on).
HEADLINE = "headline"
#: Where a quotation signed after a dash was attributed ('“...” ― Pamela Padilla').
SIGNATURE = "signature"
#: A dash right after a quotation (or at the start of the next line) before a capital.
_SIGNATURE_DASH = re.compile(r"[^\S\n]*\n?[^\S\n]*[―—–-][^\S\n]*(?=[A-Z])")
#: What may follow a signature's name: the end of its line, or a comma or full stop.
_SIGNATURE_END = re.compile(r"[^\S\n]*(?:[,.(]|$)", re.MULTILINE)
#: More capitalised words or initials after a signature's first name ('― Nell Carden Grey').
_SIGNATURE_MORE = re.compile(r"(?:[^\S\n]+[A-Z][\w’'.-]*)*")


#: What opens a clause of its own right after a quote, not the quote's attribution.
_SUBORDINATE_TAG = re.compile(
    r"[\s,—–-]*(?:when|while|after|before|because|if|since|until|although|though|unless)\b"
)


class _Found(NamedTuple):
    text: str
    attribution: _Attribution
    direct: bool
    start: int
    end: int


def find_quotes(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    registry: Registry | None = None,
    docs: Mapping[str, Doc] | None = None,
    ranked: bool = True,
) -> pd.DataFrame:
    """The quotes table of ``articles`` (see the module docstring for the columns).

    ``sentences`` and ``mentions`` are the tables of :func:`analysis.text.sentences` and
    :func:`analysis.actors.find_mentions` for the same articles and ``registry``; ``docs``
    their parses by article id (:func:`analysis.parse.parse`), which find the speaker as the
    subject of the speech verb. ``ranked``: a direct quote the rules leave without a speaker
    gets the one :class:`analysis.attribution.SpeakerRanker` gives it, if any.
    """
    sentence_groups = dict(tuple(sentences.groupby(S.ARTICLE_ID, sort=False)))
    mention_groups = dict(tuple(mentions.groupby(S.ARTICLE_ID, sort=False)))
    titles = dict(zip(articles[S.ARTICLE_ID], articles[S.TITLE], strict=True))
    rows: list[tuple[object, ...]] = []
    for identifier, text in zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True):
        group = sentence_groups.get(identifier)
        if group is None or group.empty:
            continue
        article_mentions = mention_groups.get(identifier, mentions.iloc[0:0])
        doc = None if docs is None else docs.get(identifier)
        speech = ArticleSpeech.build(
            text, group, article_mentions, registry, doc, spokespeople=True, gendered=True
        )
        ranker = SpeakerRanker(speech) if ranked else None
        direct = _direct(speech, headline_end(text, titles.get(identifier)), ranker)
        found = direct + _reported(speech, direct)
        for number, quote in enumerate(sorted(found, key=lambda q: q.start)):
            rows.append(
                (
                    identifier,
                    number,
                    speech.sentence_id(quote.start),
                    quote.text,
                    *_speaker_columns(quote.attribution, speech),
                    quote.direct,
                    quote.start,
                    quote.end,
                    len(_WORD.findall(quote.text)),
                    quote.attribution.where,
                )
            )
    frame = pd.DataFrame(rows, columns=list(S.QUOTE_COLUMNS))
    numbers = dict.fromkeys((S.QUOTE_ID, S.SENT_ID, S.START, S.END, S.WORDS), "int64")
    return frame.astype(numbers | {S.DIRECT: "bool"})


def _speaker_columns(
    attribution: _Attribution, speech: ArticleSpeech
) -> tuple[str, str, str, str, str, str, str, str]:
    """speaker, speaker_text, speaker_via, speaker_kind, on_behalf_of, verb, verb_class,
    connotation."""
    speaker, verb = attribution.speaker, attribution.verb
    if speaker is None:
        return (UNATTRIBUTED, "", "", UNATTRIBUTED, "", "", "", "")
    who = (speaker.name, speaker.surface, speaker.how, _speaker_kind(speaker, speech.kinds))
    if verb is None or attribution.where == SIGNATURE:  # signed or ranked: no verb
        return (*who, speech.body(speaker), "", "", "")
    verb_text = " ".join(verb.group().lower().split())
    entry = speech_verbs().get(verb_text, _OTHER_VERB)
    return (
        *who,
        speech.body(speaker),
        verb_text,
        entry.verb_class,
        entry.connotation,
    )


def _speaker_kind(speaker: Speaker, kinds: Mapping[str, str]) -> str:
    """person / country / organisation / group for an actor, person for a resolved pronoun
    or a name, anonymous for an unnamed source ("a senior official")."""
    if speaker.how == SOURCE:
        return ANONYMOUS
    if speaker.how == "actor":
        return kinds.get(speaker.name, "person")
    return "person"


def _verbs(speech: ArticleSpeech, lo: int, hi: int) -> list[re.Match[str]]:
    """Attribution verbs in ``[lo, hi)`` outside quotation marks (that the parse, if any,
    reads as verbs)."""
    return [
        m
        for m in verbs_in(speech.text, lo, hi)
        if not speech.inside_quote(*m.span()) and speech.is_verb(m.start())
    ]


def _attributed(
    speech: ArticleSpeech, verbs: list[re.Match[str]], lo: int, hi: int, where: str
) -> _Attribution:
    """The first of ``verbs`` with a speaker in ``[lo, hi)``."""
    for verb in verbs:
        clause = speech.bounds(speech.sentence_at(verb.start()))[0]
        speaker = speech.speaker_for(Span(*verb.span()), Span(lo, hi), clause)
        if speaker is not None:
            return _Attribution(speaker, verb, where)
    return _NONE


def _direct(
    speech: ArticleSpeech, headline: int = 0, ranker: SpeakerRanker | None = None
) -> list[_Found]:
    """Direct quotes with their attribution; ``headline`` is where the headline paragraph
    ends (0 without one); ``ranker`` attributes what the rules leave unattributed."""
    found: list[_Found] = []
    spans = speech.quotes
    for number, span in enumerate(spans):
        quoted = speech.text[span.start : span.end].strip(_MARKS)
        words = len(_WORD.findall(quoted))
        if not words:
            continue
        attribution = _signed(speech, span)
        if attribution.speaker is None:
            attribution = _attribute(speech, spans, number, found)
        if attribution.speaker is None and span.end <= headline:
            attribution = _in_headline(speech, span, headline)
        if attribution.speaker is None and (words < MIN_UNATTRIBUTED_WORDS or _title(quoted)):
            continue
        if attribution.speaker is None and ranker is not None:
            attribution = _ranked(ranker, span, found)
        found.append(_Found(quoted, attribution, True, span.start, span.end))
    return found


def _signed(speech: ArticleSpeech, span: Span) -> _Attribution:
    """The speaker who signs a quotation set apart: a dash right after it (or opening the
    next line), then a name that ends the line or is followed by a comma or full stop
    ('“...” ― Pamela Padilla', '“...” — Krystal Correa, 34, of Miami'); a name found in part
    is the whole run of capitalised words and initials ('― Christina N Luis Olidem')."""
    dash = _SIGNATURE_DASH.match(speech.text, span.end)
    if dash is None:
        return _NONE
    line_end = speech.text.find("\n", dash.end())
    line_end = len(speech.text) if line_end < 0 else line_end
    for speaker in speech.candidates(dash.end(), line_end):
        if speaker.start != dash.end() or speaker.how == "pronoun":
            continue
        if _SIGNATURE_END.match(speech.text, speaker.end):
            return _Attribution(speaker, dash, SIGNATURE)
        more = _SIGNATURE_MORE.match(speech.text, speaker.end)  # '― Christina N Luis Olidem'
        if more.end() > speaker.end and _SIGNATURE_END.match(speech.text, more.end()):
            name = speech.text[speaker.start : more.end()]
            return _Attribution(
                Speaker(name, name, speaker.start, more.end(), "name"), dash, SIGNATURE
            )
    return _NONE


def _ranked(ranker: SpeakerRanker, span: Span, found: list[_Found]) -> _Attribution:
    """The learned ranker's speaker for a quote the rules leave unattributed (the speaker
    of the quote before it is one of its features)."""
    previous = next((q.attribution.speaker for q in reversed(found) if q.direct), None)
    speaker = ranker.speaker(span, None if previous is None else previous.name)
    return _NONE if speaker is None else _Attribution(speaker, None, RANKED)


def _title(quoted: str) -> bool:
    """Whether quoted words are a title, not speech ("“The Physics of Star Trek”", "“A Tree
    Grows in Brooklyn”"): most of its longer words start with a capital, and it is not
    shouted in capitals ("“GREAT PROGRESS MADE!!!”")."""
    longer = [w for w in _WORD.findall(quoted) if len(w) >= MIN_TITLE_CASE_WORD]
    capitals = sum(w[0].isupper() for w in longer)
    return len(longer) >= 2 and capitals >= TITLE_CASE_SHARE * len(longer) and not quoted.isupper()


def _in_headline(speech: ArticleSpeech, span: Span, headline: int) -> _Attribution:
    """A headline's quote is the words of the subject of the verb it hangs on, by the
    headline convention ("Putin offers ‘direct talks’", "Trump touts ‘total reset’"): the
    first verb above the quote's first word in the parse, its subject an actor or person."""
    if speech.doc is None:
        return _NONE
    inner = speech.doc.char_span(span.start, span.end, alignment_mode="expand")
    if inner is None or not len(inner):
        return _NONE
    verb = inner.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or span.start <= verb.idx < span.end:
        return _NONE
    speaker = speech.parsed_speaker(token_span(verb), Span(0, headline))
    if speaker is None or speaker.how == SOURCE:
        return _NONE
    written = re.compile(re.escape(verb.text)).match(speech.text, verb.idx)
    return _NONE if written is None else _Attribution(speaker, written, HEADLINE)


def _attribute(
    speech: ArticleSpeech, spans: list[Span], number: int, found: list[_Found]
) -> _Attribution:
    """Who said quote ``number``: in its own sentences, then (quote-only paragraph) the
    sentence before, then the start of the sentence after."""
    span = spans[number]
    first = speech.sentence_at(span.start)
    last = speech.sentence_at(span.end - 1)
    sentence_start, _ = speech.bounds(first)
    _, sentence_end = speech.bounds(last)
    following = spans[number + 1].start if number + 1 < len(spans) else sentence_end
    after_hi = min(following, sentence_end)  # the spans are in order: only the next counts
    tag = [
        v
        for v in _verbs(speech, span.end, after_hi)
        if len(_WORD.findall(speech.text[span.end : v.start()])) <= MAX_TAG_WORDS
        or speech.subject_fills(span.end, v.start())
    ]
    if _SUBORDINATE_TAG.match(speech.text, span.end):
        tag = []  # '“That makes me smart,” when Clinton blasted him': no tag of the quote
    after = _attributed(speech, tag, span.end, after_hi, "same sentence")
    if after.speaker is not None:
        return after
    earlier = [q for q in found if q.end > sentence_start]
    lo = max([sentence_start, *(q.end for q in earlier)])
    lead = [
        v
        for v in reversed(_verbs(speech, lo, span.start))
        if len(_WORD.findall(speech.text[v.end() : span.start])) <= MAX_LEAD_WORDS
    ]
    before = _attributed(speech, lead, lo, span.start, "same sentence")
    if before.speaker is not None:
        return before
    opening = _opening_clause(speech, lead, span, sentence_end)
    if opening.speaker is not None:
        return opening
    if earlier and earlier[-1].attribution.speaker is not None:
        return earlier[-1].attribution  # '... added that X “...,” and that Y “...”'
    if speech.text[span.start : span.end].rstrip(_MARKS).endswith(("?", "!")):
        tagged = _next(speech, last)  # '“... fight?” Medinsky reportedly told ...'
        if tagged.speaker is not None:
            return tagged
    if first > 0 and (speech.quote_only_paragraph(span.start) or _whole_sentences(speech, span)):
        return _previous(speech, first, found)
    return _next(speech, last)


def _opening_clause(
    speech: ArticleSpeech, lead: list[re.Match[str]], span: Span, sentence_end: int
) -> _Attribution:
    """The speaker of a quote in a participle clause that opens its sentence, named right
    after the clause ('Describing the session as “very good” and “friendly, but
    constructive,” Trump posted'): the first speaker after the quote with nothing but
    quotations, "and" or "or" between."""
    sentence_start = speech.bounds(speech.sentence_at(span.start))[0]
    for verb in lead:
        opens = not _WORD.search(speech.text, sentence_start, verb.start())
        if not (opens and verb.group().lower().endswith("ing")):
            continue
        for speaker in speech.candidates(span.end, sentence_end):
            between = [
                word.group().lower()
                for word in _WORD.finditer(speech.text, span.end, speaker.start)
                if not speech.inside_quote(*word.span())
            ]
            if speaker.how != "pronoun" and set(between) <= {"and", "or"}:
                return _Attribution(speaker, verb, "same sentence")
            break
    return _NONE


def _whole_sentences(speech: ArticleSpeech, span: Span) -> bool:
    """Whether the sentences ``span`` runs over hold no words outside quotation marks."""
    start, _ = speech.bounds(speech.sentence_at(span.start))
    _, end = speech.bounds(speech.sentence_at(span.end - 1))
    text = speech.text
    return not _WORD.search(text, start, span.start) and not _WORD.search(text, span.end, end)


def _previous(speech: ArticleSpeech, row: int, found: list[_Found]) -> _Attribution:
    """The speaker of a quote-only paragraph: the speaker of a quote ending in the sentence
    before, else the speaker of an attribution verb there ("Yermak added:")."""
    start, end = speech.bounds(row - 1)
    for quote in reversed(found):
        if start < quote.end <= end + 1 and quote.attribution.speaker is not None:
            return quote.attribution._replace(where="previous sentence")
    verbs = _verbs(speech, start, end)
    return _attributed(speech, verbs, start, end, "previous sentence")


def _next(speech: ArticleSpeech, row: int) -> _Attribution:
    """The attribution at the very start of the next sentence ('“... fight?” Medinsky
    reportedly told the delegation')."""
    if row + 1 >= len(speech.sentences):
        return _NONE
    start, end = speech.bounds(row + 1)
    verbs = [
        v
        for v in _verbs(speech, start, end)
        if len(_WORD.findall(speech.text[start : v.start()])) <= 3
    ]
    return _attributed(speech, verbs[:1], start, end, "next sentence")


def _reported(speech: ArticleSpeech, direct: list[_Found]) -> list[_Found]:
    """Reported speech: one piece per sentence at most, from the first attribution verb
    with a speaker and a complement, not already introducing a direct quote."""
    used = {q.attribution.verb.start() for q in direct if q.attribution.verb is not None}
    found: list[_Found] = []
    for row in range(len(speech.sentences)):
        lo, hi = speech.bounds(row)
        for verb in _verbs(speech, lo, hi):
            if verb.start() in used:
                continue
            speaker = speech.speaker_for(Span(*verb.span()), Span(lo, hi))
            if speaker is None:
                continue
            content = _complement(speech.text, verb, speaker, lo, hi)
            if content is None or _mostly_quoted(content, direct):
                continue
            start, end = content
            attribution = _Attribution(speaker, verb, "same sentence")
            found.append(_Found(speech.text[start:end], attribution, False, start, end))
            break
    return found


def _complement(
    text: str, verb: re.Match[str], speaker: Speaker, lo: int, hi: int
) -> tuple[int, int] | None:
    """``(start, end)`` of what the speaker is reported to have said, or None."""
    lemma = lookup(verb.group()).lemma
    first = min(speaker.start, verb.start())
    last = max(speaker.end, verb.end())
    head = text[lo:first].rstrip()
    tail = text[last:hi]
    if head.endswith(",") and _CLOSING_TAIL.match(tail) and lemma != "according to":
        span = (lo, lo + len(head) - 1)  # "..., Turkey's Foreign Ministry said."
    elif lemma == "according to":
        comma = tail.find(",")
        if head.endswith(",") or (head == "" and comma < 0):
            span = (lo, lo + len(head.rstrip(","))) if head else (last, hi)
        elif comma >= 0 and not _WORD.search(tail[:comma]):
            span = (last + comma + 1, hi)
        else:
            return None
    else:
        span = _forward(text, verb, lemma, last, hi)
        if span is None:
            return None
        if _SUBORDINATE.match(text, lo) and "," not in text[lo : verb.start()]:
            comma = text.find(",", span[0], hi)  # "While X had said ..., Trump adopted ..."
            span = (span[0], hi if comma < 0 else comma)
    start, end = span
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    if len(_WORD.findall(text[start:end])) < MIN_REPORTED_WORDS:
        return None
    return start, end


def _forward(
    text: str, verb: re.Match[str], lemma: str, after: int, hi: int
) -> tuple[int, int] | None:
    """The clause after the verb: after "that" within a few words, or straight after the
    verb (and its object, for "told reporters") for verbs that take a bare clause."""
    tail = text[after:hi]
    that = _THAT.search(tail)
    lead = tail[: that.start()] if that is not None else ""
    if that is not None and len(_WORD.findall(lead)) <= 8 and not _LEAD_BARRIER.search(lead):
        return after + that.end(), hi
    if lemma not in _CLAUSE_VERBS:
        return None
    offset = 0
    if lemma == "tell":
        obj = _OBJECT.match(tail)
        if obj is None:
            return None
        offset = obj.end()
    rest = tail[offset:].lstrip()
    if not _CLAUSE_START.match(rest):
        return None
    return hi - len(rest), hi


def _mostly_quoted(content: tuple[int, int], direct: list[_Found]) -> bool:
    """Whether direct quotes cover at least half of ``content``."""
    start, end = content
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in direct)
    return inside * 2 >= end - start
