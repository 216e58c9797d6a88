"""govtext: read, tag, search, draft and check official-style Chinese reports.

Nothing heavy is loaded at import: jieba, scikit-learn, torch and transformers load on first use.

>>> import govtext
>>> doc = govtext.parse("一、总体情况\\n今年以来，各项工作稳步推进。")
>>> doc.sections[0].heading
'一、总体情况'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

from govtext.document import Document, Paragraph, Section, Sentence, Span, Token
from govtext.errors import (
    BinaryFileError,
    DecodingError,
    EmptyInputError,
    FileTooLargeError,
    GovtextError,
    InputError,
    MissingFileError,
    UnsupportedFormatError,
)
from govtext.parse import parse
from govtext.themes import KINDS, THEME_IDS, THEMES

# `draft` and `outline` share their names with their (light) modules: bind the functions now, after the
# submodules are imported, so that a later `import govtext.draft` cannot shadow them.
from govtext.draft import draft as _draft_fn  # noqa: E402
from govtext.outline import outline as _outline_fn  # noqa: E402

draft = _draft_fn
outline = _outline_fn

# name -> module (a trailing ":" means the name is the module itself): resolved lazily (PEP 562)
_LAZY = {
    "Tokenizer": "govtext.tokenize",
    "get_tokenizer": "govtext.tokenize",
    "add_word": "govtext.tokenize",
    "load_userdict": "govtext.tokenize",
    "ThemeClassifier": "govtext.classify",
    "tag": "govtext.classify",
    "theme_profile": "govtext.classify",
    "ExemplarIndex": "govtext.retrieve",
    "facts": "govtext.facts:",
    "check": "govtext.lint",
    "fix": "govtext.lint",
    "Drafter": "govtext.drafter",
    "corpus": "govtext.corpus:",
}

__all__ = [
    "Document", "Paragraph", "Section", "Sentence", "Span", "Token", "parse", "KINDS", "THEME_IDS", "THEMES",
    "GovtextError", "InputError", "MissingFileError", "EmptyInputError", "BinaryFileError", "DecodingError",
    "FileTooLargeError", "UnsupportedFormatError", "draft", "outline", *_LAZY,
]


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'govtext' has no attribute {name!r}")
    module = importlib.import_module(mod.rstrip(":"))
    value = module if mod.endswith(":") else getattr(module, name)
    globals()[name] = value
    return value
