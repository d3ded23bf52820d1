"""Errors that end a command with a one-line message and a documented exit code (never a traceback)."""

EXIT_USAGE = 2
EXIT_SIGINT = 130
"""128 + SIGINT: Ctrl+C, the shell's convention."""
EXIT_SIGTERM = 143
"""128 + SIGTERM: a service manager or `kill` stopped the command."""


class UserError(Exception):
    """A mistake of the user or the environment: bad path, bad flag, bad config, missing backend."""


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that workers are stopped and files closed, like Ctrl+C
    (a BaseException, as KeyboardInterrupt is, so that no ``except Exception`` swallows it)."""
