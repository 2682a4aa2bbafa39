"""Speaker kinds: what kind of voice each quote gives (an official, a politician, an expert,
a journalist, a citizen, an anonymous source), and how varied an outlet's voices are.

:func:`speaker_roles` reads each quote's speaker kind from the words written next to the
speaker, with the role words of ``analysis/data/speaker_kinds.toml`` (the file says how);
:func:`voice_kinds` sums them per outlet (or group of outlets) as shares of quotes and of
quoted words; :func:`voice_diversity` gives each outlet's number of distinct speakers and the
diversity of its speaker kinds (normalised Shannon entropy, 0..1, higher = voices spread more
evenly over the kinds) with a 95% bootstrap interval over articles.

Unattributed quotes (no speaker) are no voice: their role is ``unattributed`` and the
summaries leave them out.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis import schema as S

UNATTRIBUTED = "unattributed"
ANONYMOUS = "anonymous"
UNKNOWN = "unknown"
#: The kinds a voice can be, in the order charts and tables show them.
ROLES: tuple[str, ...] = (
    "official",
    "politician",
    "expert",
    "journalist",
    "citizen",
    ANONYMOUS,
    UNKNOWN,
)
#: The kinds the diversity index spreads over ("unknown" is no kind of voice).
KNOWN_ROLES: tuple[str, ...] = ROLES[:-1]
#: Where a role was read (``role_from``), most direct first.
FROM_SPEAKER = "speaker as written"
FROM_TITLE = "title"
FROM_DESCRIPTION = "description"
FROM_LABEL = "label"
#: A speaker the quote finder gives a body to speak for (``on_behalf_of``) speaks as an
#: official of it when no role word says otherwise.
FROM_BEHALF = "on behalf of"
FROM_OTHER_QUOTES = "other quotes"
FROM_ACTOR_KIND = "actor kind"
FROM_NOTHING = ""
#: Most words of a title before a name ("former U.S. Secretary of State") that are read.
TITLE_WORDS = 6
#: Most words of a description after a name ("X, a senior fellow at the ... Institute,").
DESCRIPTION_WORDS = 15
#: Words after a name that start a description without a comma ("X of the ... Institute").
_LINKS = re.compile(r"\s+(?:of|from|at|with)\s")
_BREAK = re.compile(r"[.;:!?\"“”()\[\]—–]|,")
_WORD = re.compile(r"\S+")
#: The words a description set off by a comma may start with ("X, a professor at ...", "X,
#: who ..."); it may also start with a capital or a digit ("X, Russia's ...") or a role word
#: ("X, spokesman for ..."), and otherwise ("X, speaking to reporters,") is no description.
_DESCRIPTION_STARTS = frozenset(
    {"a", "an", "the", "his", "her", "its", "their", "one", "who", "whose", "former", "then"}
    | {"now", "also", "once", "long-time", "longtime", "senior", "chief", "top", "deputy"}
)
#: A person described by age alone ("a 45-year-old") speaks as a member of the public.
_AGE = re.compile(r"\b\d{1,3}-year-old\b")
#: Fewest articles with a quote of a known kind for a diversity interval (one article has no
#: variation between articles to resample).
MIN_INTERVAL_ARTICLES = 2
#: Bootstrap resamples of the diversity interval, and their seed.
RESAMPLES = 1000
SEED = 0

#: The columns of :func:`outlet_roles`: the ``speaker_roles`` table's and the speaker.
ROLE_COLUMNS: S.Columns = (S.ARTICLE_ID, S.QUOTE_ID, S.SPEAKER, S.ROLE, S.ROLE_CUE, S.ROLE_FROM)
KIND_COLUMNS: S.Columns = (S.OUTLET, S.ROLE, S.QUOTES, S.WORDS, S.SHARE_QUOTES, S.SHARE_WORDS)
DIVERSITY_COLUMNS: S.Columns = (
    S.OUTLET,
    S.ARTICLES,
    S.QUOTES,
    S.SPEAKERS,
    S.KIND_DIVERSITY,
    S.CI_LOW,
    S.CI_HIGH,
    S.SPEAKER_EVENNESS,
)


class RoleWords(NamedTuple):
    """The role words of each kind (``kinds``, in precedence order), the actor kinds that
    speak as a body (``bodies``) and the words of a body's name that make it an outlet or an
    academic body (``body_names``)."""

    kinds: dict[str, tuple[str, ...]]
    bodies: frozenset[str]
    body_names: dict[str, tuple[str, ...]]


class _Cue(NamedTuple):
    role: str
    cue: str
    distance: int


@cache
def role_words() -> RoleWords:
    """The built-in role words (``analysis/data/speaker_kinds.toml``)."""
    text = resources.files("analysis").joinpath("data/speaker_kinds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return RoleWords(
        {kind: tuple(words) for kind, words in data["kinds"].items()},
        frozenset(data["bodies"]),
        {kind: tuple(words) for kind, words in data["body_names"].items()},
    )


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    longest = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in longest) + r")s?\b", re.IGNORECASE)


def cues_in(text: str, *, words: RoleWords | None = None) -> list[tuple[int, int, str, str]]:
    """Every role word in ``text``: (start, end, role, word as written), longest match at a
    place first, then in the kinds' order."""
    words = words or role_words()
    found = []
    for order, (role, listed) in enumerate(words.kinds.items()):
        for match in _pattern(listed).finditer(text):
            found.append((match.start(), -(match.end() - match.start()), order, role, match[1]))
    found.extend(
        (m.start(), -len(m[0]), len(words.kinds), "citizen", m[0]) for m in _AGE.finditer(text)
    )
    found.sort()
    return [(start, start - length, role, cue) for start, length, _, role, cue in found]


