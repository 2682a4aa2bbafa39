"""Score quotes, stance and actor sentiment against hand labels in the format of
``../shared/bench/gold-dev/`` (read its README for the conventions), one story at a time.

    python bench/gold.py [--gold DIR] [--root DIR] [--topics FILE ...] [--registry FILE]
                         [--sentiment transformer|classifier]

The labelled articles (the ``file`` column, relative to ``--root``) are read the way the
dashboard reads them (with the ``manifest.csv`` beside them) and analysed with the built-in
registry (or ``--registry``) and the built-in topics plus those of each ``--topics`` file, as
a user adds topics for a story of their own. Per story (the manifest's ``story`` column):

- quotes: speaker accuracy over all gold quotes (a quote counts when a quote of the tool
  covers its first characters and the speakers' last words agree), and the share found at all;
  spans listed in ``quotes_excluded.csv`` count neither way;
- stance: accuracy over all gold statements, over the core rows (without the tags
  ``actor not named in sentence`` / ``no explicit topic word``, alone or together in one
  bracket: ``[actor not named in sentence; no explicit topic word]``), the stances given on the
  ``none`` rows (false stances) and the confusion matrix (``none`` = no statement);
- sentiment: macro-F1 over the (sentence, target) pairs the tool scores, and the share scored.

Higher is better for every figure except the false stances. The last line is
``quotes=... stance=... sentiment=... scored=...`` over all stories.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import schema as S
from analysis.actors import default_registry, parse_registry, skeleton
from analysis.corpus import load_corpus
from analysis.engine import Engine
from analysis.pipeline import Settings, analyse
from analysis.sentiment import METHODS, TRANSFORMER
from analysis.stance import default_topics, parse_topics

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record as record_result

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ("negative", "neutral", "positive")
STANCES = ("support", "conditional", "neutral", "oppose", "none")
CORE_TAGS = frozenset({"actor not named in sentence", "no explicit topic word"})


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


def score_quotes(
    gold: pd.DataFrame, excluded: pd.DataFrame, articles: dict[str, Article]
) -> dict[str, float]:
    """Speaker accuracy over all gold quotes and the share of them found."""
    right = found = 0
    for row in gold.itertuples(index=False):
        article = articles.get(row.file)
        at = -1 if article is None else article.offset(str(row.quote_start), row.notes)
        if at < 0:
            continue
        covering = article.quotes[(article.quotes[S.START] <= at) & (article.quotes[S.END] > at)]
        if covering.empty:
            continue
        found += 1
        speaker = covering.iloc[0]
        said = {_last_word(speaker[S.SPEAKER]), _last_word(speaker[S.SPEAKER_TEXT])}
        right += _last_word(row.speaker) in said
    total = max(1, len(gold))
    return {
        "quotes": right / total,
        "quotes_found": found / total,
        "quotes_gold": len(gold),
        "excluded": len(excluded),
    }


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


def score_stance(
    gold: pd.DataFrame, none: pd.DataFrame, articles: dict[str, Article]
) -> tuple[dict[str, float], pd.DataFrame]:
    """Accuracy over all and core statements, false stances on the none rows, confusion."""
    both = pd.concat([gold, none], ignore_index=True)
    both["predicted"] = [_predicted(articles.get(r.file), r) for r in both.itertuples(index=False)]
    statements = both[both["stance"] != "none"]
    core = statements[[not _tags(note) & CORE_TAGS for note in statements["evidence_note"]]]
    matrix = pd.crosstab(both["stance"], both["predicted"]).reindex(
        index=list(STANCES), columns=list(STANCES), fill_value=0
    )
    figures = {
        "stance": float((statements["stance"] == statements["predicted"]).mean())
        if len(statements)
        else 0.0,
        "stance_core": float((core["stance"] == core["predicted"]).mean()) if len(core) else 0.0,
        "core_rows": len(core),
        "false_stances": int((both[both["stance"] == "none"]["predicted"] != "none").sum()),
        "none_rows": int((both["stance"] == "none").sum()),
        "support_oppose_swaps": int(
            matrix.loc["support", "oppose"] + matrix.loc["oppose", "support"]
        ),
    }
    return figures, matrix


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def score_sentiment(gold: pd.DataFrame, articles: dict[str, Article]) -> dict[str, float]:
    """Macro-F1 over the scored (sentence, target) pairs and the share scored."""
    golds, predicted = [], []
    for row in gold.itertuples(index=False):
        article = articles.get(row.file)
        at = -1 if article is None else article.offset(str(row.sentence_start))
        sent = None if at < 0 else article.sentence_at(at)
        if sent is None:
            continue
        rows = article.sentiment[article.sentiment[S.SENT_ID] == sent]
        target = str(row.target).lower()
        hits = rows[
            (rows[S.SURFACE].str.lower() == target)
            | (rows[S.SURFACE].map(_last_word) == _last_word(target))
            | (rows[S.ACTOR].str.lower() == target)
        ]
        if hits.empty:
            continue
        golds.append(str(row.label))
        predicted.append(str(hits[S.LABEL].iloc[0]))
    return {
        "sentiment": _macro_f1(golds, predicted) if golds else 0.0,
        "scored": len(golds) / max(1, len(gold)),
        "pairs": len(gold),
    }


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
    """The figures of every story and of all stories together (the last row)."""
    gold = {
        name: pd.read_csv(gold_dir / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in (
            "quotes_gold",
            "quotes_excluded",
            "stance_gold",
            "stance_gold_none",
            "sentiment_gold",
        )
    }
    files = sorted(set().union(*(set(t["file"]) for t in gold.values())))
    articles = _articles(files, root, settings)
    results = []
    for story, chosen in [*_stories(files, root).items(), ("all stories", files)]:
        part = {name: table[table["file"].isin(chosen)] for name, table in gold.items()}
        stance, matrix = score_stance(part["stance_gold"], part["stance_gold_none"], articles)
        results.append(
            {
                "story": story,
                "articles": len(chosen),
                **score_quotes(part["quotes_gold"], part["quotes_excluded"], articles),
                **stance,
                **score_sentiment(part["sentiment_gold"], articles),
                "matrix": matrix,
            }
        )
    return results


def main(*, record: bool = False) -> None:
    """Prints the figures of each story; with ``record``, writes those of all stories into
    ``bench/results/`` (``gold``; ``gold-registry-<file>`` with ``--registry``; ``-<method>``
    added with another ``--sentiment``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "bench" / "gold-dev")
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
    results = run(args.gold, args.root, settings)
    for result in results:
        matrix = result.pop("matrix")
        print(f"== {result['story']} ({result['articles']} articles)")
        r = result
        print(
            f"quotes: speaker right {r['quotes']:.3f} of {r['quotes_gold']} gold quotes, "
            f"found {r['quotes_found']:.3f}"
        )
        print(
            f"stance: accuracy {r['stance']:.3f}, core {r['stance_core']:.3f} "
            f"({r['core_rows']} rows), false stances on none rows {r['false_stances']} of "
            f"{r['none_rows']}, support<->oppose {r['support_oppose_swaps']}"
        )
        print(
            f"sentiment: macro-F1 {r['sentiment']:.3f} on the scored pairs, "
            f"scored {r['scored']:.3f} of {r['pairs']}"
        )
        print("confusion (rows gold, columns predicted):")
        print(matrix.to_string())
    last = results[-1]
    print(
        f"quotes={last['quotes']:.3f} stance={last['stance']:.3f} "
        f"sentiment={last['sentiment']:.3f} scored={last['scored']:.3f}"
    )
    if record:
        name = "gold" if args.registry is None else f"gold-registry-{args.registry.stem}"
        name += "" if args.sentiment == TRANSFORMER else f"-{args.sentiment}"
        shown = ("quotes", "quotes_found", "stance", "stance_core", "core_rows")
        figures = {key: round(last[key], 3) for key in shown}
        figures |= {
            key: last[key] for key in ("false_stances", "none_rows", "support_oppose_swaps")
        }
        figures |= {key: round(last[key], 3) for key in ("sentiment", "scored")}
        figures |= {f"{r['story']} stance_core": round(r["stance_core"], 3) for r in results[:-1]}
        record_result(name, figures, split=f"{args.gold.name} ({last['articles']} articles)")


if __name__ == "__main__":
    main(record=True)
