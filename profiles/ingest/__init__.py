"""ingest: see README.md, How the code is laid out."""