def _nearest(text: str, *, from_end: bool, words: RoleWords) -> _Cue | None:
    """The role word of ``text`` nearest to its end (a title before a name) or its start (a
    description after it)."""
    cues = cues_in(text, words=words)
    if not cues:
        return None
    if from_end:
        start, end, role, cue = max(cues, key=lambda c: (c[1], c[1] - c[0]))
        return _Cue(role, cue, len(text) - end)
    start, end, role, cue = cues[0]
    return _Cue(role, cue, start)


def _title(before: str) -> str:
    """The words right before a name up to the last break (at most :data:`TITLE_WORDS`)."""
    cut = max((m.end() for m in _BREAK.finditer(before)), default=0)
    return " ".join(_WORD.findall(before[cut:])[-TITLE_WORDS:])


def _starts_description(word: str) -> bool:
    return (
        word.lower() in _DESCRIPTION_STARTS
        or word[:1].isupper()
        or word[:1].isdigit()
        or bool(cues_in(word))
    )


def _description(after: str) -> str:
    """The description right after a name: set off by a comma, or led by of/from/at/with."""
    if after.startswith(","):
        rest = after[1:]
        first = _WORD.search(rest)
        if first is None or not _starts_description(first[0]):
            return ""
    elif _LINKS.match(after):
        rest = after
    else:
        return ""
    end = _BREAK.search(rest)
    return " ".join(_WORD.findall(rest[: end.start() if end else len(rest)])[:DESCRIPTION_WORDS])


def context_role(
    sentence: str, name: str, *, words: RoleWords | None = None
) -> tuple[_Cue, str] | None:
    """The role written next to ``name`` in ``sentence`` (its title before it, its
    description after it, the nearer one winning) and where it was read, or None."""
    words = words or role_words()
    at = sentence.find(name) if name else -1
    if at < 0:
        return None
    title = _nearest(_title(sentence[:at]), from_end=True, words=words)
    described = _nearest(_description(sentence[at + len(name) :]), from_end=False, words=words)
    options = [
        (cue, where) for cue, where in ((title, FROM_TITLE), (described, FROM_DESCRIPTION)) if cue
    ]
    if not options:
        return None
    return min(options, key=lambda option: option[0].distance)


def _body_role(name: str, words: RoleWords) -> str:
    for role, listed in words.body_names.items():
        if _pattern(listed).search(name):
            return role
    return "official"


def _label_role(labels: list[str], words: RoleWords) -> _Cue | None:
    """The role of the most frequent kind among the article's labels of the speaker."""
    cues = [_nearest(label, from_end=True, words=words) for label in labels]
    found = [cue for cue in cues if cue is not None]
    if not found:
        return None
    counts = pd.Series([cue.role for cue in found]).value_counts(sort=True)
    role = str(counts.index[0])
    return next(cue for cue in found if cue.role == role)


def _sentence_texts(sentences: pd.DataFrame) -> dict[tuple[str, int], str]:
    keys = zip(sentences[S.ARTICLE_ID].astype(str), sentences[S.SENT_ID].astype(int), strict=True)
    return dict(zip(keys, sentences[S.TEXT].astype(str), strict=True))


