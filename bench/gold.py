"""Score quotes, stance and actor sentiment against hand-labelled gold sets in the format of
``../shared/bench/gold-dev/`` (read its README for the conventions), set by set and story by
story.

    python bench/gold.py [--gold DIR ...] [--root DIR] [--topics FILE ...] [--registry FILE]
                         [--sentiment transformer|classifier]

Each gold set is a folder (by default ``gold-dev`` and ``gold-dev-polnear`` of
``../shared/bench/``) holding some of ``quotes_gold.csv``, ``quotes_excluded.csv``,
``stance_gold.csv``, ``stance_gold_none.csv`` and ``sentiment_gold.csv``: a set without a
file is not scored on it (gold-dev-polnear is stance only). The labelled articles (the
``file`` column, relative to ``--root``) are read the way the dashboard reads them (with the
``manifest.csv`` beside them) and analysed with the built-in registry (or ``--registry``) and
the built-in topics plus those of each ``--topics`` file and of the set's own ``topics.toml``,
as a user adds topics for a story of their own. Per set and per story (the manifest's
``story`` column):

- quotes: speaker accuracy over all gold quotes (a quote counts when a quote of the tool
  covers its first characters and the speakers' last words agree), and the share found at all;
  spans listed in ``quotes_excluded.csv`` count neither way. The labels give an unnamed
  spokesperson's words to the body they speak for ("a ministry spokesperson": the ministry):
  for an unnamed speaker (``speaker_kind`` anonymous) the body of ``on_behalf_of`` counts too;
- stance: accuracy over all gold statements, over the core rows (without the tags
  ``actor not named in sentence`` / ``no explicit topic word``, alone or together in one
  bracket: ``[actor not named in sentence; no explicit topic word]``), the share of statements
  matched (given any stance), the stances given on the ``none`` rows (false stances), support
  read as opposition or the reverse (swaps, also as a share of the matched statements) and
  the confusion matrix (``none`` = no statement);
- sentiment: macro-F1 over the (sentence, target) pairs the tool scores, and the share scored.

Each set's figures carry a 95% percentile bootstrap interval over its articles. Higher is
better for every figure except the false stances and the swaps. The last lines, one per set,
are ``<set>: quotes=... stance=... core=... false=... swaps=... sentiment=...``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema as S
from analysis.actors import default_registry, parse_registry, skeleton
from analysis.corpus import load_corpus
from analysis.engine import Engine
from analysis.pipeline import Settings, analyse
from analysis.quotes import ANONYMOUS
from analysis.sentiment import METHODS, TRANSFORMER
from analysis.stance import default_topics, parse_topics

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
#: The gold sets scored when none is named.
GOLD_SETS = (SHARED / "bench" / "gold-dev", SHARED / "bench" / "gold-dev-polnear")
LABELS = ("negative", "neutral", "positive")
STANCES = ("support", "conditional", "neutral", "oppose", "none")
CORE_TAGS = frozenset({"actor not named in sentence", "no explicit topic word"})
#: The files of a gold set and their columns (an absent file is an empty table).
GOLD_FILES = {
    "quotes_gold": ("file", "quote_start", "speaker", "verb", "notes"),
    "quotes_excluded": ("file", "quote_start", "reason"),
    "stance_gold": ("file", "sentence_start", "actor", "topic", "stance", "evidence_note"),
    "stance_gold_none": ("file", "sentence_start", "actor", "topic", "stance", "evidence_note"),
    "sentiment_gold": ("file", "sentence_start", "target", "label", "note"),
}
#: Bootstrap resamples of the articles, and the seed that makes the intervals repeatable.
RESAMPLES = 1000
SEED = 0


def _tags(note: object) -> set[str]:
    """The tags at the end of an evidence note: each bracket holds one or, separated by
    semicolons, several (`[actor not named in sentence; no explicit topic word]`)."""
    return {
        tag.strip()
        for bracket in re.findall(r"\[([^\]]*)\]", note if isinstance(note, str) else "")
        for tag in bracket.split(";")
    }


def _last_word(name: object) -> str:
    """The surname of a name, as its spelling skeleton (the README compares speakers by
    surname; Zelensky, Zelenskyy and Zelenskiy are one surname)."""
    words = str(name).replace("(unnamed)", "").replace("’s", "").replace("'s", "").split()
    return skeleton(words[-1].strip(".,")) if words else ""


@dataclass
class Article:
    """One labelled article with its tables."""

    text: str
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    stance: pd.DataFrame
    sentiment: pd.DataFrame

    def offset(self, start_text: str, note: object = "") -> int:
        """Where ``start_text`` stands in the text (the k-th time for "occurrence k of n")."""
        occurrence = 1
        if isinstance(note, str) and "occurrence " in note:
            occurrence = int(note.split("occurrence ")[1].split()[0])
        at = -1
        for _ in range(occurrence):
            at = self.text.find(start_text, at + 1)
            if at < 0:
                return -1
        return at

    def sentence_at(self, offset: int) -> int | None:
        """The sent_id of the sentence holding ``offset`` (None when none does)."""
        rows = self.sentences[
            (self.sentences[S.START] <= offset) & (self.sentences[S.END] > offset)
        ]
        return None if rows.empty else int(rows[S.SENT_ID].iloc[0])


def _articles(files: list[str], root: Path, settings: Settings) -> dict[str, Article]:
    corpus = load_corpus([root / file for file in files])
    analysis = analyse(corpus, settings, engine=Engine(workers=1))
    by_source = {
        Path(s).name: i
        for s, i in zip(corpus.articles[S.SOURCE], corpus.articles[S.ARTICLE_ID], strict=True)
    }
    texts = dict(zip(corpus.articles[S.ARTICLE_ID], corpus.articles[S.TEXT], strict=True))
    found = {}
    for file in files:
        identifier = by_source.get(Path(file).name)
        if identifier is None:
            continue
        own = {
            name: table[table[S.ARTICLE_ID] == identifier]
            for name, table in (
                ("sentences", analysis.sentences),
                ("quotes", analysis.quotes),
                ("stance", analysis.stance),
                ("actor_sentiment", analysis.actor_sentiment),
            )
        }
        found[file] = Article(
            texts[identifier],
            own["sentences"],
            own["quotes"],
            own["stance"],
            own["actor_sentiment"],
        )
    return found


def judge_quotes(gold: pd.DataFrame, articles: dict[str, Article]) -> pd.DataFrame:
    """One row per gold quote: file, found (a quote of the tool covers its start), right
    (and its speaker's last word is the gold speaker's)."""
    rows = []
    for row in gold.itertuples(index=False):
        article = articles.get(row.file)
        at = -1 if article is None else article.offset(str(row.quote_start), row.notes)
        covering = (
            article.quotes[(article.quotes[S.START] <= at) & (article.quotes[S.END] > at)]
            if at >= 0
            else None
        )
        if covering is None or covering.empty:
            rows.append((row.file, False, False))
            continue
        speaker = covering.iloc[0]
        said = {_last_word(speaker[S.SPEAKER]), _last_word(speaker[S.SPEAKER_TEXT])}
        if speaker[S.SPEAKER_KIND] == ANONYMOUS:  # the labels give an unnamed spokesperson
            said.add(_last_word(speaker[S.ON_BEHALF_OF]))  # to the body they speak for
        rows.append((row.file, True, _last_word(row.speaker) in said))
    return pd.DataFrame(rows, columns=["file", "found", "right"])


def _predicted(article: Article | None, row: object) -> str:
    if article is None:
        return "none"
    at = article.offset(str(row.sentence_start))
    sent = None if at < 0 else article.sentence_at(at)
    if sent is None:
        return "none"
    rows = article.stance[
        (article.stance[S.SENT_ID] == sent) & (article.stance[S.TOPIC] == row.topic)
    ]
    actor = str(row.actor).lower()
    rows = rows[
        (rows[S.ACTOR].str.lower() == actor) | (rows[S.ACTOR].map(_last_word) == _last_word(actor))
    ]
    return "none" if rows.empty else str(rows[S.STANCE].iloc[0])


def judge_stance(
    gold: pd.DataFrame, none: pd.DataFrame, articles: dict[str, Article]
) -> pd.DataFrame:
    """The gold statements and ``none`` rows with the ``predicted`` stance ("none": no
    statement) and whether the row is a ``core`` one (no tag of :data:`CORE_TAGS`)."""
    both = pd.concat([gold, none], ignore_index=True)
    both["predicted"] = [_predicted(articles.get(r.file), r) for r in both.itertuples(index=False)]
    both["core"] = [not _tags(note) & CORE_TAGS for note in both["evidence_note"]]
    return both


def stance_figures(judged: pd.DataFrame) -> dict[str, float]:
    """Accuracy (all and core statements), matched share, false stances on the ``none`` rows,
    support<->oppose swaps (count and share of the matched statements)."""
    statements = judged[judged["stance"] != "none"]
    core = statements[statements["core"]]
    none = judged[judged["stance"] == "none"]
    matched = statements[statements["predicted"] != "none"]
    pair = {("support", "oppose"), ("oppose", "support")}
    swaps = sum(
        (g, p) in pair for g, p in zip(matched["stance"], matched["predicted"], strict=True)
    )
    false = int((none["predicted"] != "none").sum())
    return {
        "stance": _share(statements["stance"] == statements["predicted"]),
        "stance_core": _share(core["stance"] == core["predicted"]),
        "matched": _share(statements["predicted"] != "none"),
        "false_share": false / len(none) if len(none) else 0.0,
        "swap_share": swaps / len(matched) if len(matched) else 0.0,
        "statements": len(statements),
        "core_rows": len(core),
        "false_stances": false,
        "none_rows": len(none),
        "support_oppose_swaps": swaps,
    }


def _share(hits: pd.Series) -> float:
    return float(hits.mean()) if len(hits) else 0.0


def confusion(judged: pd.DataFrame) -> pd.DataFrame:
    """The stance confusion matrix: rows gold, columns predicted (``none`` = not matched)."""
    return pd.crosstab(judged["stance"], judged["predicted"]).reindex(
        index=list(STANCES), columns=list(STANCES), fill_value=0
    )


def score_stance(
    gold: pd.DataFrame, none: pd.DataFrame, articles: dict[str, Article]
) -> tuple[dict[str, float], pd.DataFrame]:
    """The stance figures (:func:`stance_figures`) and the confusion matrix."""
    judged = judge_stance(gold, none, articles)
    return stance_figures(judged), confusion(judged)


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def judge_sentiment(gold: pd.DataFrame, articles: dict[str, Article]) -> pd.DataFrame:
    """One row per gold (sentence, target) pair: file, label, predicted ("" when the tool
    scores no such pair)."""
    rows = []
    for row in gold.itertuples(index=False):
        article = articles.get(row.file)
        at = -1 if article is None else article.offset(str(row.sentence_start))
        sent = None if at < 0 else article.sentence_at(at)
        predicted = ""
        if sent is not None:
            scored = article.sentiment[article.sentiment[S.SENT_ID] == sent]
            target = str(row.target).lower()
            hits = scored[
                (scored[S.SURFACE].str.lower() == target)
                | (scored[S.SURFACE].map(_last_word) == _last_word(target))
                | (scored[S.ACTOR].str.lower() == target)
            ]
            predicted = "" if hits.empty else str(hits[S.LABEL].iloc[0])
        rows.append((row.file, str(row.label), predicted))
    return pd.DataFrame(rows, columns=["file", "label", "predicted"])


def sentiment_figures(judged: pd.DataFrame) -> dict[str, float]:
    """Macro-F1 over the scored pairs and the share scored."""
    scored = judged[judged["predicted"] != ""]
    return {
        "sentiment": _macro_f1(list(scored["label"]), list(scored["predicted"]))
        if len(scored)
        else 0.0,
        "scored": len(scored) / max(1, len(judged)),
        "pairs": len(judged),
    }


def quote_figures(judged: pd.DataFrame) -> dict[str, float]:
    """Speaker accuracy over all gold quotes and the share of them found."""
    return {
        "quotes": _share(judged["right"]),
        "quotes_found": _share(judged["found"]),
        "quotes_gold": len(judged),
    }


def interval(
    judged: pd.DataFrame,
    figure: Callable[[pd.DataFrame], float],
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[float, float]:
    """The 95% percentile bootstrap interval of ``figure(judged)``, the articles (the
    ``file`` column) resampled with replacement; (nan, nan) when ``judged`` is empty."""
    if judged.empty:
        return float("nan"), float("nan")
    files = sorted(set(judged["file"]))
    rows = [np.flatnonzero(judged["file"].to_numpy() == file) for file in files]
    picks = np.random.default_rng(seed).integers(0, len(files), size=(resamples, len(files)))
    values = [
        figure(judged.iloc[np.concatenate([rows[pick] for pick in chosen])]) for chosen in picks
    ]
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


#: The figures given an interval, with the judged table each is computed from.
INTERVALS: dict[str, tuple[str, Callable[[pd.DataFrame], float]]] = {
    "quotes": ("quotes", lambda t: quote_figures(t)["quotes"]),
    "stance": ("stance", lambda t: stance_figures(t)["stance"]),
    "stance_core": ("stance", lambda t: stance_figures(t)["stance_core"]),
    "false_share": ("stance", lambda t: stance_figures(t)["false_share"]),
    "swap_share": ("stance", lambda t: stance_figures(t)["swap_share"]),
    "sentiment": ("sentiment", lambda t: sentiment_figures(t)["sentiment"]),
}


def read_gold(gold_dir: Path) -> dict[str, pd.DataFrame]:
    """The tables of a gold set by :data:`GOLD_FILES` name (empty for an absent file)."""
    return {
        name: pd.read_csv(path, dtype=str, keep_default_na=False)
        if (path := gold_dir / f"{name}.csv").is_file()
        else pd.DataFrame(columns=list(columns), dtype=str)
        for name, columns in GOLD_FILES.items()
    }


def set_settings(settings: Settings, gold_dir: Path) -> Settings:
    """``settings`` with the topics of the set's own ``topics.toml`` added, when it has one."""
    own = gold_dir / "topics.toml"
    if not own.is_file():
        return settings
    topics = settings.topics if settings.topics is not None else default_topics()
    return settings._replace(topics=(*topics, *parse_topics(own.read_text(encoding="utf-8"))))


