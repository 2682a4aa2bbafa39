"""The outlets file: what is known of each outlet (country, language, the user's own group
labels, aliases), for comparing groups of outlets (:mod:`analysis.groups`).

An outlets file is TOML shaped like ``analysis/data/outlets.toml`` (empty by default:
presslens knows no outlet): ``[[outlet]]`` tables with a ``name`` (as the corpus names the
outlet), ``country``, ``language``, ``aliases`` (other names or domains of the same outlet,
merged into it when the corpus loads: :func:`merge_aliases`), ``proposed`` (a proposal from the
corpus nobody accepted yet: shown, never used to group) and an ``[outlet.groups]`` table of any
labels (``lean = "left"``, ``"state media" = "yes"``). Each label key, and country and
language, is a *grouping* (:func:`groupings`); :func:`group_labels` gives each outlet's label
in each.

:func:`propose_outlets` proposes an entry for each outlet of a corpus that the file does not
name: its country from its domain's country-code top-level domain (the reviewed table
``analysis/data/country_tlds.csv``) or from a ``country`` column of the corpus, its language
from the articles'. The dashboard edits the file as a table (:func:`outlets_frame`,
:func:`outlets_from_frame`); every refusal is an :class:`OutletError` whose message names the
outlet and says what to fix.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache

import pandas as pd

from analysis import datafile
from analysis import schema as S

#: The groupings every file has (the other ones are the keys of ``[outlet.groups]``).
COUNTRY = "country"
LANGUAGE = "language"
BUILT_IN_GROUPINGS = (COUNTRY, LANGUAGE)
#: The fields of an ``[[outlet]]`` table.
FIELDS = ("name", COUNTRY, LANGUAGE, "aliases", "proposed", "groups")
#: The editor's columns (:func:`outlets_frame`).
FRAME_COLUMNS = ("name", COUNTRY, LANGUAGE, "groups", "aliases", "proposed")
#: How the editor writes one label in the ``groups`` cell: ``lean = left; owner = state``.
LABEL_SIGN = "="
#: Where a proposal's country came from.
FROM_DOMAIN = "domain"
FROM_CORPUS = "corpus"


class OutletError(datafile.DataFileError):
    """An outlets file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Outlet:
    """One outlet of an outlets file: ``name`` as the corpus names it, ``country`` and
    ``language`` ("" when not given), ``groups`` (the user's labels: (grouping, label) pairs
    in the file's order), ``aliases`` (other names or domains of it) and ``proposed`` (a
    proposal not accepted yet, never used to group)."""

    name: str
    country: str = ""
    language: str = ""
    groups: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    proposed: bool = False

    def label(self, grouping: str) -> str:
        """This outlet's label in ``grouping`` ("" when it has none)."""
        if grouping == COUNTRY:
            return self.country
        if grouping == LANGUAGE:
            return self.language
        return dict(self.groups).get(grouping, "")


Outlets = tuple[Outlet, ...]


def parse_outlets(text: str) -> Outlets:
    """Outlets from TOML text shaped like ``analysis/data/outlets.toml`` (an empty file is no
    outlet); raises :class:`OutletError` with a sentence naming the outlet and what to fix."""
    entries = datafile.toml_tables(
        text, "outlet", what="outlets", error=OutletError, may_be_empty=True
    )
    return _validated(tuple(_outlet(entry, number) for number, entry in enumerate(entries, 1)))


def _named(number: int, name: str) -> str:
    return f"Outlet {number} ({name!r})" if name else f"Outlet {number}"


