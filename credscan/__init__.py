"""credscan: finds credentials kept in the wrong places on MSP file shares."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("credscan")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+unknown"
