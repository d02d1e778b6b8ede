"""Domain weights of the dependence total: read from a JSON or TOML file, checked (what
each weight does to the total is in the sensitivity table, ``sensitivity.py``).

>>> check_weights({"energy": 2})
{'energy': 2.0}
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from bilateral.errors import InputError

__all__ = ["averaged", "check_weights", "domain_weights", "read_weights"]


def check_weights(weights: Mapping[str, object], where: str = "weights") -> dict[str, float]:
    """Domain weights as floats; each must be a finite number in [0, 1e6]. A domain not
    named weighs 1; ``dependence`` refuses weights that are 0 on every domain it
    averages over."""
    if not isinstance(weights, Mapping):
        raise InputError(f"{where} must map domains to numbers, got {type(weights).__name__}")
    out: dict[str, float] = {}
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{where}: weight of {key!r} must be a number >= 0, got {value!r}")
        if not math.isfinite(value) or value < 0 or value > 1e6:
            raise InputError(f"{where}: weight of {key!r} must be a finite number in [0, 1e6]")
        out[str(key)] = float(value)
    return out


def domain_weights(
    weights: Mapping[str, float] | str | Path | None, domains: Sequence[str]
) -> dict[str, float]:
    """The weights a measure takes (a dict, a JSON/TOML file or ``None``), checked, each
    naming one of ``domains`` (the scheme's)."""
    if isinstance(weights, (str, Path)):
        weights = read_weights(weights)
    out = check_weights(weights or {})
    unknown = sorted(set(out) - set(domains))
    if unknown:
        raise InputError(f"unknown domain {unknown[0]!r} in the weights; use: {', '.join(domains)}")
    return out


def averaged(chosen: Sequence[str], weights: Mapping[str, float]) -> None:
    """Refuse weights that are 0 on every domain the total averages over (``chosen``)."""
    if chosen and not any(weights.get(d, 1.0) for d in chosen):
        raise InputError(
            f"every domain the total averages over ({', '.join(chosen)}) has weight 0; "
            "the total would be undefined"
        )


def read_weights(path: str | Path) -> dict[str, float]:
    """Read domain weights from a JSON or TOML file: ``{"energy": 2, ...}`` or
    ``{"domains": {...}}``. Weights must be finite numbers >= 0 (see ``check_weights``);
    the file a regular file up to 1 MiB (``graph/source/regular.py``)."""
    from bilateral.graph.source.regular import MAX_SMALL_BYTES, read_regular

    path = Path(path)
    data = read_regular(path, "weights file", MAX_SMALL_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot read weights file {path}: not UTF-8 (byte offset {exc.start})"
        ) from None
    try:
        if path.suffix.lower() == ".toml":
            import tomllib

            raw: object = tomllib.loads(text)
        else:
            raw = json.loads(text, parse_constant=lambda c: _refuse(path, c))
    except ValueError as exc:
        raise InputError(f"{path}: not valid {path.suffix.lstrip('.') or 'JSON'}: {exc}") from None
    if not isinstance(raw, dict):
        raise InputError(f"{path}: weights must be a mapping of domain to number")
    if "components" in raw:
        raise InputError(
            f"{path}: 'components' weighted the old share/strength/vulnerability index, "
            "which is gone; give domain weights only (docs/measures.md)"
        )
    domains = raw.get("domains", raw)
    if not isinstance(domains, dict):
        raise InputError(f"{path}: 'domains' must be a mapping")
    return check_weights(domains, str(path))


def _refuse(path: Path, constant: str) -> NoReturn:
    raise InputError(f"{path}: {constant} is not a weight (use a finite number)")