def _labels_of(labels: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for article, actor, label in zip(
        labels[S.ARTICLE_ID], labels[S.ACTOR], labels[S.LABEL], strict=True
    ):
        grouped.setdefault((str(article), str(actor)), []).append(str(label))
    return grouped


def _quote_role(
    quote: Mapping[str, object],
    texts: dict[tuple[str, int], str],
    labels: dict[tuple[str, str], list[str]],
    words: RoleWords,
) -> tuple[str, str, str]:
    """(role, cue, where) of one attributed quote from its own words, or unknown."""
    if quote[S.SPEAKER_KIND] == ANONYMOUS:
        return ANONYMOUS, str(quote[S.SPEAKER_TEXT]), FROM_SPEAKER
    written = str(quote[S.SPEAKER_TEXT])
    own = _nearest(written, from_end=True, words=words)
    if own is not None and written != str(quote[S.SPEAKER]):
        return own.role, own.cue, FROM_SPEAKER
    article, sent_id = str(quote[S.ARTICLE_ID]), int(quote[S.SENT_ID])  # type: ignore[call-overload]
    if quote[S.SPEAKER_VIA] != "pronoun":
        for offset in (0, 1, -1):
            found = context_role(texts.get((article, sent_id + offset), ""), written, words=words)
            if found is not None:
                return found[0].role, found[0].cue, found[1]
    labelled = _label_role(labels.get((article, str(quote[S.SPEAKER])), []), words)
    if labelled is not None:
        return labelled.role, labelled.cue, FROM_LABEL
    body = str(quote.get(S.ON_BEHALF_OF) or "")
    if body and body != str(quote[S.SPEAKER]):
        return "official", body, FROM_BEHALF
    return UNKNOWN, "", FROM_NOTHING


def article_roles(
    quotes: pd.DataFrame,
    sentences: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    words: RoleWords | None = None,
) -> pd.DataFrame:
    """The ``speaker_roles`` table: one row per quote (:data:`analysis.schema.
    SPEAKER_ROLE_COLUMNS`) with the role its own article gives it: ``role`` (one of
    :data:`ROLES`, or ``unattributed``), the ``role_cue`` that decided it (the role word as
    written, or the unnamed source) and ``role_from``, where it was read: the speaker as
    written, the title before the name or the description after it in the quote's sentence
    (or the next or previous one), the article's labels of the speaker, or nothing
    (``unknown``; :func:`outlet_roles` fills it in from the outlet)."""
    words = words or role_words()
    if quotes.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in S.SPEAKER_ROLE_COLUMNS}).astype(
            {S.QUOTE_ID: "int64"}
        )
    texts = _sentence_texts(sentences)
    labelled = _labels_of(labels)
    rows = []
    for quote in quotes.to_dict("records"):
        if quote[S.SPEAKER_KIND] == UNATTRIBUTED or quote[S.SPEAKER] == UNATTRIBUTED:
            rows.append((UNATTRIBUTED, "", FROM_NOTHING))
        else:
            rows.append(_quote_role(quote, texts, labelled, words))
    frame = quotes[[S.ARTICLE_ID, S.QUOTE_ID]].reset_index(drop=True)
    found = pd.DataFrame(rows, columns=[S.ROLE, S.ROLE_CUE, S.ROLE_FROM], dtype="object")
    return pd.concat([frame, found], axis=1)[list(S.SPEAKER_ROLE_COLUMNS)]


def outlet_roles(
    roles: pd.DataFrame,
    quotes: pd.DataFrame,
    labels: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    words: RoleWords | None = None,
) -> pd.DataFrame:
    """The rows of ``roles`` (the ``speaker_roles`` table, :func:`article_roles`) with their
    quote's ``speaker`` (:data:`ROLE_COLUMNS`), an unknown role filled in from the outlet:
    the same speaker's most frequent role in the outlet's other quotes (``other quotes``),
    else the speaker's labels in the outlet's other articles (``label``), else the actor
    kind (``actor kind``: a country or organisation speaks as an official body, a journalist
    or an expert when its name says so, the ``role_cue`` then its name). Each outlet's rows
    are filled from that outlet's alone."""
    words = words or role_words()
    keys = [S.ARTICLE_ID, S.QUOTE_ID]
    frame = roles.merge(quotes[[*keys, S.SPEAKER, S.SPEAKER_KIND]], on=keys, how="inner")
    if frame.empty:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in ROLE_COLUMNS})
    return _filled(frame, frame[S.SPEAKER_KIND], articles, labels, words)[list(ROLE_COLUMNS)]