def _stories(files: list[str], root: Path) -> dict[str, list[str]]:
    """The labelled files by the ``story`` column of the manifest beside them ("all" when
    there is none)."""
    stories: dict[str, list[str]] = {}
    for file in files:
        manifest = (root / file).parent / "manifest.csv"
        story = "all"
        if manifest.is_file():
            table = pd.read_csv(manifest, dtype=str, keep_default_na=False)
            if "story" in table.columns:
                match = table[table["file"] == Path(file).name]["story"]
                story = match.iloc[0] if len(match) and match.iloc[0] else "all"
        stories.setdefault(story, []).append(file)
    return stories


def run(gold_dir: Path, root: Path, settings: Settings) -> list[dict[str, object]]:
    """The figures of every story of the gold set in ``gold_dir`` and of all its stories
    together (the last row, which alone has the intervals: ``<figure>_low`` and
    ``<figure>_high``). ``settings`` gain the set's own topics (:func:`set_settings`)."""
    gold = read_gold(gold_dir)
    files = sorted(set().union(*(set(t["file"]) for t in gold.values())))
    articles = _articles(files, root, set_settings(settings, gold_dir))
    judged = {
        "quotes": judge_quotes(gold["quotes_gold"], articles),
        "stance": judge_stance(gold["stance_gold"], gold["stance_gold_none"], articles),
        "sentiment": judge_sentiment(gold["sentiment_gold"], articles),
    }
    results = []
    for story, chosen in [*_stories(files, root).items(), ("all stories", files)]:
        part = {name: table[table["file"].isin(chosen)] for name, table in judged.items()}
        results.append(
            {
                "story": story,
                "articles": len(chosen),
                **quote_figures(part["quotes"]),
                "excluded": int(gold["quotes_excluded"]["file"].isin(chosen).sum()),
                **stance_figures(part["stance"]),
                **sentiment_figures(part["sentiment"]),
                "matrix": confusion(part["stance"]),
            }
        )
    for name, (table, figure) in INTERVALS.items():
        low, high = interval(judged[table], figure)
        results[-1] |= {f"{name}_low": low, f"{name}_high": high}
    return results


