"""Gather, for one dyad, the evidence each dependence number rests on: dependency
statements (sensitivity), named alternatives (substitutability) and directed flows
(bandwidth), per domain and direction.

Actors count for the state they belong to (``bil:country``: the Lukashenko regime counts
for Belarus, Gazprom for Russia); the two named actors are never rolled up. Statements
that say something did not happen are left out.

Flow semantics (bandwidth): a flow from B to A is a loan (creditor B, debtor A), a
lease (lessor B, lessee A), or an agreement, support, cooperation or disbursement whose
agent is B and whose target or party is A. An agreement between parties is a flow only
toward its ``bil:beneficiary``. Pressure and sanctions are not flows, nor are policies
(B's conduct, which may cost A), proposals, plans and pledges not yet delivered
(``FLOW_STATUSES_EXCLUDED``); a dependency statement is not its own flow; the parts of
a loan (``bil:partOf``) count with the loan when the loan counts in the slice, not
again. Price arrangements count: they carry a supply, whatever its terms.

>>> from bilateral.graph.measures.snapshot import read_snapshot
>>> snap = read_snapshot()
>>> ev = gather(snap.records, snap.actors, snap.resolve("belarus"), snap.resolve("russia"))
>>> [i.value for i in ev.cells[("a", "energy")].sensitivity]
[0.75]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain

from bilateral.errors import InputError
from bilateral.graph.measures.clock import (
    Slice,
    carried,
    in_slice,
    timeless,
    valid_from,
    valid_to,
)
from bilateral.graph.measures.recordtypes import Actor, Record
from bilateral.graph.measures.sdi import Cell, Item
from bilateral.ontology.vocab import curie

__all__ = ["FLOW_CLASSES", "FLOW_STATUSES_EXCLUDED", "Evidence", "about", "gather"]

#: statement classes that carry something from one actor to another
FLOW_CLASSES = frozenset({"Agreement", "Support", "Cooperation", "Disbursement"})
#: statuses of flows that have not (yet) happened (a pledge is a promise, not a delivery)
FLOW_STATUSES_EXCLUDED = frozenset({"proposed", "planned", "possible", "threatened", "pledged"})


@dataclass
class Evidence:
    """Cells keyed by (direction, domain): direction ``"a"`` is A on B, ``"b"`` B on A.

    ``flows`` holds, per direction and domain, the flow statements from the provider to
    the dependent with their weight (confidence × weakening). ``carried`` names the
    evidence statements that count in the slice only by being carried forward past
    their sources' date (with that date); ``timeless`` those left out of a dated slice
    because they hold at no known time (no date, no dated source); ``unbounded`` those
    counted in a dated slice with an open start or end that no dated source bounds;
    ``undated`` those counted in a dated slice only because their sources' date is in it.
    """

    a: str
    b: str
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    flows: dict[tuple[str, str], dict[str, float]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    carried: dict[str, date | None] = field(default_factory=dict)
    timeless: set[str] = field(default_factory=set)
    unbounded: set[str] = field(default_factory=set)
    undated: set[str] = field(default_factory=set)

    def domains(self) -> set[str]:
        """Domains with dependency evidence in either direction."""
        return {d for (_, d), cell in self.cells.items() if cell.sensitivity}

    def cell(self, direction: str, domain: str) -> Cell:
        """The cell (empty if there is no evidence)."""
        return self.cells.get((direction, domain)) or Cell(domain=domain)

    def statements(self, direction: str | None = None, domain: str | None = None) -> set[str]:
        """The evidence statements (dependencies and alternatives) of a direction and
        domain (or of all)."""
        return {
            iri
            for (dirn, d), cell in self.cells.items()
            if (direction is None or dirn == direction) and (domain is None or d == domain)
            for item in [*cell.sensitivity, *cell.alternatives]
            for iri in item.statements
        }

    def claims(self, domain: str | None = None) -> int:
        """How many claims are evidence in ``domain`` (or in any), either direction (a
        statement restated under several IRIs is one claim)."""
        return len(
            {
                item.statements
                for (_, d), cell in self.cells.items()
                if domain is None or d == domain
                for item in [*cell.sensitivity, *cell.alternatives]
            }
        )

    def carries(self, direction: str, domain: str | None = None) -> bool:
        """Whether some evidence of ``direction`` (in ``domain``, or in any) counts only
        by being carried forward past its sources' date."""
        return not self.statements(direction, domain).isdisjoint(self.carried)

    def bandwidth(self, direction: str, domain: str | None = None) -> float:
        """Weighted count of flows toward the dependent (in ``domain``, or in any)."""
        if domain is not None:
            return sum(self.flows.get((direction, domain), {}).values())
        merged: dict[str, float] = {}
        for (dirn, _), flows in self.flows.items():
            if dirn == direction:
                merged.update(flows)
        return sum(merged.values())


