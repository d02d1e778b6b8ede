"""Running SPARQL safely: checks, the sandboxed child, engines, results, the endpoint."""
