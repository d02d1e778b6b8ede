"""Is the data right: SHACL shapes, violation queries, the quote check, coverage and stats."""