def _flows(rec: Record, to: dict[str, str]) -> set[tuple[str, str]]:
    """(giver, receiver) pairs of a flow statement, actors rolled up."""
    if not rec.classes & FLOW_CLASSES or rec.status in FLOW_STATUSES_EXCLUDED:
        return set()
    r = rec.roles

    def up(xs: Iterable[str]) -> set[str]:
        return {to.get(x, x) for x in xs}

    pairs: set[tuple[str, str]] = set()
    for giver, receiver in (("creditor", "debtor"), ("lessor", "lessee")):
        pairs |= {(g, t) for g in up(r.get(giver, ())) for t in up(r.get(receiver, ()))}
    agents = up(r.get("agent", ()))
    receivers = up(r.get("target", ())) | up(r.get("party", ()))
    pairs |= {(g, t) for g in agents for t in receivers}
    if not agents and not pairs:
        gainers = up(r.get("beneficiary", ()))
        pairs |= {(g, t) for g in up(r.get("party", ())) for t in gainers}
    return {(g, t) for g, t in pairs if g != t}


def _checked(rec: Record, name: str, value: float) -> float:
    """A curated number the measures accept: finite and in [0, 1]."""
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise InputError(
            f"{curie(rec.iri)}: bil:{name} {value!r} is not a number in [0, 1]; "
            "the measures refuse it (run `bilateral validate`)"
        )
    return value


_ROLES = ("dependent", "provider", "alternative")
#: what makes statements one claim (``_claims``): direction, role, domains, code,
#: confidence, dates (start, end, held by), sources, and the participants of ``_ROLES``
_Claim = tuple[
    str, str, tuple[str, ...], float, float, tuple[date | None, date | None, date | None],
    tuple[str, ...], tuple[tuple[str, ...], ...],
]  # fmt: skip


def _side(rec: Record, to: dict[str, str], sides: dict[tuple[str, str], str]) -> list[str]:
    """The directions (``"a"``, ``"b"``) in which a dependency or alternatives statement
    is evidence about the dyad, its actors rolled up (none for other statements)."""
    if "Dependency" not in rec.classes and "Alternatives" not in rec.classes:
        return []
    dependents = {to.get(x, x) for x in rec.roles.get("dependent", ())}
    providers = {to.get(x, x) for x in rec.roles.get("provider", ())}
    return [d for (x, y), d in sides.items() if x in dependents and y in providers]


def _claims(
    found: list[tuple[str, str, Record, float]],
) -> list[tuple[str, str, tuple[str, ...], Item, tuple[str, ...]]]:
    """One ``Item`` per claim, as ``(direction, role, domains, item, sources)``.

    Statements with the same roles, domains, code, confidence, dates and sources are one
    claim (restated under several IRIs): a scenario that weakens some of them leaves the
    claim as strong as its least weakened statement. Its stream is set per cell
    (``_streams``)."""
    groups: dict[_Claim, list[tuple[str, str, Record, float]]] = {}
    for direction, role, rec, value in found:
        who = tuple(tuple(rec.roles.get(r, ())) for r in _ROLES)
        dates = (rec.start, rec.end, rec.held_by)
        key: _Claim = (direction, role, rec.domains, value, rec.confidence, dates,
                       tuple(sorted(rec.sources)), who)  # fmt: skip
        groups.setdefault(key, []).append((direction, role, rec, value))
    out = []
    for key, grouped in groups.items():
        direction, role, domains, value, confidence, dates, srcs, _ = key
        members = tuple(sorted(rec.iri for _, _, rec, _ in grouped))
        factor = max(rec.weight_factor for _, _, rec, _ in grouped)
        item = Item(members[0], value, confidence, factor, stream=dates, members=members)
        out.append((direction, role, domains, item, srcs))
    return out