def _outlet(entry: Mapping[str, object], number: int) -> Outlet:
    with datafile.refused_as(OutletError):
        name = datafile.cell(entry.get("name"), what=f"The name of outlet {number}")
    who = _named(number, name)
    if not name:
        raise OutletError(f"{who} has no name: give the outlet as the corpus names it.")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise OutletError(
            f"{who} has a field this file does not know, {unknown[0]!r}; the fields are "
            f"{', '.join(FIELDS)} (put your own labels under [outlet.groups])."
        )
    proposed = entry.get("proposed", False)
    if not isinstance(proposed, bool):
        raise OutletError(f"{who}: 'proposed' must be true or false.")
    groups = entry.get("groups", {})
    if not isinstance(groups, dict):
        raise OutletError(f"{who}: 'groups' must be a table of labels, e.g. lean = \"left\".")
    with datafile.refused_as(OutletError):
        return Outlet(
            name,
            _text(entry.get(COUNTRY), f"{who}: its country"),
            _text(entry.get(LANGUAGE), f"{who}: its language"),
            tuple(_label(key, value, who) for key, value in groups.items()),
            tuple(datafile.split_list(entry.get("aliases"), what=f"{who}: its aliases")),
            proposed,
        )


def _text(value: object, what: str) -> str:
    if value is not None and not isinstance(value, str):
        raise OutletError(f"{what} must be text in quotes.")
    return datafile.cell(value, what=what)


def _label(key: object, value: object, who: str) -> tuple[str, str]:
    grouping = datafile.cell(key, what=f"{who}: a grouping's name")
    if not grouping:
        raise OutletError(f"{who} has a label with no grouping name.")
    if grouping in BUILT_IN_GROUPINGS or grouping in FIELDS:
        raise OutletError(
            f'{who}: {grouping!r} is a field of its own; write it as {grouping} = "..." '
            "above [outlet.groups], not as a label."
        )
    if isinstance(value, bool | int | float):
        value = str(value).lower() if isinstance(value, bool) else str(value)
    if not isinstance(value, str):
        raise OutletError(f'{who}: the label {grouping!r} must be text, e.g. {grouping} = "yes".')
    label = datafile.cell(value, what=f"{who}: its label {grouping!r}")
    if not label:
        raise OutletError(f"{who}: the label {grouping!r} is empty; give it a value or remove it.")
    return grouping, label


def _validated(outlets: Outlets) -> Outlets:
    with datafile.refused_as(OutletError):
        datafile.check_entries(len(outlets), "outlets")
        datafile.check_items(sum(len(o.aliases) for o in outlets), "aliases")
    owner: dict[str, str] = {}
    for outlet in outlets:
        key = outlet.name.casefold()
        if key in owner:
            raise OutletError(
                f"The outlet {outlet.name!r} is listed twice"
                + ("" if owner[key] == outlet.name else f" (as {owner[key]!r})")
                + "; keep one."
            )
        owner[key] = outlet.name
    for outlet in outlets:
        for alias in outlet.aliases:
            key = alias.casefold()
            if key != outlet.name.casefold() and owner.get(key, outlet.name) != outlet.name:
                raise OutletError(
                    f"{alias!r} is an alias of {outlet.name!r} and also "
                    + (
                        "an outlet of its own"
                        if any(o.name.casefold() == key for o in outlets)
                        else f"an alias of {owner[key]!r}"
                    )
                    + "; an alias may name one outlet only."
                )
            owner[key] = outlet.name
    return outlets


def default_outlets_text() -> str:
    """The built-in outlets file (no outlet), with its comments."""
    return datafile.built_in_text("outlets.toml")


@cache
def default_outlets() -> Outlets:
    """The outlets of ``analysis/data/outlets.toml``: none (presslens knows no outlet)."""
    return parse_outlets(default_outlets_text())


def outlets_to_toml(outlets: Outlets) -> str:
    """Outlets TOML that :func:`parse_outlets` reads back to the same outlets."""
    lines = ["# presslens outlets (see analysis/data/outlets.toml for the format)", ""]
    for outlet in outlets:
        lines.append("[[outlet]]")
        lines.append(f"name = {datafile.toml_string(outlet.name)}")
        for key, value in ((COUNTRY, outlet.country), (LANGUAGE, outlet.language)):
            if value:
                lines.append(f"{key} = {datafile.toml_string(value)}")
        if outlet.aliases:
            lines.append(f"aliases = {datafile.toml_list(outlet.aliases)}")
        if outlet.proposed:
            lines.append("proposed = true")
        if outlet.groups:
            lines.append("[outlet.groups]")
            lines += [
                f"{datafile.toml_string(key)} = {datafile.toml_string(value)}"
                for key, value in outlet.groups
            ]
        lines.append("")
    return "\n".join(lines)


