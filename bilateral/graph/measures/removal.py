"""What a scenario takes away: statements, actors, and what exists only through them.

Removing an actor strips it from every statement; a statement that thereby loses all
members of a role it had (its only agent, its only dependent, the only target of a
support …), or a tie between parties that had two or more distinct participants and
keeps fewer than two, is removed too.
Bodies that exist only through the removed actor (a ``bil:Control`` statement marked
``bil:existential``, e.g. the Lukashenko regime through Lukashenko) are removed with
it, and so are statements ``bil:drivenBy`` removed statements. This repeats until
nothing changes. Weakening multiplies a statement's weight (and its strength in the
dependence index) by a factor.

>>> from bilateral.graph.measures.records import Record
>>> speech = Record("s", "s", ("Speech",), {"agent": ("x",)})
>>> deal = Record("d", "d", ("Agreement",), {"party": ("x", "y", "z")})
>>> out = apply(["x"], {}, [speech, deal], {"x"})
>>> [r.iri for r in out.records], out.records[0].roles["party"], sorted(out.statements)
(['d'], ('y', 'z'), ['s'])
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

from bilateral.graph.measures.records import Record

__all__ = ["Applied", "apply"]


@dataclass
class Applied:
    """The records left after a scenario, and what it removed (directly or through)."""

    records: list[Record]
    statements: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)


def _participants(rec: Record, gone: Collection[str] = ()) -> set[str]:
    return {m for members in rec.roles.values() for m in members if m not in gone}


def _loses_a_role(rec: Record, gone: set[str]) -> bool:
    """True when removing ``gone`` empties one of ``rec``'s roles, or leaves a tie between
    parties that had two or more distinct participants (counted across all its roles, so
    a beneficiary that is also a party counts once) with fewer than two."""
    if not gone:
        return False
    for members in rec.roles.values():
        if members and all(m in gone for m in members):
            return True
    if len(rec.roles.get("party", ())) == 0:
        return False  # the co-agents of a speech need no counterpart
    return len(_participants(rec)) >= 2 and len(_participants(rec, gone)) < 2


def apply(
    remove: Iterable[str],
    weaken: Mapping[str, float],
    records: Iterable[Record],
    actors: Collection[str],
) -> Applied:
    """Remove ``remove`` (statement or actor IRIs) and what depends on them; weaken.

    A worklist visits only the statements that mention a newly removed actor or are
    driven by a newly removed statement, so the cost grows with what is removed, not
    with the square of the data.
    """
    records = list(records)
    by_iri = {r.iri: r for r in records}
    mentions: dict[str, list[Record]] = {}
    driven: dict[str, list[Record]] = {}
    for rec in records:
        for member in _participants(rec):
            mentions.setdefault(member, []).append(rec)
        for d in rec.driven_by:
            driven.setdefault(d, []).append(rec)
    wanted = set(remove)
    gone_actors = {x for x in wanted if x in actors}
    gone_statements = {x for x in wanted if x in by_iri}
    todo_actors, todo_statements = list(gone_actors), list(gone_statements)
    while todo_actors or todo_statements:
        touched: dict[str, Record] = {}
        while todo_actors:
            touched.update((r.iri, r) for r in mentions.get(todo_actors.pop(), ()))
        while todo_statements:
            touched.update((r.iri, r) for r in driven.get(todo_statements.pop(), ()))
        for rec in touched.values():
            if rec.iri in gone_statements:  # (removing a control tie removes nobody)
                continue
            controllers = rec.roles.get("controller", ())
            if rec.existential and controllers and all(c in gone_actors for c in controllers):
                new = set(rec.roles.get("controlled", ())) - gone_actors
                gone_actors |= new
                todo_actors.extend(new)
            drivers = [d for d in rec.driven_by if d in by_iri]
            if (drivers and all(d in gone_statements for d in drivers)) or _loses_a_role(
                rec, gone_actors
            ):
                gone_statements.add(rec.iri)
                todo_statements.append(rec.iri)
    kept = []
    for rec in records:
        if rec.iri in gone_statements:
            continue
        if gone_actors:
            roles = {k: tuple(m for m in v if m not in gone_actors) for k, v in rec.roles.items()}
            others = tuple(o for o in rec.others if o not in gone_actors)
            if roles != rec.roles or others != rec.others:
                rec = replace(rec, roles=roles, others=others)
        factor = weaken.get(rec.iri)
        kept.append(rec.weakened(factor) if factor is not None else rec)
    return Applied(kept, gone_statements, gone_actors)