def _with_interval(result: dict[str, object], name: str) -> str:
    low, high = result[f"{name}_low"], result[f"{name}_high"]
    if np.isnan(low):
        return "-"
    return f"{result[name]:.3f} [{low:.3f}, {high:.3f}]"


def summary(name: str, result: dict[str, object]) -> str:
    """The one line of a gold set: every figure it has labels for, over all its stories,
    with intervals."""
    r = result
    parts = [f"{name} ({r['articles']} articles):"]
    if r["quotes_gold"]:
        parts.append(f"quotes={_with_interval(r, 'quotes')}")
    parts += [
        f"stance={_with_interval(r, 'stance')}",
        f"core={_with_interval(r, 'stance_core')}",
        f"matched={r['matched']:.3f}",
        f"false={r['false_stances']}/{r['none_rows']} ({_with_interval(r, 'false_share')})",
        f"swaps={r['support_oppose_swaps']} ({_with_interval(r, 'swap_share')} of matched)",
    ]
    if r["pairs"]:
        parts.append(f"sentiment={_with_interval(r, 'sentiment')} scored={r['scored']:.3f}")
    return " ".join(parts)


def _print_story(result: dict[str, object]) -> None:
    r = result
    print(f"== {r['story']} ({r['articles']} articles)")
    if r["quotes_gold"]:
        print(
            f"quotes: speaker right {r['quotes']:.3f} of {r['quotes_gold']} gold quotes, "
            f"found {r['quotes_found']:.3f}"
        )
    print(
        f"stance: accuracy {r['stance']:.3f} of {r['statements']} statements, core "
        f"{r['stance_core']:.3f} ({r['core_rows']} rows), matched {r['matched']:.3f}, false "
        f"stances on none rows {r['false_stances']} of {r['none_rows']}, support<->oppose "
        f"{r['support_oppose_swaps']}"
    )
    if r["pairs"]:
        print(
            f"sentiment: macro-F1 {r['sentiment']:.3f} on the scored pairs, "
            f"scored {r['scored']:.3f} of {r['pairs']}"
        )
    print("confusion (rows gold, columns predicted; none = no statement):")
    print(r["matrix"].to_string())


