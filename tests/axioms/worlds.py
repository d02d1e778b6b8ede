"""Generated worlds for the axioms of the dependence index: small datasets of three states
(A, B and C), a body of each that rolls up to it, a few sources (dated or not), and
dependency and alternatives statements with random roles, domains, codes, confidences
and dates. A ``World`` is plain data; ``graph(world)`` turns it into the RDF the loader
would give (ontology included), so every property goes through the same reading as
real data: records, roll-up, time, evidence, draws.

Names are the point of some properties, so a world can be renamed (``renamed``): every
``bid:`` and ``bsrc:`` IRI and every label replaced, the structure unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, PROV, XSD

BIL = Namespace("https://w3id.org/bilateral/ontology#")
BID = Namespace("https://w3id.org/bilateral/id/")
BSRC = Namespace("https://w3id.org/bilateral/source/")

#: the scheme's domains (``bil:Domains``)
DOMAINS = (
    "diplomatic", "economic", "energy", "finance", "information", "military", "political",
    "religious", "security", "trade",
)  # fmt: skip
STATES = ("sa", "sb", "sc")
#: a body of each state, rolled up to it by ``bil:country``
BODIES = {"sa-regime": "sa", "sb-agency": "sb", "sc-person": "sc"}
ACTORS = (*STATES, *BODIES)
LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)


def state_of(actor: str) -> str:
    """The state an actor counts for."""
    return BODIES.get(actor, actor)


@dataclass(frozen=True)
class Source:
    """A source: its slug, its ``dct:issued`` (``YYYY`` or ``YYYY-MM-DD``, or none)."""

    slug: str
    issued: str | None = None
    label: str = "a source"


@dataclass(frozen=True)
class Claim:
    """A dependency (``alternative`` is None) or an alternatives statement."""

    slug: str
    dependent: str
    provider: str
    domains: tuple[str, ...]
    value: float  # strength, or substitutability for alternatives
    source: str
    confidence: float | None = None
    alternative: str | None = None
    kind: str = "Dependency"
    start: str | None = None
    end: str | None = None
    quote: str = "a sentence"
    label: str = "a statement"
    also: str | None = None  # a second source


@dataclass(frozen=True)
class World:
    """The sources and claims of a generated dataset, and the names of its actors."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    labels: tuple[tuple[str, str], ...] = tuple((a, a.upper()) for a in ACTORS)
    names: tuple[tuple[str, str], ...] = field(default=tuple((a, a) for a in ACTORS))
    #: claims the world's one scenario (``bid:scenario-w``, factor 0.5) weakens
    weakens: tuple[str, ...] = ()

    def plus(self, *claims: Claim) -> World:
        """This world with ``claims`` added."""
        return replace(self, claims=(*self.claims, *claims))

    def without(self, slug: str) -> World:
        """This world without the claim ``slug``."""
        return replace(self, claims=tuple(c for c in self.claims if c.slug != slug))

    def iri(self, actor: str) -> str:
        """The IRI an actor has in this world (``renamed`` changes it)."""
        return str(BID[dict(self.names)[actor]])

    def fresh(self, stem: str = "new") -> str:
        """A statement slug this world does not use."""
        used = {c.slug for c in self.claims}
        return next(f"{stem}-{i}" for i in range(len(used) + 1) if f"{stem}-{i}" not in used)


@cache
def _ontology() -> tuple[tuple[object, object, object], ...]:
    from bilateral.graph.source.load import ONTOLOGY_FILE

    g = Graph()
    g.parse(ONTOLOGY_FILE)
    return tuple(g)