def speaker_roles(
    quotes: pd.DataFrame,
    sentences: pd.DataFrame,
    labels: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    words: RoleWords | None = None,
) -> pd.DataFrame:
    """Each quote's role from its article and its outlet (:func:`article_roles`, then
    :func:`outlet_roles`): one row per quote, :data:`ROLE_COLUMNS`."""
    found = article_roles(quotes, sentences, labels, words=words)
    return outlet_roles(found, quotes, labels, articles, words=words)


def _outlet_labels(
    labels: pd.DataFrame, outlets: pd.Series, wanted: set[tuple[str, str]]
) -> dict[tuple[str, str], list[str]]:
    """The labels of the (outlet, actor) pairs ``wanted`` in every article of the outlet."""
    frame = labels.assign(_outlet=labels[S.ARTICLE_ID].map(outlets))
    grouped: dict[tuple[str, str], list[str]] = {}
    for outlet, actor, label in zip(frame["_outlet"], frame[S.ACTOR], frame[S.LABEL], strict=True):
        if (outlet, actor) in wanted:
            grouped.setdefault((str(outlet), str(actor)), []).append(str(label))
    return grouped


def _filled(
    frame: pd.DataFrame,
    kinds: pd.Series,
    articles: pd.DataFrame,
    labels: pd.DataFrame,
    words: RoleWords,
) -> pd.DataFrame:
    """Unknown roles taken from the same speaker's other quotes in the same outlet, then from
    the labels of the speaker in the outlet's other articles, then from the actor kind of a
    body."""
    outlets = articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    outlet = frame[S.ARTICLE_ID].map(outlets)
    known = frame[~frame[S.ROLE].isin([UNKNOWN, UNATTRIBUTED, ANONYMOUS])].assign(_outlet=outlet)
    usual = (
        known.groupby(["_outlet", S.SPEAKER])[S.ROLE]
        .agg(lambda roles: roles.value_counts().index[0])
        .to_dict()
    )
    unknown = np.flatnonzero((frame[S.ROLE] == UNKNOWN).to_numpy())
    wanted = {(str(outlet.iat[row]), str(frame[S.SPEAKER].iat[row])) for row in unknown}
    in_outlet = _outlet_labels(labels, outlets, wanted)
    result = frame.copy()
    columns = result.columns.get_indexer([S.ROLE, S.ROLE_CUE, S.ROLE_FROM])
    for row in unknown:
        speaker = str(frame[S.SPEAKER].iat[row])
        role = usual.get((outlet.iat[row], speaker))
        labelled = _label_role(in_outlet.get((str(outlet.iat[row]), speaker), []), words)
        if role is not None:
            result.iloc[row, columns] = [role, "", FROM_OTHER_QUOTES]
        elif labelled is not None:
            result.iloc[row, columns] = [labelled.role, labelled.cue, FROM_LABEL]
        elif str(kinds.iat[row]) in words.bodies:
            result.iloc[row, columns] = [_body_role(speaker, words), speaker, FROM_ACTOR_KIND]
    return result


def _voiced(roles: pd.DataFrame, quotes: pd.DataFrame, units: pd.Series) -> pd.DataFrame:
    """The attributed quotes with their role, words and unit (outlet or group)."""
    frame = roles.merge(quotes[[S.ARTICLE_ID, S.QUOTE_ID, S.WORDS]], on=[S.ARTICLE_ID, S.QUOTE_ID])
    frame = frame[frame[S.ROLE] != UNATTRIBUTED]
    return frame.assign(**{S.OUTLET: frame[S.ARTICLE_ID].map(units)}).dropna(subset=[S.OUTLET])


def _units(articles: pd.DataFrame, groups: Mapping[str, str] | None) -> pd.Series:
    """Each article's unit: its outlet, or its outlet's group (outlets in no group: none)."""
    outlets = articles.set_index(S.ARTICLE_ID)[S.OUTLET]
    return outlets if groups is None else outlets.map(groups)