def _record(gold_dir: Path, results: list[dict[str, object]], suffix: str) -> None:
    """Writes the figures of all the set's stories into ``bench/results/``: ``gold`` for
    gold-dev, ``gold-<rest>`` for gold-dev-<rest>, ``suffix`` added."""
    last = results[-1]
    rest = gold_dir.name.removeprefix("gold-dev").strip("-")
    name = ("gold" if not rest else f"gold-{rest}") + suffix
    figures: dict[str, object] = {}
    if last["quotes_gold"]:
        figures |= {
            "quotes": round(last["quotes"], 3),
            "quotes_found": round(last["quotes_found"], 3),
        }
    figures |= {
        "stance": round(last["stance"], 3),
        "stance 95% interval": f"{last['stance_low']:.3f}–{last['stance_high']:.3f}",
        "stance_core": round(last["stance_core"], 3),
        "stance_core 95% interval": f"{last['stance_core_low']:.3f}–{last['stance_core_high']:.3f}",
        "core_rows": last["core_rows"],
        "statements": last["statements"],
        "matched": round(last["matched"], 3),
        "false_stances": last["false_stances"],
        "none_rows": last["none_rows"],
        "support_oppose_swaps": last["support_oppose_swaps"],
        "swaps of matched": round(last["swap_share"], 3),
    }
    matrix = last["matrix"]
    figures |= {
        f"{gold} -> {predicted}": int(matrix.loc[gold, predicted])
        for gold in STANCES
        for predicted in STANCES
        if matrix.loc[gold, predicted]
    }
    if last["pairs"]:
        figures |= {key: round(last[key], 3) for key in ("sentiment", "scored")}
    if len(results) > 2:
        figures |= {f"{r['story']} stance_core": round(r["stance_core"], 3) for r in results[:-1]}
    record_result(name, figures, split=f"{gold_dir.name} ({last['articles']} articles)")


