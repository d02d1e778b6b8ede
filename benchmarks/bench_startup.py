"""Start-up: `bilateral --help` against `import typer`; `bilateral centrality` on the
bundled data against importing rdflib, networkx and pandas."""

from __future__ import annotations

from benchmarks.common import BIN, PY, Row, median_command


def run(runs: int = 5) -> list[Row]:
    bilateral = str(BIN / "bilateral")
    typer_ref = median_command([PY, "-c", "import typer"], runs)
    helped = median_command([bilateral, "--help"], runs)
    libs_ref = median_command([PY, "-c", "import rdflib, networkx, pandas"], runs)
    central = median_command([bilateral, "centrality", "--format", "csv"], runs)
    return [
        Row(
            "bilateral --help",
            helped["seconds"],
            typer_ref["seconds"],
            3.0,
            reference_name='python -c "import typer"',
        ),
        Row(
            "bilateral centrality (bundled data)",
            central["seconds"],
            libs_ref["seconds"],
            2.0,
            reference_name='python -c "import rdflib, networkx, pandas"',
        ),
    ]
