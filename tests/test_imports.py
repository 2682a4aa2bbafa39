"""The import graph of ``analysis/``: no circle, and no module imports one of a higher layer.

Every module of the package is read with :mod:`ast` (not imported), and every import in it
counts: at module level, inside functions and under ``TYPE_CHECKING`` alike. The layers are
data (:data:`LAYERS`, lowest first); a module of a sub-package (``analysis.stance.finder``)
sits in its package's layer, and a module no layer names is checked for circles only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "analysis"
ROOT = Path(__file__).resolve().parents[1]

#: The layers of the package, lowest first: a module may import modules of its own layer and
#: of the layers below it, never one of a layer above.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "foundation",
        frozenset(
            {
                "schema",
                "budget",
                "datafile",
                "cache",
                "engine",
                "pinned",
                "transformer",
                "entities",
                "furniture",
                "people",
                "records",
                "text",
                "clean",
                "lexicon",
            }
        ),
    ),
    (
        "reading",
        frozenset({"documents", "fetch", "corpus_files", "ingest", "corpus", "tables", "parse"}),
    ),
    (
        "analysers",
        frozenset(
            {
                "actors",
                "behalf",
                "coreference",
                "speech",
                "attribution",
                "keywords",
                "doc_keywords",
                "quotes",
                "sentiment",
                "spelling",
                "framing",
                "stance",
                "aggregate",
                "marks",
                "verbs",
                "clauses",
                "outlets",
                "speaker_kinds",
            }
        ),
    ),
    ("settings", frozenset({"settings"})),
    ("analysis", frozenset({"pipeline", "overview", "differences", "omissions", "groups"})),
    (
        "views",
        frozenset(
            {
                "charts",
                "sentiment_charts",
                "position_charts",
                "voice_charts",
                "word_charts",
                "timeline_charts",
                "views",
            }
        ),
    ),
    (
        "output",
        frozenset({"render", "export", "bundles", "results", "report", "streamed", "workspace"}),
    ),
    ("commands", frozenset({"cli", "__main__"})),
)


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _known(name: str, known: dict[str, Path]) -> str:
    """``name``, or the nearest package or module above it that exists ("" for none)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name


def _imported(module: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """The modules of the package that ``module`` (at ``path``) imports, anywhere in it."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (_known(alias.name, known) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                above = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{above}.{base}" if base else above
            for alias in node.names:
                whole = f"{base}.{alias.name}"
                yield whole if whole in known else _known(base, known)


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Each module of the package -> the other modules of the package it imports (the
    package's own ``__init__``, which only names what it offers, left out as a target)."""
    known = modules(root)
    return {
        module: {
            name
            for name in _imported(module, path, known)
            if name.startswith(f"{PACKAGE}.") and name != module
        }
        for module, path in known.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer(module: str) -> int | None:
    """The position in :data:`LAYERS` of ``module`` (that of its top-level module or
    package); None when no layer names it."""
    top = module.removeprefix(f"{PACKAGE}.").split(".")[0]
    return next((number for number, (_, names) in enumerate(LAYERS) if top in names), None)


def upward(graph: dict[str, set[str]]) -> list[str]:
    """Each import of ``graph`` from a module to one of a higher layer, as text."""
    found = []
    for module, targets in sorted(graph.items()):
        own = layer(module)
        for target in sorted(targets):
            theirs = layer(target)
            if own is not None and theirs is not None and theirs > own:
                found.append(f"{module} ({LAYERS[own][0]}) imports {target} ({LAYERS[theirs][0]})")
    return found


def test_the_package_has_no_import_circle() -> None:
    assert circles(import_graph()) == []


def test_no_module_imports_one_of_a_higher_layer() -> None:
    assert upward(import_graph()) == []


def test_the_graph_sees_imports_inside_functions(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import leaf\n")
    (package / "sub" / "leaf.py").write_text("def f():\n    from analysis import top\n")
    (package / "top.py").write_text("from analysis.sub.leaf import f\nimport analysis.sub\n")
    graph = import_graph(tmp_path)
    assert graph == {
        "analysis": set(),
        "analysis.sub": {"analysis.sub.leaf"},
        "analysis.sub.leaf": {"analysis.top"},
        "analysis.top": {"analysis.sub.leaf", "analysis.sub"},
    }
    assert circles(graph) == [["analysis.sub", "analysis.sub.leaf", "analysis.top"]]


def test_an_import_from_a_lower_layer_to_a_higher_one_is_found() -> None:
    graph = {"analysis.schema": {"analysis.pipeline"}, "analysis.cli": {"analysis.schema"}}
    assert upward(graph) == [
        "analysis.schema (foundation) imports analysis.pipeline (analysis)",
    ]
