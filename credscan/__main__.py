"""`python -m credscan`; guarded so worker processes that re-import __main__ never start the CLI."""

from credscan.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
