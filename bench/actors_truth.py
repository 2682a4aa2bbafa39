"""Score the actors of an analysis against hand-made actor truth (``bench/truth/*.toml``, see
``bench/truth/README.md``): corpus-dev and ten PolNeAR dev articles, read from ``../shared``.

    python bench/actors_truth.py [--set corpus-dev|polnear-dev ...] [--root DIR]
                                 [--registry FILE ...]

Each set's articles are read the way the dashboard reads them and analysed once per registry:
the built-in one and an empty one (``bench/empty.toml``; ``--registry`` adds others). Per set
and registry it prints, with the lists behind each number:

- precision: the share of the 20 most-mentioned actors that are real actors of the truth (the
  actor's name is a canonical name or a surface form of the truth, or the surname of one person
  of it: "Rubio"); the others are listed as junk with their mention counts. Higher is better.
- people split: real people found under two or more actor names (each name listed); an actor
  name stands for a person when it is one of the person's names or when most of its mentions
  are the person's surfaces in their articles. Lower is better (the issue asks <= 1).
- people merged: actor names whose mentions cover two or more real people. Lower is better (0).
- mention recall: the share of the truth's (article, surface) pairs for which the analysis has
  a mention of that actor in that article whose surface is that surface or holds it ("President
  Trump" holds "Trump"); the misses are listed. Higher is better.
- frequent people: every person named in a quarter or more of the set's articles, with the
  rank of their best actor name; each should be among the 15 most-mentioned actors.

Run as a script it records the figures of all sets (``actors_truth`` for the built-in registry,
``actors_truth-registry-<file>`` for the others) through ``bench/results.py``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import schema as S
from analysis.actors import Registry, default_registry, parse_registry
from analysis.corpus import load_corpus
from analysis.engine import Engine
from analysis.pipeline import Settings, analyse

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = ROOT.parent / "shared"
TRUTH = BENCH / "truth"
SETS = ("corpus-dev", "polnear-dev")
KINDS = frozenset({"person", "organisation", "country"})
#: The column of the mentions table that names the article's file.
FILE = "file"
TOP = 20
FREQUENT_TOP = 15


def normalise(text: object) -> str:
    """A name or surface as compared: lower case, straight apostrophes, no leading "the", no
    possessive "'s", single spaces."""
    value = " ".join(str(text).replace("’", "'").replace("‘", "'").split()).lower()
    value = re.sub(r"^the\s+", "", value)
    value = re.sub(r"'s?$", "", value)
    return value.strip(' ,;:"')


def _holds(surface: str, part: str) -> bool:
    """Whether normalised ``surface`` holds normalised ``part`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", surface) is not None


@dataclass(frozen=True)
class Truth:
    """A set's truth: ``rows`` has one row per actor, surface and article file (columns actor,
    kind, surface, file); ``files`` are the set's article files, ``folder`` their folder
    relative to ``../shared``."""

    name: str
    folder: str
    files: tuple[str, ...]
    rows: pd.DataFrame

    def kinds(self) -> dict[str, str]:
        """Each actor's kind."""
        return dict(zip(self.rows["actor"], self.rows["kind"], strict=True))

    def people(self) -> set[str]:
        """The actors that are people."""
        return {actor for actor, kind in self.kinds().items() if kind == "person"}

    def names(self) -> dict[str, set[str]]:
        """Every normalised canonical name and surface -> the actors it names."""
        found: dict[str, set[str]] = {}
        for actor, surface in zip(self.rows["actor"], self.rows["surface"], strict=True):
            for name in (actor, surface):
                found.setdefault(normalise(name), set()).add(actor)
        return found

    def real_names(self) -> set[str]:
        """The normalised names an actor of the analysis may bear and be real: every name of
        :meth:`names`, and the surname (last word of the canonical name) of a person when no
        other person of the truth has it."""
        surnames = Counter(normalise(person).split()[-1] for person in self.people())
        return set(self.names()) | {name for name, n in surnames.items() if n == 1}

    def surfaces(self) -> dict[str, dict[str, str]]:
        """Per file, normalised surface -> actor."""
        found: dict[str, dict[str, str]] = {}
        for row in self.rows.itertuples(index=False):
            found.setdefault(row.file, {})[normalise(row.surface)] = row.actor
        return found


def parse_truth(text: str, *, name: str = "") -> Truth:
    """A truth file's content (TOML: ``set``, ``folder``, ``[articles]`` key = file, and
    ``[[actor]]`` tables with name, kind and ``[actor.surfaces]`` surface = [article keys]).
    Raises ValueError naming what is wrong."""
    data = tomllib.loads(text)
    articles = data.get("articles", {})
    rows = []
    for actor in data.get("actor", []):
        if actor.get("kind") not in KINDS:
            raise ValueError(f"{actor.get('name')!r}: kind must be one of {sorted(KINDS)}")
        for surface, keys in actor.get("surfaces", {}).items():
            for key in keys:
                if key not in articles:
                    raise ValueError(f"{actor['name']!r} / {surface!r}: no article {key!r}")
                rows.append((actor["name"], actor["kind"], surface, articles[key]))
    frame = pd.DataFrame(rows, columns=["actor", "kind", "surface", "file"], dtype=object)
    return Truth(
        name=data.get("set", name),
        folder=data.get("folder", ""),
        files=tuple(articles.values()),
        rows=frame,
    )


def load_truth(name: str, directory: Path = TRUTH) -> Truth:
    """The truth of set ``name`` (``<directory>/<name>.toml``)."""
    return parse_truth((directory / f"{name}.toml").read_text(encoding="utf-8"), name=name)


# ---- scoring (mentions: a mentions table with a ``file`` column) ----


def actor_counts(mentions: pd.DataFrame) -> pd.Series:
    """Mentions per actor, most first (ties by name)."""
    counts = mentions.groupby(S.ACTOR).size()
    order = sorted(counts.index, key=lambda actor: (-counts[actor], str(actor)))
    return counts.reindex(order)


def mention_actors(mentions: pd.DataFrame, truth: Truth) -> pd.Series:
    """The truth actor of each mention (None when none): the actor whose surface in that file
    is the mention's surface, else the one whose longest surface in that file it holds."""
    by_file = truth.surfaces()
    found = []
    for file, surface in zip(mentions[FILE], mentions[S.SURFACE], strict=True):
        own = by_file.get(file, {})
        text = normalise(surface)
        if text in own:
            found.append(own[text])
            continue
        held = [part for part in own if _holds(text, part)]
        found.append(own[max(held, key=len)] if held else None)
    return pd.Series(found, index=mentions.index, dtype=object)


def resolve(mentions: pd.DataFrame, truth: Truth) -> dict[str, str | None]:
    """Each analysis actor -> the truth actor it stands for: the one its name names (when it
    names one only), else the one most of its mentions belong to (None when none does)."""
    names = truth.names()
    own = mentions.assign(_truth=mention_actors(mentions, truth))
    resolved: dict[str, str | None] = {}
    for actor, rows in own.groupby(S.ACTOR, sort=False):
        named = names.get(normalise(actor), set())
        if len(named) == 1:
            resolved[actor] = next(iter(named))
            continue
        counts = Counter(t for t in rows["_truth"] if t is not None)
        best = counts.most_common(1)
        resolved[actor] = best[0][0] if best and best[0][1] * 2 > len(rows) else None
    return resolved


@dataclass(frozen=True)
class Precision:
    """The share of the top actors that are real (0..1, higher is better) and the junk."""

    score: float
    top: tuple[str, ...]
    junk: tuple[tuple[str, int], ...]


def precision(mentions: pd.DataFrame, truth: Truth, *, top: int = TOP) -> Precision:
    """Share of the ``top`` most-mentioned actors whose name is a name of the truth (a
    canonical name, a surface form, or the surname of one person only)."""
    counts = actor_counts(mentions).head(top)
    names = truth.real_names()
    junk = tuple((str(a), int(n)) for a, n in counts.items() if normalise(a) not in names)
    score = 1 - len(junk) / len(counts) if len(counts) else 0.0
    return Precision(score, tuple(str(a) for a in counts.index), junk)


def people_split(mentions: pd.DataFrame, truth: Truth) -> dict[str, list[str]]:
    """Real people under two or more actor names -> those names (most mentioned first)."""
    people = truth.people()
    counts = actor_counts(mentions)
    names: dict[str, list[str]] = {}
    for actor, person in resolve(mentions, truth).items():
        if person in people:
            names.setdefault(person, []).append(actor)
    return {
        person: sorted(actors, key=lambda a: (-counts[a], a))
        for person, actors in sorted(names.items())
        if len(actors) >= 2
    }


def people_merged(mentions: pd.DataFrame, truth: Truth) -> dict[str, dict[str, int]]:
    """Actor names whose mentions belong to two or more real people -> mentions per person."""
    people = truth.people()
    own = mentions.assign(_truth=mention_actors(mentions, truth))
    merged = {}
    for actor, rows in own.groupby(S.ACTOR, sort=True):
        counts = Counter(t for t in rows["_truth"] if t in people)
        if len(counts) >= 2:
            merged[str(actor)] = dict(counts.most_common())
    return merged


@dataclass(frozen=True)
class Recall:
    """The share of truth (article, surface) pairs found (0..1, higher is better), the misses
    (actor, surface, file) and the number of pairs."""

    score: float
    missed: tuple[tuple[str, str, str], ...]
    pairs: int


def recall(mentions: pd.DataFrame, truth: Truth) -> Recall:
    """Share of the truth's (article, surface) pairs with a mention of that actor in that
    article whose surface is or holds that surface."""
    resolved = resolve(mentions, truth)
    found: dict[tuple[str, str], set[str]] = {}
    for file, actor, surface in zip(
        mentions[FILE], mentions[S.ACTOR], mentions[S.SURFACE], strict=True
    ):
        target = resolved.get(actor)
        if target is not None:
            found.setdefault((file, target), set()).add(normalise(surface))
    missed = []
    pairs = truth.rows.drop_duplicates(["actor", "surface", "file"])
    for row in pairs.itertuples(index=False):
        wanted = normalise(row.surface)
        seen = found.get((row.file, row.actor), set())
        if not any(text == wanted or _holds(text, wanted) for text in seen):
            missed.append((row.actor, row.surface, row.file))
    total = len(pairs)
    return Recall(1 - len(missed) / total if total else 0.0, tuple(missed), total)


def frequent_people(
    mentions: pd.DataFrame, truth: Truth, *, top: int = FREQUENT_TOP
) -> dict[str, int | None]:
    """Each person named in a quarter or more of the set's articles -> the rank (1 = most
    mentioned) of the best actor name standing for them; None when no actor does. A rank
    above ``top`` misses the goal."""
    people = truth.people()
    articles = truth.rows[truth.rows["actor"].isin(people)].groupby("actor")["file"].nunique()
    frequent = sorted(a for a, n in articles.items() if n * 4 >= len(truth.files))
    ranks = {str(a): i + 1 for i, a in enumerate(actor_counts(mentions).index)}
    resolved = resolve(mentions, truth)
    found: dict[str, int | None] = {}
    for person in frequent:
        own = [ranks[a] for a, p in resolved.items() if p == person]
        found[person] = min(own) if own else None
    return found


# ---- running ----


def analysed_mentions(truth: Truth, registry: Registry, root: Path = SHARED) -> pd.DataFrame:
    """The mentions of an analysis of the truth's articles with ``registry``, with ``file``."""
    folder = root / truth.folder
    corpus = load_corpus([folder / file for file in truth.files])
    analysis = analyse(corpus, Settings(registry=registry), engine=Engine(workers=1))
    files = {
        identifier: Path(str(source)).name
        for identifier, source in zip(
            corpus.articles[S.ARTICLE_ID], corpus.articles[S.SOURCE], strict=True
        )
    }
    return analysis.mentions.assign(**{FILE: analysis.mentions[S.ARTICLE_ID].map(files)})


def score(mentions: pd.DataFrame, truth: Truth) -> dict[str, object]:
    """Every figure and list of one set and registry."""
    frequent = frequent_people(mentions, truth)
    return {
        "precision": precision(mentions, truth),
        "split": people_split(mentions, truth),
        "merged": people_merged(mentions, truth),
        "recall": recall(mentions, truth),
        "frequent": frequent,
        "frequent_missing": sorted(
            p for p, rank in frequent.items() if rank is None or rank > FREQUENT_TOP
        ),
    }


def _lines(items: Iterable[str], indent: str = "    ") -> str:
    return "\n".join(indent + item for item in items) or indent + "(none)"


def report(label: str, result: Mapping[str, object], truth: Truth) -> str:
    """The figures and lists of ``result`` for people."""
    p, r = result["precision"], result["recall"]
    split, merged, frequent = result["split"], result["merged"], result["frequent"]
    missed_by_actor = Counter(actor for actor, _, _ in r.missed)
    return "\n".join(
        [
            f"== {label} ({len(truth.files)} articles)",
            f"precision of the top {len(p.top)}: {p.score:.2f} "
            f"({len(p.top) - len(p.junk)} real); top: {', '.join(p.top)}",
            "  junk: " + (", ".join(f"{a} ({n})" for a, n in p.junk) or "(none)"),
            f"people split: {len(split)}",
            _lines(f"{person}: {' | '.join(names)}" for person, names in split.items()),
            f"people merged: {len(merged)}",
            _lines(
                f"{actor}: " + ", ".join(f"{p} ({n})" for p, n in people.items())
                for actor, people in merged.items()
            ),
            f"mention recall: {r.score:.3f} of {r.pairs} (article, surface) pairs; "
            f"missed {len(r.missed)}, most for: "
            + ", ".join(f"{a} ({n})" for a, n in missed_by_actor.most_common(8)),
            _lines(f"{actor} / {surface!r} in {file}" for actor, surface, file in r.missed[:40])
            + ("\n    ..." if len(r.missed) > 40 else ""),
            f"people in >= 1/4 of the articles, rank of their best actor name "
            f"(goal: <= {FREQUENT_TOP}):",
            _lines(
                f"{person}: {'not found' if rank is None else rank}"
                + ("" if rank is not None and rank <= FREQUENT_TOP else "  <- MISSING")
                for person, rank in frequent.items()
            ),
        ]
    )


def figures(result: Mapping[str, object]) -> dict[str, float | int]:
    """The recorded numbers of one set and registry."""
    return {
        "precision_top20": round(result["precision"].score, 3),
        "people_split": len(result["split"]),
        "people_merged": len(result["merged"]),
        "mention_recall": round(result["recall"].score, 3),
        "frequent_people_missing": len(result["frequent_missing"]),
    }


def main(*, record: bool = False) -> None:
    """Prints the figures of each set and registry; with ``record``, writes them into
    ``bench/results/``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", dest="sets", choices=SETS, nargs="*", default=list(SETS))
    parser.add_argument("--root", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument(
        "--registry", type=Path, nargs="*", default=[], help="registries besides the two"
    )
    args = parser.parse_args()
    registries: dict[str, Registry] = {"built-in": default_registry(), "empty": parse_registry("")}
    for file in args.registry:
        registries[file.stem] = parse_registry(file.read_text(encoding="utf-8"))
    recorded: dict[str, dict[str, float | int]] = {name: {} for name in registries}
    for set_name in args.sets:
        truth = load_truth(set_name)
        for name, registry in registries.items():
            result = score(analysed_mentions(truth, registry, args.root), truth)
            print(report(f"{set_name}, {name} registry", result, truth), flush=True)
            for key, value in figures(result).items():
                recorded[name][f"{set_name} {key}"] = value
    print()
    for name, values in recorded.items():
        print(f"{name}: " + " ".join(f"{k.replace(' ', ':')}={v}" for k, v in values.items()))
    if record and (BENCH / "results.py").is_file():
        sys.path.insert(0, str(BENCH))
        from results import record as record_result

        split = " + ".join(args.sets) + " (bench/truth)"
        for name, values in recorded.items():
            suffix = "" if name == "built-in" else f"-registry-{name}"
            record_result(f"actors_truth{suffix}", values, split=split)


if __name__ == "__main__":
    main(record=True)
