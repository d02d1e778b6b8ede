"""The dyad-year panel (issue 27, item 2): one row per directed dyad × domain × year,
the same numbers as ``dependence`` for that year, readable back with its codebook's
types from CSV and Parquet."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.errors import InputError
from bilateral.graph.measures.panel import PANEL_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
SECOND = ROOT / "tests" / "data" / "second-dyad"
DRAWS = 300

pytestmark = pytest.mark.slow  # each panel scores every year of every dyad


@pytest.fixture(scope="module")
def both() -> bilateral.Snapshot:
    """The bundled data plus the fictional second dyad."""
    return bilateral.read_snapshot(bilateral.load(["bundled", str(SECOND)]))


@pytest.fixture(scope="module")
def frame(both) -> pd.DataFrame:
    return bilateral.panel(both, all_dyads=True, draws=DRAWS)


def test_one_row_per_dyad_domain_and_year(frame, both) -> None:
    key = ["dependent", "provider", "domain", "year"]
    assert not frame.duplicated(key).any()
    dyads = frame[["dependent_label", "provider_label"]].drop_duplicates()
    assert sorted(map(tuple, dyads.values)) == [
        ("Belarus", "Russia"), ("Kestria", "Valdoria"), ("Russia", "Belarus"),
        ("Valdoria", "Kestria"),
    ]  # fmt: skip
    domains = [*both.domains, "TOTAL"]
    for (a, b), rows in frame.groupby(["dependent", "provider"]):
        years = sorted(set(rows["year"]))
        assert years == list(range(years[0], years[-1] + 1)), (a, b)
        assert len(rows) == len(years) * len(domains)
        assert set(rows["domain"]) == set(domains)


def test_dtypes_are_the_codebooks(frame) -> None:
    assert {c: str(t) for c, t in frame.dtypes.items()} == PANEL_COLUMNS


def test_a_row_is_dependence_for_that_year(frame, both) -> None:
    for year in (2019, 2021):
        r = bilateral.dependence(both, "belarus", "russia", from_year=year, to_year=year,
                                 draws=DRAWS)  # fmt: skip
        rows = frame[(frame["dependent_label"] == "Belarus") & (frame["year"] == year)]
        got = rows.set_index("domain")
        for d in [*r.domains, r.summary]:
            row = got.loc[d.domain]
            assert row["sdi"] == d.sdi and row["sdi_low"] == d.sdi_low
            assert row["reverse_sdi_high"] == d.reverse_high
            assert row["asymmetry"] == d.asymmetry and row["n_claims"] == d.n_claims
            assert row["bandwidth"] == d.bandwidth


def test_the_reverse_columns_are_the_other_direction(frame) -> None:
    ab = frame[frame["dependent_label"] == "Belarus"].set_index(["domain", "year"])
    ba = frame[frame["dependent_label"] == "Russia"].set_index(["domain", "year"])
    joined = ab.merge(ba, left_index=True, right_index=True, suffixes=("", "_ba"))
    assert (joined["reverse_sdi"] - joined["sdi_ba"]).abs().max() < 0.02  # resampling only
    assert (joined["n_claims"] == joined["n_claims_ba"]).all()


def test_cli_csv_reads_back_with_the_codebooks_types(tmp_path: Path, frame) -> None:
    out = tmp_path / "panel.csv"
    args = ["panel", "--all-dyads", "--data", "bundled", "--data", str(SECOND)]
    result = CliRunner().invoke(app, [*args, "--draws", str(DRAWS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    back = pd.read_csv(out)
    for column, dtype in PANEL_COLUMNS.items():
        if dtype == "string":
            assert back[column].dtype == object or str(back[column].dtype) in ("str", "string")
        else:
            assert str(back[column].dtype) == dtype, column
    assert back["weight"].isna().sum() == (back["domain"] == "TOTAL").sum()
    pd.testing.assert_frame_equal(back.astype(PANEL_COLUMNS), frame, check_exact=False, rtol=1e-12)


def test_parquet_keeps_the_types(tmp_path: Path, frame) -> None:
    pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    out = tmp_path / "panel.parquet"
    bilateral.write_table(frame, out)
    back = pd.read_parquet(out)
    assert {c: str(t) for c, t in back.dtypes.items()} == PANEL_COLUMNS


def test_wrong_calls_are_one_line_errors() -> None:
    with pytest.raises(InputError, match="not both"):
        bilateral.panel(None, "belarus", "russia", all_dyads=True)
    with pytest.raises(InputError, match="give a dependent and a provider"):
        bilateral.panel(None, "belarus")
    with pytest.raises(InputError, match="unknown domain 'energi' in the weights"):
        bilateral.panel(None, "belarus", "russia", weights={"energi": 1.0})
    result = CliRunner().invoke(app, ["panel", "belarus", "russia", "--format", "parquet"])
    assert result.exit_code != 0 and result.output.count("\n") == 1
    assert "give --out" in result.output


def test_the_codebook_documents_every_column() -> None:
    text = (ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    section = text.split("### The dyad-year panel: codebook", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", section, re.M)
    assert dict(rows) == {c: _kind(t) for c, t in PANEL_COLUMNS.items()}


def _kind(dtype: str) -> str:
    return {"string": "text", "int64": "integer", "float64": "number"}[dtype]
