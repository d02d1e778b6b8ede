"""A snapshot of the graph read once, and the measures computed from it."""