def outlets_frame(outlets: Outlets) -> pd.DataFrame:
    """The outlets as the editor's table (:data:`FRAME_COLUMNS`): ``groups`` as
    ``lean = left; owner = state`` and ``aliases`` joined by the one separator of
    :mod:`analysis.datafile`; ``proposed`` a bool."""
    return pd.DataFrame(
        [
            (
                o.name,
                o.country,
                o.language,
                datafile.join_list(f"{key} {LABEL_SIGN} {value}" for key, value in o.groups),
                datafile.join_list(o.aliases),
                o.proposed,
            )
            for o in outlets
        ],
        columns=list(FRAME_COLUMNS),
    ).astype({"proposed": bool})


def outlets_from_frame(frame: pd.DataFrame) -> Outlets:
    """Outlets from a table shaped like :func:`outlets_frame` (blank rows skipped; an empty
    table is no outlet)."""
    records = [
        row
        for row in frame.to_dict("records")
        if any(
            datafile.cell(value, what="a cell", keep_lines=True)
            for column, value in row.items()
            if column != "proposed"
        )
    ]
    with datafile.refused_as(OutletError):
        datafile.check_entries(len(records), "rows")
    outlets = []
    for number, row in enumerate(records, 1):
        who = _named(number, datafile.cell(row.get("name"), what="a name"))
        with datafile.refused_as(OutletError):
            labels = datafile.split_list(row.get("groups"), what=f"{who}: its groups")
        groups = {}
        for item in labels:
            key, sign, value = item.partition(LABEL_SIGN)
            if not sign:
                raise OutletError(
                    f"{who}: write each group label as grouping {LABEL_SIGN} label "
                    f"(e.g. lean {LABEL_SIGN} left), not {item!r}."
                )
            groups[key.strip()] = value.strip()
        entry = {field: row.get(field) for field in (COUNTRY, LANGUAGE, "aliases")}
        proposed = row.get("proposed", False)
        entry |= {"groups": groups, "proposed": bool(proposed) and not pd.isna(proposed)}
        outlets.append(_outlet({"name": row.get("name"), **entry}, number))
    return _validated(tuple(outlets))


def groupings(outlets: Outlets) -> tuple[str, ...]:
    """The groupings the accepted outlets of ``outlets`` give labels in: country and language
    when any outlet has one, then the keys of ``[outlet.groups]`` in the file's order."""
    accepted = [o for o in outlets if not o.proposed]
    built_in = tuple(g for g in BUILT_IN_GROUPINGS if any(o.label(g) for o in accepted))
    own = dict.fromkeys(key for o in accepted for key, _ in o.groups)
    return built_in + tuple(own)


def group_labels(outlets: Outlets, *, names: Iterable[str] | None = None) -> pd.DataFrame:
    """Each outlet's label in each grouping: one row per outlet (column ``outlet``: ``names``
    in order when given, else the accepted outlets of the file), a column per grouping of
    :func:`groupings`, text, missing (NA) where the outlet has no label or is not in the file
    (or is only proposed)."""
    accepted = {o.name: o for o in outlets if not o.proposed}
    kinds = groupings(outlets)
    listed = list(accepted) if names is None else list(dict.fromkeys(names))
    rows = [
        [name] + [(accepted[name].label(g) or None) if name in accepted else None for g in kinds]
        for name in listed
    ]
    return pd.DataFrame(rows, columns=[S.OUTLET, *kinds]).astype("string")


def alias_map(outlets: Outlets) -> dict[str, str]:
    """Every name and alias of ``outlets``, case-folded -> the outlet's name."""
    names = {o.name.casefold(): o.name for o in outlets}
    return names | {a.casefold(): o.name for o in outlets for a in o.aliases}


