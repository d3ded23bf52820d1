"""Errors that end a command with a one-line message and exit code 2 (never a traceback)."""


class UserError(Exception):
    """A mistake of the user or the environment: bad path, bad flag, bad config, missing backend."""
