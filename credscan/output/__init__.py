"""Output formats for `credscan scan` (table, json, jsonl, sarif, csv, html)."""
