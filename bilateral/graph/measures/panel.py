"""The dyad-year panel: one long table, one row per directed dyad × domain × year, with
every number ``dependence`` gives for that year (intervals, the reverse, asymmetry,
flows, counts and whether the year's evidence is carried past its sources' date), for
one dyad or for every dyad of states with evidence in the data. The columns and their
types are the codebook in ``docs/measures.md`` (``PANEL_COLUMNS``).

Each year is scored like ``dependence --by year`` scores it: the evidence valid in that
year, over the dyad's fixed set of domains (``TOTAL`` is their weighted mean), with the
same resampling settings, so a row equals ``dependence(g, a, b, from_year=y,
to_year=y)``'s row of that domain.

>>> df = panel(None, "belarus", "russia", from_year=2020, to_year=2021, draws=200)
>>> sorted(set(df["year"])), df.loc[df["domain"] == "TOTAL", "carried_forward"].tolist()
([2020, 2021], [0, 0])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.errors import InputError
from bilateral.graph.measures import sdi
from bilateral.graph.measures.clock import Slice
from bilateral.graph.measures.dependence import domain_set, score
from bilateral.graph.measures.evidence import about, gather
from bilateral.graph.measures.series import year_range
from bilateral.graph.measures.vocabulary import DRAWS, LEVEL, SEED, DyadOptions
from bilateral.graph.measures.weights import averaged, domain_weights

if TYPE_CHECKING:
    import pandas as pd

    from bilateral.graph.measures.results import DependenceResult, DomainResult
    from bilateral.graph.measures.snapshot import GraphLike, Snapshot

__all__ = ["PANEL_COLUMNS", "panel", "state_dyads"]

#: the panel's columns and their pandas dtypes (the codebook: docs/measures.md);
#: indicators are 0/1 integers so that R, Stata and spreadsheets read them alike
PANEL_COLUMNS: dict[str, str] = {
    "dependent": "string",
    "dependent_label": "string",
    "provider": "string",
    "provider_label": "string",
    "domain": "string",
    "year": "int64",
    "weight": "float64",
    "sdi": "float64",
    "sdi_low": "float64",
    "sdi_high": "float64",
    "reverse_sdi": "float64",
    "reverse_sdi_low": "float64",
    "reverse_sdi_high": "float64",
    "asymmetry": "float64",
    "asymmetry_low": "float64",
    "asymmetry_high": "float64",
    "p_more_dependent": "float64",
    "bandwidth": "float64",
    "reverse_bandwidth": "float64",
    "n_claims": "int64",
    "n_statements": "int64",
    "carried_forward": "int64",
    "reverse_carried_forward": "int64",
}


def state_dyads(snap: Snapshot) -> list[tuple[str, str]]:
    """Every directed pair of states (A, B) with dependency or alternatives evidence
    between them in either direction (actors rolled up to their state), both ways,
    sorted by IRI."""
    states = {iri for iri, a in snap.actors.items() if "State" in a.classes}

    def up(iri: str) -> str | None:
        actor = snap.actors.get(iri)
        state = iri if iri in states else actor.country if actor is not None else None
        return state if state in states else None

    pairs: set[frozenset[str]] = set()
    for rec in snap.records:
        if rec.negative or not rec.classes & {"Dependency", "Alternatives"}:
            continue
        for x in rec.roles.get("dependent", ()):
            for y in rec.roles.get("provider", ()):
                a, b = up(x), up(y)
                if a is not None and b is not None and a != b:
                    pairs.add(frozenset((a, b)))
    return sorted(d for p in pairs for d in combinations(sorted(p), 2) for d in (d, d[::-1]))


def _rows(r: DependenceResult, year: int) -> Iterator[dict[str, Any]]:
    total_statements = {iri for d in r.domains for i in d.evidence for iri in i["statements"]}
    row: DomainResult
    for row in [*r.domains, r.summary]:
        statements = (
            total_statements
            if row is r.summary
            else {iri for i in row.evidence for iri in i["statements"]}
        )
        yield {
            "dependent": r.dependent,
            "dependent_label": r.dependent_label,
            "provider": r.provider,
            "provider_label": r.provider_label,
            "domain": row.domain,
            "year": year,
            "weight": row.weight,
            "sdi": row.sdi,
            "sdi_low": row.sdi_low,
            "sdi_high": row.sdi_high,
            "reverse_sdi": row.reverse_sdi,
            "reverse_sdi_low": row.reverse_low,
            "reverse_sdi_high": row.reverse_high,
            "asymmetry": row.asymmetry,
            "asymmetry_low": row.asymmetry_low,
            "asymmetry_high": row.asymmetry_high,
            "p_more_dependent": row.p_more_dependent,
            "bandwidth": row.bandwidth,
            "reverse_bandwidth": row.reverse_bandwidth,
            "n_claims": row.n_claims,
            "n_statements": len(statements),
            "carried_forward": int(row.carried_forward),
            "reverse_carried_forward": int(row.reverse_carried_forward),
        }


def panel(
    g: GraphLike | None = None,
    dependent: str | None = None,
    provider: str | None = None,
    *,
    all_dyads: bool = False,
    from_year: int | None = None,
    to_year: int | None = None,
    known_by: date | str | None = None,
    weights: Mapping[str, float] | str | Path | None = None,
    domains: Sequence[str] | str | None = None,
    level: float = LEVEL,
    draws: int = DRAWS,
    seed: int = SEED,
    unknown: tuple[float, float] = sdi.UNKNOWN,
    band: float = sdi.HALF_BAND,
    min_confidence: float = 0.0,
    coder_noise: float = 0.0,
    data: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The dyad-year panel of ``dependent`` on ``provider``, or (``all_dyads=True``) of
    every directed dyad of states with evidence (``state_dyads``), as a DataFrame with
    the dtypes of ``PANEL_COLUMNS``. Years are ``from_year`` to ``to_year``, by default
    each dyad's own: the years its evidence is valid in. A dyad whose evidence has no
    date at all is left out of ``all_dyads`` (named in ``attrs["notes"]``). The other
    options are ``dependence``'s; the settings used are in ``attrs``."""
    import pandas as pd

    from bilateral.graph.measures.snapshot import snapshot_of

    settings = DyadOptions(
        level=level, draws=draws, seed=seed, unknown=unknown, band=band,
        min_confidence=min_confidence, coder_noise=coder_noise,
    ).settings  # fmt: skip
    if all_dyads and (dependent is not None or provider is not None):
        raise InputError("give a dependent and a provider, or all_dyads, not both")
    if not all_dyads and (dependent is None or provider is None):
        raise InputError("give a dependent and a provider (or all_dyads=True)")
    snap = snapshot_of(g, data=data)
    if known_by is not None:
        snap = snap.known_by(known_by)
    if all_dyads:
        dyads = state_dyads(snap)
    else:
        assert dependent is not None and provider is not None
        a, b = snap.resolve(dependent), snap.resolve(provider)
        if a == b:
            raise InputError("dependent and provider are the same entity")
        dyads = [(a, b)]
    chosen_weights = domain_weights(weights, snap.domains)
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for a, b in dyads:
        evidence = gather(snap.records, snap.actors, a, b)
        chosen = domain_set(snap, evidence, domains)
        averaged(chosen, chosen_weights)
        try:
            lo, hi = year_range(snap, from_year, to_year, evidence.statements(), known_by=known_by)
        except InputError as exc:
            if not all_dyads:
                raise
            notes.append(f"{snap.label(a)} on {snap.label(b)} left out: {exc}")
            continue
        if not evidence.statements():  # notes, never silence: the zeros are no finding
            notes.append(f"no evidence about {snap.label(a)} on {snap.label(b)}: its rows "
                         "are 0 because the sources say nothing, not because there is "
                         "no dependence")  # fmt: skip
        dyad = replace(snap, records=about(snap.records, snap.actors, a, b))  # once a dyad
        for year in range(lo, hi + 1):
            when = Slice(None, date(year, 1, 1), date(year, 12, 31))
            r = score(dyad, a, b, chosen, chosen_weights, when, hinges=False, **settings)
            rows.extend(_rows(r, year))
    if all_dyads and not dyads:
        notes.append("no dependency statement links two states in this data: the panel is empty")
    frame = pd.DataFrame(rows, columns=list(PANEL_COLUMNS)).astype(PANEL_COLUMNS)
    frame.attrs.update({**settings, "model": settings["model"].to_dict(), "notes": notes})
    return frame
