"""Where triples come from: files, the on-disk store, and name resolution."""
