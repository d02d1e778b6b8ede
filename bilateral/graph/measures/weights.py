"""Domain and component weights of the dependence index, and how sensitive the total
is to them.

>>> weighted({"a": 1.0, "b": 0.0}, ["a", "b"], {"a": 3.0})
0.75
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bilateral.errors import InputError

__all__ = ["COMPONENTS", "read_weights", "sensitivity", "weighted"]

COMPONENTS = ("share", "strength", "vulnerability")


def read_weights(path: str | Path) -> tuple[dict[str, float], dict[str, float]]:
    """Read domain (and optional component) weights from a JSON or TOML file.

    Either a flat ``{"energy": 2, ...}`` or ``{"domains": {...}, "components":
    {"share": 1, "strength": 2, "vulnerability": 1}}``. Weights must be numbers ≥ 0.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read weights file {path}: {exc}") from None
    try:
        if path.suffix.lower() == ".toml":
            import tomllib

            raw: Any = tomllib.loads(text)
        else:
            raw = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path}: not valid {path.suffix.lstrip('.') or 'JSON'}: {exc}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: weights must be a mapping of domain to number")
    domains = raw.get("domains", raw if "components" not in raw else {})
    components = raw.get("components", {})
    for name, table in (("domains", domains), ("components", components)):
        if not isinstance(table, dict):
            raise InputError(f"{path}: '{name}' must be a mapping")
        for key, value in table.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise InputError(f"{path}: weight of {key!r} must be a number >= 0")
    unknown = set(components) - set(COMPONENTS)
    if unknown:
        raise InputError(f"{path}: unknown component {sorted(unknown)[0]!r}; use {COMPONENTS}")
    return {str(k): float(v) for k, v in domains.items()}, {
        str(k): float(v) for k, v in components.items()
    }


def weighted(scores: dict[str, float], active: Sequence[str], weights: dict[str, float]) -> float:
    """The weighted mean of ``scores`` over the ``active`` domains (weight 1 if unset)."""
    total_w = sum(weights.get(d, 1.0) for d in active)
    if total_w <= 0:
        return 0.0
    return sum(weights.get(d, 1.0) * scores[d] for d in active) / total_w


def sensitivity(
    f_map: dict[str, float],
    r_map: dict[str, float],
    active: Sequence[str],
    weights: dict[str, float],
) -> list[dict[str, Any]]:
    """Total and asymmetry with each active domain dropped and doubled."""
    base = weighted(f_map, active, weights)
    rows = []
    for d in active:
        dropped = {**weights, d: 0.0}
        doubled = {**weights, d: 2 * weights.get(d, 1.0)}
        rows.append(
            {
                "domain": d,
                "total_without": round(weighted(f_map, active, dropped), 4),
                "total_doubled": round(weighted(f_map, active, doubled), 4),
                "asymmetry_without": round(
                    weighted(f_map, active, dropped) - weighted(r_map, active, dropped), 4
                ),
                "asymmetry_doubled": round(
                    weighted(f_map, active, doubled) - weighted(r_map, active, doubled), 4
                ),
                "effect": round(weighted(f_map, active, doubled) - base, 4),
            }
        )
    return rows
