"""Terminal layouts of the measures' tables: a number with its interval in one cell, so
a domain fits on one line. CSV and JSON keep every column as the library gives it.

>>> dependence_rows([{"domain": "trade", "weight": 1.0, "sensitivity": 0.5,
...     "substitutability": None, "alternatives": "not named", "reverse_sensitivity": None,
...     "reverse_substitutability": None, "sdi": 0.375, "sdi_low": 0.29, "sdi_high": 0.52,
...     "reverse_sdi": 0.0, "reverse_low": 0.0, "reverse_high": 0.0, "asymmetry": 0.375,
...     "asymmetry_low": 0.29, "asymmetry_high": 0.52, "p_more_dependent": 1.0,
...     "bandwidth": 2.0, "reverse_bandwidth": 0.0, "hinges_on": None,
...     "hinge_effect": 0.0, "carried_forward": True}])[0]["SDI"]
'0.38 [0.29, 0.52] *'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["dependence_rows", "flat_sensitivity", "sensitivity_rows", "side_by_side_rows"]

#: marks a number that carries evidence forward past its sources' date
CARRIED = " *"


def _num(x: Any, signed: bool = False) -> str:
    if x is None:
        return "—"
    return f"{x:+.2f}" if signed else f"{x:.2f}"


def _with(row: Mapping[str, Any], key: str, low: str, high: str, signed: bool = False) -> str:
    v, lo, hi = row[key], row[low], row[high]
    if not signed and v == lo == hi == 0:
        return "0"
    return f"{_num(v, signed)} [{_num(lo, signed)}, {_num(hi, signed)}]"


def _short(iri: Any) -> str:
    return "" if not iri else str(iri).rsplit("/", 1)[-1]


def _bw(x: Any) -> str:
    return f"{x:g}" if x is not None else "—"


def _codes(r: Mapping[str, Any]) -> str:
    """The evidence as curated: the strongest dependency and the alternatives."""
    if r.get("sensitivity") is None:
        return ""
    alt = r.get("alternatives")
    if alt == "not named":
        a = "not named"
    elif alt == "ruled out":
        a = f"ruled out, best {_num(r['substitutability'])}"
    else:
        a = f"{_num(r['substitutability'])} + unnamed"
    return f"s {_num(r['sensitivity'])}; a {a}"


def dependence_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """``DependenceResult.table()`` rows laid out for a terminal (`` *``: carried
    forward past the sources' date)."""
    out = []
    for r in rows:
        out.append(
            {
                "domain": r["domain"],
                "SDI": _with(r, "sdi", "sdi_low", "sdi_high")
                + (CARRIED if r.get("carried_forward") else ""),
                "reverse": _with(r, "reverse_sdi", "reverse_low", "reverse_high")
                + (CARRIED if r.get("reverse_carried_forward") else ""),
                "asymmetry": _with(r, "asymmetry", "asymmetry_low", "asymmetry_high", True)
                + (CARRIED if r.get("carried_forward") or r.get("reverse_carried_forward") else ""),
                "P(more)": _num(r["p_more_dependent"]),
                "as curated": _codes(r),
                "bandwidth →/←": f"{_bw(r['bandwidth'])} / {_bw(r['reverse_bandwidth'])}",
                "hinges on": (
                    f"{_short(r['hinges_on'])} ({r['hinge_effect']:+.2f})"
                    if r.get("hinges_on")
                    else ""
                ),
            }
        )
    return out


def _marked(r: Mapping[str, Any], name: str, side: str) -> str:
    """A number of one side of a comparison, ``*`` when it carries evidence forward."""
    return _num(r[f"{name}_{side}"]) + ("*" if r.get(f"{name}_carried_{side}") else "")


def side_by_side_rows(rows: Sequence[Mapping[str, Any]], a: str, b: str) -> list[dict[str, str]]:
    """``side_by_side`` rows (``a`` and ``b`` name the two columns) for a terminal."""
    out = []
    for r in rows:
        out.append(
            {
                "domain": r["domain"],
                f"SDI {a}": _with(r, f"sdi_{a}", f"sdi_{a}_low", f"sdi_{a}_high")
                + (CARRIED if r.get(f"carried_{a}") else ""),
                f"SDI {b}": _with(r, f"sdi_{b}", f"sdi_{b}_low", f"sdi_{b}_high")
                + (CARRIED if r.get(f"carried_{b}") else ""),
                "change": _with(r, "change", "change_low", "change_high", True),
                "reverse": f"{_marked(r, 'reverse', a)} → {_marked(r, 'reverse', b)}",
                "bandwidth": f"{_bw(r[f'bandwidth_{a}'])} → {_bw(r[f'bandwidth_{b}'])}",
                "reverse bandwidth": (
                    f"{_bw(r[f'reverse_bandwidth_{a}'])} → {_bw(r[f'reverse_bandwidth_{b}'])}"
                ),
            }
        )
    return out


def sensitivity_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The sensitivity table for a terminal: each choice's setting, the total with its
    interval, its change from the default, the asymmetry."""
    return [
        {
            "choice": r["choice"],
            "setting": r["setting"],
            "total": _with(r, "total", "total_low", "total_high"),
            "change": _num(r["change"], True),
            "asymmetry": _with(r, "asymmetry", "asymmetry_low", "asymmetry_high", True),
        }
        for r in rows
    ]


def flat_sensitivity(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Sensitivity rows with each domain as an ``sdi_<domain>`` column (CSV), the same
    columns in every row (empty where a setting leaves a domain out).

    >>> flat_sensitivity([{"choice": "a", "domains": {"energy": 0.5, "trade": 0.1}},
    ...                   {"choice": "b", "domains": {"energy": 0.4}}])[1]
    {'choice': 'b', 'sdi_energy': 0.4, 'sdi_trade': None}
    """
    domains = list(dict.fromkeys(d for row in rows for d in row.get("domains", {})))
    out = []
    for row in rows:
        flat = {k: v for k, v in row.items() if k != "domains"}
        flat.update({f"sdi_{d}": row.get("domains", {}).get(d) for d in domains})
        out.append(flat)
    return out


def evidence_table(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The evidence rows (``results.evidence_rows``) narrowed for a terminal: who
    depends (A on B or B on A), the claim, its code and confidence, hedge, quote and
    source with its date."""
    return [
        {
            "domain": r["domain"],
            "way": "A on B" if r["direction"] == "dependent on provider" else "B on A",
            "role": r["role"],
            "claim": r["label"],
            "code": r["value"],
            "conf.": r["confidence"],
            "hedge": r["hedge"] or "",
            "quote": r["quote"],
            "source": f"{r['source']} ({r['source_date']})" if r["source_date"] else r["source"],
        }
        for r in rows
    ]


def level_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``DependenceResult.levels`` for a terminal: each level's headline both ways."""

    def iv(r: Mapping[str, Any], key: str, low: str, high: str) -> str:
        return f"{r[key]:.3f} [{r[low]:.3f}, {r[high]:.3f}]"

    return [
        {
            "level": r["level"],
            "dependent on provider": f"{r['dependent_label']} on {r['provider_label']}",
            "SDI": iv(r, "sdi", "sdi_low", "sdi_high"),
            "reverse": iv(r, "reverse_sdi", "reverse_low", "reverse_high"),
            "asymmetry": iv(r, "asymmetry", "asymmetry_low", "asymmetry_high"),
            "claims": r["n_claims"],
        }
        for r in rows
    ]