def _streams(items: list[tuple[Item, tuple[str, ...]]], role: str) -> list[Item]:
    """A cell's claims with the streams whether they hold draws from: seeded by what a
    claim says (role, code, confidence, dates) and by its rank among the sources saying
    it alike in this cell, in the order of their IRIs. One source's claims coded alike
    hold or fail together in a cell (one piece of evidence, whatever their roles before
    roll-up or their other domains); other sources corroborate independently; and since
    claims of equal content draw alike whichever gets which rank, the order changes no
    number (a scenario weakening one of them aside: which draws which then follows the
    names, a change of resampling noise only)."""
    ranks: dict[tuple[float, float, tuple[object, ...]], list[tuple[str, ...]]] = {}
    for item, srcs in items:
        found = ranks.setdefault((item.value, item.confidence, item.stream), [])
        if srcs not in found:
            found.append(srcs)
    for found in ranks.values():
        found.sort()
    out = []
    for item, srcs in items:
        content = (item.value, item.confidence, item.stream)
        rank = ranks[content].index(srcs)
        out.append(replace(item, stream=(role, *content[:2], *item.stream, rank)))
    return out


def about(records: Iterable[Record], actors: dict[str, Actor], a: str, b: str) -> list[Record]:
    """The records ``gather`` can use for A and B: those with a participant that counts
    for A or B, and the wholes they are part of (read once; a series of slices then
    gathers from these alone)."""
    records = list(records)
    ours = {a, b} | {iri for iri, act in actors.items() if act.country in (a, b)}
    mine = [r for r in records if not ours.isdisjoint(chain.from_iterable(r.roles.values()))]
    wholes = {p for r in mine for p in r.part_of}
    keep = {r.iri for r in mine} | wholes
    return [r for r in records if r.iri in keep]


def gather(
    records: Iterable[Record],
    actors: dict[str, Actor],
    a: str,
    b: str,
    *,
    when: Slice | None = None,
    members: Mapping[str, str] | None = None,
) -> Evidence:
    """The evidence about A and B (IRIs) in the time slice ``when`` (all time if None).
    ``members`` maps actors that count for A or B instead of for their country (a
    regime's head for the regime: ``levels.py``)."""
    to = {iri: act.country for iri, act in actors.items() if act.country and iri not in (a, b)}
    to.update(members or {})
    ev = Evidence(a, b)
    sides = {(a, b): "a", (b, a): "b"}
    kept = []
    for r in records:
        if r.negative:
            continue
        if when is not None and not in_slice(r, when):
            if timeless(r) and _side(r, to, sides):
                ev.timeless.add(r.iri)  # evidence about A and B a dated slice cannot place
            continue
        kept.append(r)
    present = {r.iri for r in kept}  # a part counts with its whole only if the whole counts
    ours = {a, b} | {iri for iri, state in to.items() if state in (a, b)}  # count for A or B
    dated = when is not None and not when.all_time
    found: list[tuple[str, str, Record, float]] = []
    for rec in kept:
        if "Dependency" in rec.classes or "Alternatives" in rec.classes:
            name = "strength" if "Dependency" in rec.classes else "substitutability"
            raw = rec.strength if name == "strength" else rec.substitutability
            if raw is None:
                continue
            value = _checked(rec, name, raw)
            _checked(rec, "confidence", rec.confidence)
            role = "dependency" if name == "strength" else "alternative"
            for direction in _side(rec, to, sides):
                found.append((direction, role, rec, value))
                if carried(rec, when):
                    ev.carried[rec.iri] = valid_to(rec)
                elif dated and rec.issued is None and None in (valid_from(rec), valid_to(rec)):
                    ev.unbounded.add(rec.iri)
                elif dated and rec.start is None and rec.end is None and rec.held_by is None:
                    ev.undated.add(rec.iri)
            continue
        if ours.isdisjoint(chain.from_iterable(rec.roles.values())):
            continue  # no participant counts for A or B: not a flow between them
        if any(p in present for p in rec.part_of):
            continue  # counted with the whole it is part of
        for giver, receiver in _flows(rec, to):
            side = sides.get((receiver, giver))
            if side is not None:
                for d in rec.domains:
                    ev.flows[(side, d)][rec.iri] = rec.confidence * rec.weight_factor
    placed: dict[tuple[str, str, str], list[tuple[Item, tuple[str, ...]]]] = {}
    for direction, role, domains, item, srcs in _claims(found):
        for d in domains:
            placed.setdefault((direction, d, role), []).append((item, srcs))
    for (direction, d, role), items in placed.items():
        cell = ev.cells.get((direction, d))
        if cell is None:
            cell = ev.cells[(direction, d)] = Cell(domain=d)
        (cell.sensitivity if role == "dependency" else cell.alternatives).extend(
            _streams(items, role)
        )
    return ev
