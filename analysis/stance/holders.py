"""Holders: whose position a stance cue states.

A cue's holder is the actor who is its subject in the parse (else the nearest actor mention
before it in the clause, appositions skipped), a "he" / "she" resolved to a person, or, for
"I" / "we" inside a quotation, the quote's speaker, with the actors coordinated with it; a
cue noun's owner holds it ("Kyiv's ceasefire plan", "the backing of Trump"); a passive
subject and the one asked to act ("waiting for Russia to announce") hold nothing. A speaker
who reports their own side's position holds it ("Medinsky said both sides agreed to ...",
"according to X"), and "we", "they" and "both sides" include the countries and
organisations the speaker's title and description name; a body that acts for a country
gives the country the position too ("China's Ministry of Commerce").
"""

from __future__ import annotations

import re

import pandas as pd
from spacy.tokens import Token

from analysis import schema as S
from analysis.entities import country_of
from analysis.speech import SOURCE, ArticleSpeech, Speaker, first_person, token_span, verbs_in
from analysis.stance.cues import ACTION_WINDOW, Sentence, backers_of, cue_lists
from analysis.text import Span

#: Most words between a holder and its cue ("the Kremlin stated that the Russian side
#: continues preparations").
HOLDER_GAP_WORDS = 7
#: Speakers that hold no stance: names that are no actor, unnamed sources.
_NOT_HOLDERS = frozenset({"name", SOURCE})
#: Participles that say the subject's state, not what was done to it ("is prepared for talks").
_STATE_PARTICIPLES = frozenset({"prepare", "commit", "interest", "determine", "open"})
#: Kinds of actor a speaker speaks for when they say "we" or "our side" (see :func:`_affiliation`).
_SIDES = frozenset({"country", "organisation"})
#: Dependencies that leave a person's description (see :func:`_description`).
_NOT_DESCRIPTION = frozenset({"prep", "punct", "cc", "conj", "advcl", "advmod", "npadvmod"})
#: Possessives by which a quote's speaker names what a cue acts on as their own.
_FIRST_PERSON_OWNERS = frozenset({"our", "my"})
_COORDINATION = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