def main(*, record: bool = False) -> None:
    """Prints the figures of each set and story; with ``record``, writes those of each set
    into ``bench/results/`` (``gold`` and ``gold-polnear``; ``-registry-<file>`` added with
    ``--registry``, ``-<method>`` with another ``--sentiment``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--gold", type=Path, nargs="+", default=[d for d in GOLD_SETS if d.is_dir()]
    )
    parser.add_argument("--root", type=Path, default=SHARED)
    parser.add_argument(
        "--topics",
        type=Path,
        nargs="*",
        default=[],
        help="topic files added to the built-in topics",
    )
    parser.add_argument(
        "--registry", type=Path, default=None, help="an actor registry instead of the built-in one"
    )
    parser.add_argument(
        "--sentiment", choices=METHODS, default=TRANSFORMER, help="the sentiment classifier"
    )
    args = parser.parse_args()
    topics = list(default_topics())
    for file in args.topics:
        topics += parse_topics(file.read_text(encoding="utf-8"))
    registry = (
        parse_registry(args.registry.read_text(encoding="utf-8"))
        if args.registry
        else default_registry()
    )
    settings = Settings(registry=registry, topics=tuple(topics), sentiment=args.sentiment)
    suffix = "" if args.registry is None else f"-registry-{args.registry.stem}"
    suffix += "" if args.sentiment == TRANSFORMER else f"-{args.sentiment}"
    lines = []
    for gold_dir in args.gold:
        results = run(gold_dir, args.root, settings)
        print(f"#### {gold_dir.name}")
        for result in results if len(results) > 2 else results[-1:]:
            _print_story(result)
        lines.append(summary(gold_dir.name, results[-1]))
        if record:
            _record(gold_dir, results, suffix)
    print("\n".join(lines))


if __name__ == "__main__":
    main(record=True)
