"""Bad input files: each gives one clear line naming the file, the documented exit code,
and nothing half-loaded. (More cases: tests/source/test_load.py, tests/checks/test_validate.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import BilateralError, DataSyntaxError, InputError

runner = CliRunner()
FIX = Path(__file__).parent.parent / "data"
PREFIXES = (
    "@prefix bil: <https://w3id.org/bilateral/ontology#> .\n"
    "@prefix bid: <https://w3id.org/bilateral/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
)


def _cli(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("syntax.ttl", PREFIXES + 'bid:a a bil:State ;\n  rdfs:label "x\n', 2, "syntax.ttl:5"),
        ("prefix.ttl", "\nfoo:a foo:b foo:c .\n", 2, "prefix.ttl:2"),
        ("iri.ttl", "<http://a b> <http://p> <http://o> .\n", 2, "invalid IRI"),
        ("empty.ttl", "", 2, "empty"),
        ("blank.ttl", "  \n\n", 2, "empty"),
        ("data.rdf", "<rdf:RDF/>", 2, "RDF/XML is not accepted"),
        ("data.jsonld", '{"@context": "http://example.org/ctx"}', 2, "JSON-LD is not accepted"),
        ("data.txt", "hello", 2, "unknown data format"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: str, code: int, message: str) -> None:
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    result = _cli("validate", "--data", str(f))
    assert result.exit_code == code
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_non_utf8_and_bom(tmp_path: Path) -> None:
    bad = tmp_path / "latin.ttl"
    bad.write_bytes(PREFIXES.encode() + 'bid:a rdfs:label "caf\xe9" .\n'.encode("latin-1"))
    result = _cli("validate", "--data", str(bad))
    assert result.exit_code == 2 and "not UTF-8" in result.stderr and "latin.ttl:4" in result.stderr
    bom = tmp_path / "bom.ttl"
    bom.write_bytes(
        b"\xef\xbb\xbf" + (PREFIXES + 'bid:a a bil:State ; rdfs:label "A" .\n').encode()
    )
    assert bilateral.load([bom])


@pytest.mark.slow
def test_unknown_terms_dangling_and_conflicting_labels(tmp_path: Path) -> None:
    result = _cli("validate", "--data", "bundled", "--data", str(FIX / "bad" / "checks-bad.ttl"))
    assert result.exit_code == 1
    for rule in ("unknown-term", "untyped-iri", "conflicting-label", "unlabelled-entity"):
        assert f": {rule}: " in result.stdout


def test_directory_without_data(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("no data here")
    result = _cli("stats", "--data", str(tmp_path))
    assert result.exit_code == 2 and "no .ttl, .nt, .trig or .nq" in result.stderr


def test_failed_file_is_not_merged(tmp_path: Path) -> None:
    good = tmp_path / "a.ttl"
    good.write_text(PREFIXES + 'bid:a a bil:State ; rdfs:label "A" .\n')
    bad = tmp_path / "b.ttl"
    bad.write_text(PREFIXES + 'bid:b a bil:State ; rdfs:label "B .\n')
    with pytest.raises(DataSyntaxError):
        bilateral.load([tmp_path])


@pytest.mark.slow
def test_fifty_megabyte_file_within_memory_budget(tmp_path: Path) -> None:
    """A 50 MB N-Triples file loads in a child process under 1.5 GiB of peak memory."""
    big = tmp_path / "big.nt"
    line = (
        "<https://w3id.org/bilateral/id/s{0}> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"label number {0} with some words to make the line longer" .\n'
    )
    with big.open("w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < 50 * 1024 * 1024:
            fh.write("".join(line.format(i + k) for k in range(1000)))
            i += 1000
    code = (
        "import bilateral, resource, sys; g = bilateral.load([sys.argv[1]]); "
        "print(len(g), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(big)],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    triples, rss_kb = map(int, out.stdout.split())
    assert triples > 300_000
    assert rss_kb < 1.5 * 1024 * 1024, f"peak memory {rss_kb / 1024:.0f} MiB"


@pytest.mark.slow  # many files, each loaded: ~2.5 s
def test_random_bytes_raise_only_bilateral_errors(tmp_path: Path) -> None:
    import random

    rng = random.Random(5)
    for i in range(45):
        f = tmp_path / f"r{i}.{('ttl', 'trig', 'nq')[i % 3]}"
        f.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
        try:
            bilateral.load([f])
        except BilateralError:
            pass


def test_store_opened_by_two_processes(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    bilateral_store = __import__("bilateral.graph.source.store", fromlist=["load_store"])
    bilateral_store.load_store(folder, [FIX / "tiny"])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); "
            "print('open', flush=True); time.sleep(30)",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(InputError, match="in use by another process"):
            bilateral_store.load_store(folder, [FIX / "tiny"])
        # readers are fine while another process holds the store
        g = bilateral_store.open_dataset(folder)
        assert len(g) > 0
    finally:
        holder.kill()
        holder.wait(timeout=30)
