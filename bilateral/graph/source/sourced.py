"""The Dataset that ``load`` and the store give: an rdflib ``Dataset`` that also knows
where each named graph came from.

``bilateral_files`` maps each graph name to the file it was loaded from and
``bilateral_roots`` to that file's data folder (``texts.py`` resolves ``bil:textFile``
with them; ``validate`` names ``file:line``); ``bilateral_notes`` holds the loader's
notes; a dataset over a store has its folder in ``bilateral_store``.

>>> ds = SourcedDataset()
>>> ds.bilateral_files, ds.bilateral_store, ds.default_union
({}, None, True)
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from rdflib import Dataset
from rdflib.store import Store

__all__ = ["SourcedDataset"]


class SourcedDataset(Dataset):
    """An rdflib ``Dataset`` (union default graph) with the files its graphs came from."""

    def __init__(self, store: Store | str = "default", default_union: bool = True) -> None:
        super().__init__(store=store, default_union=default_union)
        self.bilateral_files: dict[str, Path] = {}  # graph name -> file
        self.bilateral_roots: dict[str, Path] = {}  # graph name -> data folder
        self.bilateral_notes: list[str] = []  # what the loader said of skipped files
        self.bilateral_store: str | None = None  # the store's folder, if one
        self.bilateral_lock: IO[str] | None = None  # a reader's lock on that store