def graph(world: World) -> Graph:
    """The world as RDF, with the ontology (what ``bilateral.load`` would give)."""
    g = Graph()
    for triple in _ontology():
        g.add(triple)  # type: ignore[arg-type]
    names, labels = dict(world.names), dict(world.labels)
    for actor in ACTORS:
        node = BID[names[actor]]
        if actor in STATES:
            g.add((node, RDF.type, BIL.State))
        else:
            g.add((node, RDF.type, BIL.GovernmentBody))
            g.add((node, BIL.country, BID[names[BODIES[actor]]]))
        g.add((node, RDFS.label, Literal(labels[actor], lang="en")))
    for src in world.sources:
        node = BSRC[src.slug]
        g.add((node, RDF.type, BIL.Source))
        g.add((node, RDFS.label, Literal(src.label, lang="en")))
        if src.issued is not None:
            kind = XSD.gYear if len(src.issued) == 4 else XSD.date
            g.add((node, DCTERMS.issued, Literal(src.issued, datatype=kind)))
    if world.weakens:
        scenario = BID["scenario-w"]
        g.add((scenario, RDF.type, BIL.Scenario))
        g.add((scenario, RDFS.label, Literal("a scenario", lang="en")))
        g.add((scenario, BIL.weakeningFactor, Literal("0.5", datatype=XSD.decimal)))
        g.add((scenario, PROV.wasDerivedFrom, BSRC[world.sources[0].slug]))
        g.add((scenario, BIL.quote, Literal("a scenario")))
        for slug in world.weakens:
            g.add((scenario, BIL.weakens, BID[slug]))
    for c in world.claims:
        node = BID[c.slug]
        g.add((node, RDF.type, BIL[c.kind]))
        g.add((node, RDFS.label, Literal(c.label, lang="en")))
        g.add((node, BIL.dependent, BID[names[c.dependent]]))
        g.add((node, BIL.provider, BID[names[c.provider]]))
        for d in c.domains:
            g.add((node, BIL.domain, BIL[d]))
        value = Literal(str(c.value), datatype=XSD.decimal)
        if c.kind == "Dependency":
            g.add((node, BIL.strength, value))
        else:
            g.add((node, BIL.substitutability, value))
            if c.alternative is not None:
                g.add((node, BIL.alternativeProvider, BID[names[c.alternative]]))
        if c.confidence is not None:
            g.add((node, BIL.confidence, Literal(str(c.confidence), datatype=XSD.decimal)))
            g.add((node, BIL.hedge, Literal("reportedly")))
        if c.start is not None and c.start == c.end:
            g.add((node, BIL.date, Literal(c.start, datatype=XSD.date)))
        else:
            if c.start is not None:
                g.add((node, BIL.startDate, Literal(c.start, datatype=XSD.date)))
            if c.end is not None:
                g.add((node, BIL.endDate, Literal(c.end, datatype=XSD.date)))
        g.add((node, PROV.wasDerivedFrom, BSRC[c.source]))
        if c.also is not None:
            g.add((node, PROV.wasDerivedFrom, BSRC[c.also]))
        g.add((node, BIL.quote, Literal(c.quote)))
    return g


def renamed(world: World, salt: str) -> tuple[World, dict[str, str]]:
    """The world with every IRI and label replaced, names sorting in the reverse order
    of the old ones; and the map of old IRI to new."""
    mapping: dict[str, str] = {}
    names = tuple((a, f"{salt}-actor-{len(ACTORS) - i}") for i, a in enumerate(ACTORS))
    for (_, old), (_, new) in zip(world.names, names, strict=True):
        mapping[str(BID[old])] = str(BID[new])
    n = len(world.sources)
    sources = {s.slug: f"{salt}-src-{n - i}" for i, s in enumerate(world.sources)}
    mapping.update({str(BSRC[o]): str(BSRC[n]) for o, n in sources.items()})
    claims = []
    for i, c in enumerate(world.claims):
        slug = f"{salt}-st-{len(world.claims) - i}"  # another order, too
        mapping[str(BID[c.slug])] = str(BID[slug])
        also = sources[c.also] if c.also is not None else None
        claims.append(
            replace(c, slug=slug, source=sources[c.source], also=also, label=f"{salt} {i}")
        )
    return (
        World(
            sources=tuple(
                replace(s, slug=sources[s.slug], label=f"{salt} {s.label}") for s in world.sources
            ),
            claims=tuple(claims),
            labels=tuple((a, f"{salt} {lab}") for a, lab in world.labels),
            names=names,
        ),
        mapping,
    )