def merge_aliases(articles: pd.DataFrame, outlets: Outlets) -> pd.DataFrame:
    """``articles`` (a copy) with each article whose outlet or domain is a name or alias of an
    outlet of ``outlets`` (case-insensitively; the outlet first) given that outlet's name;
    ``articles`` itself when nothing changes."""
    names = alias_map(outlets)
    if not names or S.OUTLET not in articles:
        return articles
    outlet = articles[S.OUTLET].astype("string")
    merged = outlet.str.casefold().map(names)
    if S.DOMAIN in articles:
        merged = merged.fillna(articles[S.DOMAIN].astype("string").str.casefold().map(names))
    merged = merged.fillna(outlet)
    if merged.equals(outlet):
        return articles
    return articles.assign(**{S.OUTLET: merged.astype(articles[S.OUTLET].dtype)})


@cache
def country_tlds() -> dict[str, str]:
    """The reviewed country-code top-level domains: code (``pk``) -> country
    (``analysis/data/country_tlds.csv``)."""
    text = datafile.built_in_text("country_tlds.csv")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    return {row["tld"]: row["country"] for row in csv.DictReader(io.StringIO("".join(lines)))}


def country_of_domain(domain: object) -> str:
    """The country a domain's country-code top-level domain names (``tribune.com.pk`` ->
    Pakistan, ``bbc.co.uk`` -> United Kingdom); "" for a generic or unknown one (``.com``,
    ``.tv``)."""
    if not isinstance(domain, str):
        return ""
    host = domain.strip().lower().rstrip(".").rsplit(":", 1)[0]
    return country_tlds().get(host.rsplit(".", 1)[-1], "") if "." in host else ""


def propose_outlets(articles: pd.DataFrame, outlets: Outlets = ()) -> Outlets:
    """A proposed entry (``proposed=True``) for each outlet of ``articles`` that ``outlets``
    does not name (by name or alias), in order of most articles: its country from a
    ``country`` column of the corpus when it has one, else from its domains' country-code
    top-level domain (the one most of its articles give), its language the one most of its
    articles are in. An outlet of which nothing can be proposed is left out."""
    known = alias_map(outlets)
    if articles.empty:
        return ()
    order = articles[S.OUTLET].value_counts(sort=True).index
    country = _per_outlet(articles, COUNTRY) if COUNTRY in articles else {}
    if S.DOMAIN in articles:
        by_domain = _per_outlet(articles, S.DOMAIN, country_of_domain)
        country = {o: country.get(o) or by_domain.get(o, "") for o in set(country) | set(by_domain)}
    language = _per_outlet(articles, S.LANGUAGE) if S.LANGUAGE in articles else {}
    proposals = [
        Outlet(name, country.get(name, ""), language.get(name, ""), proposed=True)
        for name in order
        if isinstance(name, str) and name.casefold() not in known
    ]
    return tuple(p for p in proposals if p.country or p.language)


def _per_outlet(
    articles: pd.DataFrame, column: str, read: Callable[[object], str] | None = None
) -> dict[str, str]:
    """Each outlet's most common non-empty value of ``column`` (read by ``read`` first:
    a domain's country), counted over its articles (ties: the first in order)."""
    pairs = articles.groupby([S.OUTLET, column], sort=False, dropna=True).size()
    counts: dict[str, Counter[str]] = {}
    for (outlet, value), count in pairs.items():
        text = read(value) if read is not None else value
        if isinstance(text, str) and text:
            counts.setdefault(str(outlet), Counter())[text] += int(count)
    return {outlet: counter.most_common(1)[0][0] for outlet, counter in counts.items()}


def with_proposals(outlets: Outlets, proposals: Outlets) -> Outlets:
    """``outlets`` and, after them, those of ``proposals`` it does not name yet."""
    known = alias_map(outlets)
    return outlets + tuple(p for p in proposals if p.name.casefold() not in known)


def accept(outlets: Outlets, names: Iterable[str] | None = None) -> Outlets:
    """``outlets`` with the proposals named (all when ``names`` is None) accepted."""
    chosen = None if names is None else set(names)
    return tuple(
        replace(o, proposed=False) if chosen is None or o.name in chosen else o for o in outlets
    )
