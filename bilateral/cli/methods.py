"""``bilateral methods``: print (or write) the methods appendix, a thin shell over
``bilateral.methods``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilateral.cli.common import DataOption, StoreOption, echo, handles_errors, open_graph
from bilateral.cli.dyad_options import DependentOption, ProviderOption
from bilateral.cli.model_options import ModelKeywords, model_options, with_model_options
from bilateral.cli.output import echo_data
from bilateral.cli.remote_options import Remote, with_remote_options

__all__ = ["methods"]


@handles_errors
@with_remote_options
@with_model_options
def methods(
    dependent: DependentOption = None,
    provider: ProviderOption = None,
    model: ModelKeywords | None = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Markdown file to write (atomically).")
    ] = None,
    data: DataOption = None,
    store: StoreOption = None,
    remote: Remote | None = None,
) -> None:
    """Print the methods appendix (Markdown): the index, its choices and sensitivity, the
    sources and coders, what the intervals cover, how to cite.

    Example: bilateral methods --dependent belarus --provider russia --out methods.md
    """
    import bilateral
    from bilateral.graph.views.atomic import write_text

    text = bilateral.methods(
        open_graph(data, store, remote),
        dependent=dependent,
        provider=provider,
        **(model if model is not None else model_options()),
    )
    if out is None:
        echo_data(text)  # exact in a pipe or file; on a terminal, control characters escaped
        return
    write_text(out, text)
    echo(f"wrote {out}")
