"""Exceptions raised by govtext; each message says how to fix the problem."""

from __future__ import annotations

__all__ = [
    "GovtextError",
    "InputError",
    "MissingFileError",
    "EmptyInputError",
    "BinaryFileError",
    "DecodingError",
    "FileTooLargeError",
    "UnsupportedFormatError",
    "ModelNotFoundError",
    "ModelFormatError",
]


class GovtextError(Exception):
    """Base class of every error govtext raises on purpose."""


class InputError(GovtextError, ValueError):
    """The input text or file cannot be read as a report."""


class MissingFileError(InputError, FileNotFoundError):
    """A path that was given does not exist."""


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryFileError(InputError):
    """The file is binary (an image, an archive, a .doc ...) rather than text."""


class DecodingError(InputError, UnicodeError):
    """The file's bytes decode in none of the supported encodings."""


class FileTooLargeError(InputError):
    """The file is larger than the configured limit."""


class UnsupportedFormatError(InputError):
    """The file's format is not one govtext reads."""


class ModelNotFoundError(GovtextError, FileNotFoundError):
    """A model directory is missing or incomplete."""


class ModelFormatError(GovtextError, ValueError):
    """A model directory exists but its files are not what govtext expects."""