def voice_kinds(
    roles: pd.DataFrame,
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    groups: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per outlet (or, with ``groups``, outlet -> group name, per group, in the
    ``outlet`` column) and speaker kind of :data:`ROLES` (:data:`KIND_COLUMNS`): its
    attributed quotes, their words, and its ``share_quotes`` and ``share_words`` of the
    unit's attributed quotes and quoted words (0..1; each unit's shares add up to 1). Units
    in name order, kinds in :data:`ROLES` order; units with no attributed quote have no
    rows."""
    frame = _voiced(roles, quotes, _units(articles, groups))
    if frame.empty:
        return pd.DataFrame({column: pd.Series(dtype="object") for column in KIND_COLUMNS})
    counts = frame.groupby([S.OUTLET, S.ROLE]).agg(
        **{S.QUOTES: (S.WORDS, "size"), S.WORDS: (S.WORDS, "sum")}
    )
    index = pd.MultiIndex.from_product(
        [sorted(frame[S.OUTLET].unique()), list(ROLES)], names=[S.OUTLET, S.ROLE]
    )
    table = counts.reindex(index, fill_value=0).astype("int64").reset_index()
    by_unit = table.groupby(S.OUTLET)
    table[S.SHARE_QUOTES] = table[S.QUOTES] / by_unit[S.QUOTES].transform("sum").clip(lower=1)
    table[S.SHARE_WORDS] = table[S.WORDS] / by_unit[S.WORDS].transform("sum").clip(lower=1)
    return table[list(KIND_COLUMNS)]


def normalised_entropy(counts: np.ndarray, categories: int) -> np.ndarray:
    """Shannon entropy of each row of ``counts`` over ``categories`` categories divided by
    its maximum, log(categories): 0 (every count in one category) .. 1 (spread evenly); NaN
    for a row with no count."""
    counts = np.atleast_2d(np.asarray(counts, dtype=float))
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(shares > 0, shares * np.log(shares), 0.0)
    entropy = -terms.sum(axis=1) / np.log(max(categories, 2))
    return np.where(totals[:, 0] > 0, entropy, np.nan)


def _interval(per_article: np.ndarray, *, resamples: int, seed: int) -> tuple[float, float]:
    """95% bootstrap interval of the kind diversity, articles resampled with replacement."""
    articles = len(per_article)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(articles, np.full(articles, 1 / articles), size=resamples)
    values = normalised_entropy(weights @ per_article, per_article.shape[1])
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return float("nan"), float("nan")
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def voice_diversity(
    roles: pd.DataFrame,
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    groups: Mapping[str, str] | None = None,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per outlet (or group, as :func:`voice_kinds`) with an attributed quote
    (:data:`DIVERSITY_COLUMNS`): its articles, attributed quotes, distinct ``speakers``, the
    ``kind_diversity`` of its quotes over :data:`KNOWN_ROLES` (normalised Shannon entropy,
    0..1, higher = more even; "unknown" left out, NaN when every speaker is unknown) with
    ``ci_low``/``ci_high``, its 95% bootstrap interval over the unit's articles (articles,
    not quotes, are resampled: the quotes of one article are not independent; NaN with fewer
    than :data:`MIN_INTERVAL_ARTICLES` articles quoting a known kind), and
    ``speaker_evenness``, the normalised entropy of its quotes over its speakers (0..1; NaN
    with one speaker)."""
    units = _units(articles, groups)
    frame = _voiced(roles, quotes, units)
    rows = []
    for unit, quoted in frame.groupby(S.OUTLET, sort=True):
        unit_articles = units.index[units == unit]
        known = quoted[quoted[S.ROLE].isin(KNOWN_ROLES)]
        table = pd.crosstab(known[S.ARTICLE_ID], known[S.ROLE])
        table = table.reindex(index=unit_articles, columns=list(KNOWN_ROLES), fill_value=0)
        counts = table.to_numpy(dtype=float)
        diversity = float(normalised_entropy(counts.sum(axis=0), len(KNOWN_ROLES))[0])
        quoting = int((counts.sum(axis=1) > 0).sum())
        low, high = (
            _interval(counts, resamples=resamples, seed=seed)
            if quoting >= MIN_INTERVAL_ARTICLES
            else (float("nan"), float("nan"))
        )
        speakers = quoted[S.SPEAKER].value_counts().to_numpy()
        evenness = (
            float(normalised_entropy(speakers, len(speakers))[0]) if len(speakers) > 1 else np.nan
        )
        rows.append(
            (unit, len(unit_articles), len(quoted), len(speakers), diversity, low, high, evenness)
        )
    return pd.DataFrame(rows, columns=list(DIVERSITY_COLUMNS)).astype(
        {S.ARTICLES: "int64", S.QUOTES: "int64", S.SPEAKERS: "int64"}
    )