def quote_speakers(quotes: pd.DataFrame | None) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of the attributed direct quotes of an article; an unnamed
    speaker who speaks for a body ("a State Department spokesperson") is that body."""
    if quotes is None:
        return []
    speakers = quotes[S.SPEAKER]
    if S.ON_BEHALF_OF in quotes and S.SPEAKER_KIND in quotes:
        unnamed = (quotes[S.SPEAKER_KIND] == "anonymous") & (quotes[S.ON_BEHALF_OF] != "")
        speakers = speakers.where(~unnamed, quotes[S.ON_BEHALF_OF])
    return [
        (int(start), int(end), speaker)
        for start, end, speaker in zip(quotes[S.START], quotes[S.END], speakers, strict=True)
        if speaker != "unattributed"
    ]


def _infinitive(speech: ArticleSpeech, start: int, end: int) -> bool:
    """Whether the speech verb at ``[start, end)`` is an infinitive ("waiting for Russia to
    announce"): something expected or asked of its subject, not said."""
    if speech.doc is None:
        return False
    span = speech.doc.char_span(start, end, alignment_mode="expand")
    return (
        span is not None
        and len(span) > 0
        and span[0].tag_ == "VB"
        and any(child.dep_ == "aux" and child.lower_ == "to" for child in span[0].children)
    )


def own_side(speech: ArticleSpeech, clause: Token, speaker: Speaker) -> list[Speaker] | None:
    """Whether ``clause`` reports the speaker's own side: its subject is absent, "we",
    "they", the speaker, or an :data:`own_side` noun ("the Russian delegation"). The actors
    such a noun names (Russia) are returned with it; None when the subject is another
    actor, a noun of something else or "there" ("there would be no movement": a forecast)."""
    if any(child.dep_ == "expl" for child in clause.children):
        return None
    subjects = [child for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return []
    subject = subjects[0]
    if subject.lower_ == "i":
        return []
    if subject.lower_ in ("we", "they"):
        return _affiliation(speech, speaker)
    found = speech.speaker_of(subject)
    if found is not None and found.how not in _NOT_HOLDERS and found.name == speaker.name:
        return []
    if not cue_lists().own_side.find([subject.lower_]):
        return None
    if found is None or found.how in _NOT_HOLDERS:
        return _affiliation(speech, speaker)
    return [found]


def _affiliation(speech: ArticleSpeech, speaker: Speaker) -> list[Speaker]:
    """The countries and organisations the speaker is described by ("Russian presidential
    aide Vladimir Medinsky, who headed Moscow's delegation": Russia; "U.S. Trade
    Representative Jamieson Greer": United States): the side a speaker's "we", "they" or
    "both sides" includes."""
    span = speech.parsed(speaker.start, speaker.end)
    if span is None:
        return []
    words = [w for w in _description(span.root) if not span.start <= w.i < span.end]
    if not words:
        return []
    mentions = {
        c.start: c
        for c in speech.candidates(words[0].idx, words[-1].idx + len(words[-1]))
        if c.how == "actor" and speech.kinds.get(c.name) in _SIDES
    }
    found: dict[str, Speaker] = {}
    for word in words:
        side = mentions.get(word.idx)
        country = "" if side is not None else country_of(word)
        if country:
            side = Speaker(country, word.text, word.idx, word.idx + len(word), "actor")
        if side is not None and side.name != speaker.name:
            found.setdefault(side.name, side)
    return list(found.values())


def _description(name: Token) -> list[Token]:
    """The words that describe a named person: titles before the name, an apposition and a
    relative clause with its object ("who leads Russia's delegation"), without the
    prepositional phrases that say where or with whom ("in talks with Ukraine"); in order."""
    words = [name]
    for child in name.children:
        if child.dep_ not in _NOT_DESCRIPTION:
            words += _description(child)
    return sorted(words, key=lambda t: t.i)


def reporting_holders(
    speech: ArticleSpeech,
    sentence: Sentence,
    i: int,
    reporters: list[tuple[int, int, Speaker]],
) -> list[Speaker]:
    """The speaker whose own side's position the cue at token ``i`` states when the cue has
    no actor subject: the cue is in the clause a speech verb governs and that clause's
    subject is the speaker's side ("Medinsky said both sides agreed to ...")."""
    if speech.doc is None:
        return []
    span = speech.doc.char_span(*sentence.spans[i], alignment_mode="expand")
    if span is None or not len(span):
        return []
    token = span[0]
    if expected_of(token):
        return []
    while token.dep_ not in ("ccomp", "ROOT") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "ccomp":
        return _according(speech, sentence, token)
    verb = token.head
    found = []
    for start, end, speaker in reporters:
        sides = own_side(speech, token, speaker) if start <= verb.idx < end else None
        if sides is not None:
            found += [speaker, *sides]
    return found


def _according(speech: ArticleSpeech, sentence: Sentence, clause: Token) -> list[Speaker]:
    """The source of "according to X" on ``clause`` when the clause states X's own side's
    position ("According to Medinsky, the Russian side is ready to resume ...")."""
    for child in clause.children:
        if child.lower_ == "according":
            source = speech.parsed_speaker(token_span(child), sentence.span)
            if source is None or source.how in _NOT_HOLDERS:
                continue
            sides = own_side(speech, clause, source)
            if sides is not None:
                return [source, *sides]
    return []


def _quote_speaker(offset: int, speakers: list[tuple[int, int, str]]) -> str | None:
    return next((name for start, end, name in speakers if start <= offset < end), None)


def cue_holders(
    speech: ArticleSpeech, sentence: Sentence, i: int, speakers: list[tuple[int, int, str]]
) -> list[Speaker]:
    """The actors whose position the cue at token ``i`` states: its holder and the actors
    coordinated with it, by position or in the parse ("Both Trump and Putin have said they
    are keen to meet", "The United States and China have agreed ...", "China and the United
    States would establish ...") and the country a body acting for it names ("China's
    Ministry of Commerce": China)."""
    holder = _holder(speech, sentence, i, speakers)
    if holder is None:
        return []
    holders = [holder]
    for candidate in reversed(speech.candidates(sentence.start, holder.start)):
        between = speech.text[candidate.end : holders[-1].start]
        if candidate.how in _NOT_HOLDERS or not _COORDINATION.fullmatch(between):
            break
        holders.append(candidate)
    last = holder
    for candidate in speech.candidates(holder.end, sentence.spans[i][0]):
        between = speech.text[last.end : candidate.start]
        if candidate.how in _NOT_HOLDERS or not _COORDINATION.fullmatch(between):
            break
        holders.append(candidate)
        last = candidate
    return with_sides(speech, holders + conjoined(speech, holder))


def with_sides(speech: ArticleSpeech, holders: list[Speaker]) -> list[Speaker]:
    """``holders`` (each name once) and the country each body among them acts for: a
    mention headed by an :data:`own_side` noun ("China's Ministry of Commerce", "the Russian
    Foreign Ministry") gives the country its name or description names the position too."""
    found = {holder.name: holder for holder in holders}
    for holder in holders:
        span = speech.parsed(holder.start, holder.end)
        if span is None or not cue_lists().own_side.find([span.root.lower_]):
            continue
        named = [
            Speaker(country, token.text, token.idx, token.idx + len(token), "actor")
            for token in span
            if (country := country_of(token)) and country != holder.name
        ]
        for side in [*named, *_affiliation(speech, holder)]:
            found.setdefault(side.name, side)
    return list(found.values())


def _holder(
    speech: ArticleSpeech, sentence: Sentence, i: int, speakers: list[tuple[int, int, str]]
) -> Speaker | None:
    """The actor whose position the cue at token ``i`` states, or None. In a quote, a cue
    after "I"/"we" or before "our"/"my" with no other holder is the speaker's."""
    cue_start, cue_end = sentence.spans[i]
    speaker = _quote_speaker(cue_start, speakers)
    for word, (start, end) in reversed(
        list(zip(sentence.words[max(0, i - 3) : i], sentence.spans[max(0, i - 3) : i], strict=True))
    ):
        if first_person(word) and speaker is not None:
            return Speaker(speaker, speech.text[start:end], start, end, "speaker")
    token = cue_token(speech, cue_start, cue_end)
    if token is not None and (_passive(token) or expected_of(token)):
        return None
    if token is not None and backers_of(token):
        return None
    if token is not None and token.pos_ == "NOUN" and _owner(token) is not None:
        return _possessor(speech, token)
    source = None if token is None or token.pos_ != "NOUN" else _source(token)
    if source is not None:  # "Clinton, who drew support from 50 percent of voters": theirs
        lo, hi = source.left_edge.idx, source.right_edge.idx + len(source.right_edge)
        return next((c for c in speech.candidates(lo, hi) if c.how not in _NOT_HOLDERS), None)
    found = speech.speaker_for(
        Span(cue_start, cue_end),
        Span(sentence.start, cue_start),
        sentence.start,
        quoted=speaker is not None,
        max_gap=HOLDER_GAP_WORDS,
        trailing=2,
    )
    if found is not None and found.how not in _NOT_HOLDERS and not _names_backed(speech, found):
        return found
    if speaker is None:
        return None
    for n in range(i + 1, min(i + 1 + ACTION_WINDOW, len(sentence.words))):
        if sentence.words[n].lower() in _FIRST_PERSON_OWNERS:  # "a pause for our tariffs"
            start, end = sentence.spans[n]
            return Speaker(speaker, speech.text[start:end], start, end, "speaker")
    return None


def cue_token(speech: ArticleSpeech, start: int, end: int) -> Token | None:
    """The parse's token of a one-word cue at ``[start, end)``; None for a cue of several
    words or without a parse."""
    span = speech.parsed(start, end)
    return span[0] if span is not None and len(span) == 1 else None


def _passive(verb: Token) -> bool:
    """Whether a cue is a passive verb ("Trump had been invited to the meeting"): its subject
    is the one acted on, not the holder. A participle of state ("is prepared to resume", "is
    prepared for talks") is no passive."""
    deps = {child.dep_ for child in verb.children}
    return (
        {"auxpass", "nsubjpass"} <= deps
        and "xcomp" not in deps
        and verb.lemma_ not in _STATE_PARTICIPLES
    )


def expected_of(token: Token) -> bool:
    """Whether a cue is in what someone waits for or asks of another ("waiting for Russia to
    announce its delegation", "waiting for Putin to give a simple 'yes' to the proposal"):
    an infinitive with its own subject after "for" states no position of that subject, nor
    of the one who waits."""
    for verb in [token, *token.ancestors]:
        deps = {(child.dep_, child.lower_) for child in verb.children}
        if ("mark", "for") in deps and any(dep == "nsubj" for dep, _ in deps):
            return True
    return False


def _names_backed(speech: ArticleSpeech, found: Speaker) -> bool:
    """Whether an actor found as a holder only names whom the holders back or oppose: the
    name before a noun of :func:`~analysis.stance.cues.backers_of` ("Clinton supporters
    rejected ...")."""
    span = speech.parsed(found.start, found.end)
    return span is not None and backers_of(span.root.head) and span.root.head.i != span.root.i


def _owner(noun: Token) -> Token | None:
    """Who a cue noun belongs to in the parse: its possessor ("Kyiv's plan") or the object
    of "of" / "by" after it ("the backing of US President Donald Trump", "a proposal by
    Russia"); None when the parse names no one."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("of", "by"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN":
                return objects[0]
    return None


def _source(noun: Token) -> Token | None:
    """The object of "from" on a cue noun or on the verb it is the object of, in the parse:
    who the support or opposition comes from ("drew support from 50 percent of likely
    voters"), not the clause's subject; None when there is none."""
    attached = [*noun.children, *(noun.head.children if noun.dep_ == "dobj" else ())]
    for child in attached:
        if child.dep_ == "prep" and child.lower_ == "from":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _possessor(speech: ArticleSpeech, noun: Token) -> Speaker | None:
    """The holder of a cue noun with an owner (:func:`_owner`): the actor the owner names
    ("Kyiv's ceasefire plan", "Putin's offer"), or None when it names none ("world
    leaders' demands for a ceasefire" are no position of the sentence's subject)."""
    owner = _owner(noun)
    if owner is None:
        return None
    lo = owner.left_edge.idx
    hi = owner.right_edge.idx + len(owner.right_edge)
    return next((c for c in speech.candidates(lo, hi) if c.how not in _NOT_HOLDERS), None)


def speakers_in(speech: ArticleSpeech, sentence: Sentence) -> list[tuple[int, int, Speaker]]:
    """``(start, end, holder)`` of each speech verb or neutral cue with an actor subject."""
    found = []
    cues = [  # "according to X" passes on what X reports of others: no position of X's
        (m.start(), m.end())
        for m in verbs_in(speech.text, sentence.start, sentence.end)
        if not speech.inside_quote(*m.span()) and not m.group().lower().startswith("according")
    ]
    cues += [
        (sentence.spans[i][0], sentence.spans[j - 1][1])
        for i, j, _ in cue_lists().neutral.find(sentence.split)
    ]
    for start, end in sorted(cues):
        if _infinitive(speech, start, end):
            continue
        holder = speech.speaker_for(Span(start, end), sentence.span, sentence.start)
        if holder is not None and holder.how not in _NOT_HOLDERS:
            found += [
                (start, end, each)
                for each in with_sides(speech, [holder, *conjoined(speech, holder)])
            ]
    return found


def conjoined(speech: ArticleSpeech, speaker: Speaker) -> list[Speaker]:
    """The actors coordinated with ``speaker`` in the parse ("Greer and Treasury Secretary
    Scott Bessent revealed ...")."""
    span = speech.parsed(speaker.start, speaker.end)
    if span is None:
        return []
    found = [speech.speaker_of(token) for token in span.root.conjuncts]
    return [s for s in found if s is not None and s.how not in _NOT_HOLDERS and s != speaker]
