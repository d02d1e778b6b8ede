"""What a scenario takes away: statements, actors, and what exists only through them.

Removing an actor strips it from every statement; a statement that thereby loses all
members of a role it had (its only agent, its only dependent, the only target of a
support …), or a tie between parties that had two or more distinct participants and
keeps fewer than two, is removed too.
Bodies that exist only through the removed actor (a ``bil:Control`` statement marked
``bil:existential``, e.g. the Lukashenko regime through Lukashenko) are removed with
it, and so are statements ``bil:drivenBy`` removed statements, except a limited
alternative: its cause is what limits it, so it stays as a floor when the cause goes
(a ruling-out goes with its cause). This repeats until nothing changes. Weakening
multiplies a statement's weight (and its strength in the dependence index) by a factor.

>>> from bilateral.graph.measures.records import Record
>>> speech = Record("s", "s", ("Speech",), {"agent": ("x",)})
>>> deal = Record("d", "d", ("Agreement",), {"party": ("x", "y", "z")})
>>> out = apply(["x"], {}, [speech, deal], {"x"})
>>> [r.iri for r in out.records], out.records[0].roles["party"], sorted(out.statements)
(['d'], ('y', 'z'), ['s'])
>>> out.because["s"]
'loses its only agent (x)'
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace

from bilateral.graph.measures.recordtypes import Record

__all__ = ["Applied", "apply"]


@dataclass
class Applied:
    """The records left after a scenario, and what it removed (directly or through).

    ``because`` says, for every removed statement and actor and every weakened
    statement, which rule took it: named by the scenario, an existential control, a
    lost role, a removed driver (``bil:drivenBy``), or a weakening.
    """

    records: list[Record]
    statements: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    because: dict[str, str] = field(default_factory=dict)


def _participants(rec: Record, gone: Collection[str] = ()) -> set[str]:
    return {m for members in rec.roles.values() for m in members if m not in gone}


def _loses_a_role(rec: Record, gone: set[str], because: dict[str, str]) -> str | None:
    """Why removing ``gone`` takes ``rec`` (None: it does not): it empties one of its
    roles, or leaves a tie between parties that had two or more distinct participants
    (counted across all its roles, so a beneficiary that is also a party counts once)
    with fewer than two."""
    if not gone:
        return None
    for role, members in rec.roles.items():
        if members and all(m in gone for m in members):
            return f"loses its only {role} ({', '.join(_chain(m, because) for m in members)})"
    if len(rec.roles.get("party", ())) == 0:
        return None  # the co-agents of a speech need no counterpart
    if len(_participants(rec)) >= 2 and len(_participants(rec, gone)) < 2:
        return "keeps fewer than two parties"
    return None


def _a_limit(rec: Record) -> bool:
    """An alternatives statement that names a limited alternative (above 0): its cause
    (``bil:drivenBy``) limits the alternative, so without the cause the alternative
    offers at least as much. It stays, as a floor; a ruling-out (0) goes with its cause."""
    return "Alternatives" in rec.classes and (rec.substitutability or 0.0) > 0.0


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _chain(iri: str, because: dict[str, str]) -> str:
    """An IRI's short name, with why it went when the scenario did not name it."""
    why = because.get(iri)
    return _short(iri) if why in (None, NAMED) else f"{_short(iri)}, which {why}"


NAMED = "named by the scenario"


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
    because = dict.fromkeys(gone_actors | gone_statements, NAMED)
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
                for actor in new:
                    because[actor] = (
                        f"exists only through {', '.join(_chain(c, because) for c in controllers)}"
                        f" (bil:existential control {_short(rec.iri)})"
                    )
                gone_actors |= new
                todo_actors.extend(new)
            drivers = [d for d in rec.driven_by if d in by_iri]
            why: str | None = None
            if drivers and all(d in gone_statements for d in drivers):
                causes = ", ".join(_chain(d, because) for d in drivers)
                if _a_limit(rec):
                    because[rec.iri] = f"kept as a floor: its limit goes with {causes}"
                else:
                    why = f"is driven by {causes} (bil:drivenBy)"
            if why is None:
                why = _loses_a_role(rec, gone_actors, because)
            if why is not None:
                because[rec.iri] = why
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
        if factor is not None:
            because[rec.iri] = f"weakened by the scenario (bil:weakens, x{factor:g})"
            rec = rec.weakened(factor)
        kept.append(rec)
    return Applied(kept, gone_statements, gone_actors, because)