# --- strategies ----------------------------------------------------------------------

years = st.integers(2008, 2023)
issued = st.one_of(
    st.none(),
    years.map(str),
    st.tuples(years, st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)
confidences = st.one_of(st.none(), st.sampled_from([0.2, 0.4, 0.45, 0.5, 0.6, 0.7, 0.9]))


@st.composite
def dates(draw: st.DrawFn) -> tuple[str | None, str | None]:
    """No date, a start, a start and an end, or one day."""
    kind = draw(st.sampled_from(["none", "none", "start", "range", "day"]))
    if kind == "none":
        return None, None
    y = draw(years)
    if kind == "start":
        return f"{y}-01-01", None
    if kind == "day":
        return f"{y}-06-01", f"{y}-06-01"
    return f"{y}-01-01", f"{y + draw(st.integers(0, 4))}-12-31"


@st.composite
def claims(
    draw: st.DrawFn,
    slug: str,
    sources: tuple[Source, ...],
    *,
    dependent: str | None = None,
    provider: str | None = None,
    alternatives: bool | None = None,
    positive: bool = False,
) -> Claim:
    """One claim; ``dependent``/``provider`` (states: any actor of that state) fix the
    direction, ``alternatives`` the kind, ``positive`` a value above 0."""

    def actor_of(state: str | None) -> str:
        pool = [a for a in ACTORS if state is None or state_of(a) == state]
        return draw(st.sampled_from(pool))

    dep = actor_of(dependent)
    others = [a for a in ACTORS if state_of(a) != state_of(dep)]  # never the same state
    prov = draw(st.sampled_from([a for a in others if provider in (None, state_of(a))]))
    is_alt = draw(st.booleans()) if alternatives is None else alternatives
    start, end = draw(dates())
    levels = [v for v in LEVELS if v > 0] if positive else list(LEVELS)
    return Claim(
        slug=slug,
        dependent=dep,
        provider=prov,
        domains=tuple(sorted(draw(st.sets(st.sampled_from(DOMAINS), min_size=1, max_size=2)))),
        value=draw(st.sampled_from(levels)),
        source=draw(st.sampled_from([s.slug for s in sources])),
        also=draw(st.one_of(st.none(), st.sampled_from([s.slug for s in sources]))),
        confidence=draw(confidences),
        kind="Alternatives" if is_alt else "Dependency",
        alternative=draw(st.sampled_from(ACTORS)) if is_alt else None,
        start=start,
        end=end,
        quote=draw(st.sampled_from(["one sentence", "another sentence", "a third"])),
    )


@st.composite
def worlds(draw: st.DrawFn, max_claims: int = 7) -> World:
    """A world: one to three sources and up to ``max_claims`` claims, most about A and B."""
    n = draw(st.integers(1, 3))
    sources = tuple(Source(f"src-{i}", draw(issued)) for i in range(n))
    out = []
    for i in range(draw(st.integers(0, max_claims))):
        if draw(st.integers(0, 3)) == 0:  # now and then another dyad or B on A
            out.append(draw(claims(f"st-{i}", sources)))
        else:
            out.append(draw(claims(f"st-{i}", sources, dependent="sa", provider="sb")))
    return World(sources=sources, claims=tuple(out))


#: as-of dates the properties are also checked at (None: all time)
AS_OF = st.sampled_from([None, None, "2009-06-01", "2015-06-01", "2021-06-01", "2030-01-01"])
#: modelling choices the properties must hold under too (sdi.Model; {}: the defaults)
MODELS = st.sampled_from([
    {}, {}, {"coder_noise": 0.5}, {"band": 0.25}, {"band": 0.0}, {"unknown": (0.0, 1.0)},
    {"unknown": (0.25, 0.25)}, {"min_confidence": 0.5},
])  # fmt: skip
