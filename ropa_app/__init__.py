"""ROPA: the Record of Processing Activities (GDPR Art. 30) kept by a Data Protection Officer."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("ropa")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
