"""The graph layer: loading, validation, projection, measures and output."""
