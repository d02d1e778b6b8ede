"""Synthetic bilateral-relations graphs for the benchmarks (seeded, deterministic).

Typed actors whose participation follows a power law (a few states and leaders take
part in most statements), statement nodes of the ontology's kinds with dates, amounts,
domains, strengths, hedges and quotes, each derived from one of the generated sources
(one per 10 000 triples). With ``texts``, each source names a text file (``bil:textFile``)
that holds its statements' quotes, so the data validates clean, quote check included;
``ensure`` and the command line write those files into a folder beside the graph.

    python -m benchmarks.generate --triples 1000000 --out benchmarks/data/g1m.nt

>>> import io
>>> out = io.StringIO()
>>> n = write(out, 2000, seed=1)
>>> 1900 <= n <= 2200 and out.getvalue().count("\\n") == n
True
"""

from __future__ import annotations

import argparse
import bisect
import random
import sys
from itertools import accumulate
from pathlib import Path
from typing import TextIO

BIL = "https://w3id.org/bilateral/ontology#"
BID = "https://w3id.org/bilateral/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
XSD = "http://www.w3.org/2001/XMLSchema#"

ACTOR_KINDS = [
    ("State", 4),
    ("Person", 20),
    ("GovernmentBody", 14),
    ("SecurityAgency", 6),
    ("ArmedForces", 4),
    ("Company", 20),
    ("Bank", 5),
    ("Group", 20),
    ("PoliticalParty", 4),
    ("ReligiousOrganization", 3),
]
DOMAINS = [
    "political",
    "diplomatic",
    "economic",
    "energy",
    "finance",
    "trade",
    "security",
    "military",
    "information",
    "religious",
]
# kind, participant roles (from, to), share
STATEMENT_KINDS = [
    ("Support", ("agent", "target"), 22),
    ("Pressure", ("agent", "target"), 14),
    ("Loan", ("creditor", "debtor"), 8),
    ("Dependency", ("dependent", "provider"), 10),
    ("Cooperation", ("party", "party"), 12),
    ("Visit", ("agent", "target"), 10),
    ("Speech", ("agent", "target"), 10),
    ("IntergovernmentalAgreement", ("party", "party"), 8),
    ("Sanction", ("agent", "target"), 6),
]
WORDS = (
    "relations crisis support loan pressure energy trade security border talks summit "
    "agreement sanctions transit gas oil bank army media church election"
).split()


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(
    out: TextIO,
    triples: int,
    *,
    seed: int = 42,
    texts: dict[str, list[str]] | None = None,
    text_folder: str = "texts",
) -> int:
    """Write about ``triples`` N-Triples lines to ``out``; return how many.

    ``texts``, if given, receives each source's text file name (under ``text_folder``)
    with the quotes it must hold.
    """
    rng = random.Random(seed)
    n_sources = max(1, triples // 10_000)
    n_actors = max(20, triples // 60)
    lines = 0

    def emit(s: str, p: str, o: str) -> None:
        nonlocal lines
        out.write(f"{s} {p} {o} .\n")
        lines += 1

    kinds = list(accumulate(w for _, w in ACTOR_KINDS))
    actor_kind = []
    states = []
    for i in range(n_actors):
        kind = ACTOR_KINDS[bisect.bisect(kinds, rng.random() * kinds[-1])][0]
        if i < 5:
            kind = "State"
        actor_kind.append(kind)
        if kind == "State":
            states.append(i)
    # power law: actor i takes part with weight 1/(i+1)^0.9 (Zipf-like)
    weights = list(accumulate(1.0 / (i + 1) ** 0.9 for i in range(n_actors)))

    def pick() -> int:
        return bisect.bisect(weights, rng.random() * weights[-1])

    for i, kind in enumerate(actor_kind):
        node = f"<{BID}actor-{i}>"
        emit(node, RDF_TYPE, f"<{BIL}{kind}>")
        emit(node, LABEL, _lit(f"{kind} {i}"))
        if kind != "State":
            emit(node, f"<{BIL}country>", f"<{BID}actor-{states[i % len(states)]}>")
    sources = [
        f"<https://w3id.org/bilateral/source/synthetic-{seed}-{k}>" for k in range(n_sources)
    ]
    quotes: list[list[str]] = [[] for _ in sources]
    for k, source in enumerate(sources):
        emit(source, RDF_TYPE, f"<{BIL}Source>")
        emit(source, LABEL, _lit(f"Synthetic source {k}"))
        if texts is not None:
            emit(source, f"<{BIL}textFile>", _lit(f"{text_folder}/source-{k}.txt"))
    skinds = list(accumulate(w for *_, w in STATEMENT_KINDS))
    j = -1
    while lines < triples:
        j += 1
        kind, (r1, r2), _ = STATEMENT_KINDS[bisect.bisect(skinds, rng.random() * skinds[-1])]
        if kind == "Sanction":
            kind = "Pressure"
        node = f"<{BID}st-{j}>"
        a, b = pick(), pick()
        while b == a:
            b = pick()
        emit(node, RDF_TYPE, f"<{BIL}{kind}>")
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        emit(node, LABEL, _lit(f"{kind} {j}: {words}"))
        emit(node, f"<{BIL}{r1}>", f"<{BID}actor-{a}>")
        emit(node, f"<{BIL}{r2}>", f"<{BID}actor-{b}>")
        emit(node, f"<{BIL}domain>", f"<{BIL}{rng.choice(DOMAINS)}>")
        year = rng.randint(1995, 2024)
        month = rng.randint(1, 12)
        if rng.random() < 0.3:
            emit(node, f"<{BIL}startDate>", f'"{year}-{month:02d}-01"^^<{XSD}date>')
            emit(
                node,
                f"<{BIL}endDate>",
                f'"{min(year + rng.randint(0, 5), 2025)}-12-31"^^<{XSD}date>',
            )
        else:
            emit(node, f"<{BIL}date>", f'"{year}-{month:02d}-01"^^<{XSD}date>')
        emit(node, f"<{BIL}datePrecision>", '"month"')
        emit(node, DERIVED, sources[j % n_sources])
        emit(node, f"<{BIL}quote>", _lit(f"In {year}, {words}."))
        quotes[j % n_sources].append(f"In {year}, {words}.")
        if kind == "Loan":
            emit(node, f"<{BIL}amount>", f'"{rng.randint(1, 500) * 1000000}.0"^^<{XSD}decimal>')
            emit(node, f"<{BIL}currency>", '"USD"')
        elif kind == "Dependency":
            emit(
                node, f"<{BIL}strength>", f'"{rng.choice([0.25, 0.5, 0.75, 1.0])}"^^<{XSD}decimal>'
            )
            emit(node, "<http://www.w3.org/2000/01/rdf-schema#comment>", _lit("synthetic"))
        if rng.random() < 0.1:
            emit(node, f"<{BIL}hedge>", '"reportedly"')
            emit(node, f"<{BIL}confidence>", f'"0.6"^^<{XSD}decimal>')
        if rng.random() < 0.05:
            emit(node, f"<{BIL}status>", '"not-done"')
    if texts is not None:
        for k, said in enumerate(quotes):
            texts[f"{text_folder}/source-{k}.txt"] = said
    return lines


def write_texts(folder: Path, texts: dict[str, list[str]]) -> None:
    """Write the source texts that ``write`` collected, one quote per line."""
    for name, quotes in texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(quotes) + "\n", encoding="utf-8")


def ensure(triples: int, folder: Path, *, seed: int = 42) -> Path:
    """The generated file for ``triples`` (made once, then reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic-{triples}-{seed}.nt"
    if not path.exists() or not (folder / f"{path.stem}-texts").is_dir():  # older: no texts
        tmp = path.with_suffix(".tmp")
        texts: dict[str, list[str]] = {}
        with tmp.open("w", encoding="utf-8") as fh:
            write(fh, triples, seed=seed, texts=texts, text_folder=f"{path.stem}-texts")
        write_texts(folder, texts)
        tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write a synthetic graph."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    texts: dict[str, list[str]] = {}
    with args.out.open("w", encoding="utf-8") as fh:
        n = write(
            fh, args.triples, seed=args.seed, texts=texts, text_folder=f"{args.out.stem}-texts"
        )
    write_texts(args.out.parent, texts)
    print(f"wrote {n} triples to {args.out} and {len(texts)} source texts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
