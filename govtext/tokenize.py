"""The domain tokenizer: jieba with govtext's government-domain dictionary, built lazily.

Fixed formulations (policy names, institutions, slogans: dictionary entries tagged ``nz``/``nt``
of three or more characters, and any word added with ``protect=True``) are never cut across
their boundaries, whatever jieba's statistics say.

>>> from govtext.tokenize import get_tokenizer
>>> "放管服" in get_tokenizer().cut("深化放管服改革")
True
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Iterable

from govtext.document import Token

__all__ = ["Tokenizer", "get_tokenizer", "add_word", "load_userdict", "DOMAIN_DICT"]

log = logging.getLogger(__name__)

DOMAIN_DICT = Path(__file__).with_name("data") / "govdict.txt"
_PROTECT_POS = {"nz", "nt"}


class Tokenizer:
    """jieba tokenizer with the bundled domain dictionary and protected formulations.

    Nothing is loaded until the first call. ``pos="fast"`` tags tokens from the dictionaries
    (and simple character classes for unknown words); ``pos="hmm"`` runs jieba.posseg (slower).
    """

    def __init__(self, *, user_dicts: Iterable[str | Path] = (), domain_dict: bool = True, hmm: bool = True,
                 pos: str = "fast") -> None:
        if pos not in ("fast", "hmm"):
            raise ValueError("pos must be 'fast' or 'hmm'")
        self.user_dicts = [Path(p) for p in user_dicts]
        self.domain_dict = domain_dict
        self.hmm = hmm
        self.pos = pos
        self._jieba = None
        self._posseg = None
        self._tags: dict[str, str] = {}
        self._protected: set[str] = set()
        self._automaton = None
        self._lock = threading.Lock()
        self._pending: list[tuple[str, int | None, str, bool]] = []

    # -- building ---------------------------------------------------------------------------
    def _ensure(self):
        if self._jieba is not None:
            return self._jieba
        with self._lock:
            if self._jieba is not None:
                return self._jieba
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            self._posseg = jieba.posseg.POSTokenizer(tk)
            self._tags = self._posseg.word_tag_tab
            paths = ([DOMAIN_DICT] if self.domain_dict and DOMAIN_DICT.exists() else []) + self.user_dicts
            for path in paths:
                self._load_file(tk, path)
            for word, freq, pos, protect in self._pending:
                self._add(tk, word, freq, pos, protect)
            self._pending.clear()
            self._jieba = tk
            self._automaton = None
            log.debug("tokenizer ready: %d protected terms", len(self._protected))
            return tk

    def _load_file(self, tk, path: Path) -> None:
        if not Path(path).exists():
            raise FileNotFoundError(f"user dictionary {path} does not exist; give a path to a 'word [freq] [pos]' file")
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                line = line.strip().lstrip("\ufeff")
                if not line or line.startswith("#"):
                    continue
                parts = line.split()
                word = parts[0]
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                pos = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not parts[1].isdigit() else "")
                self._add(tk, word, freq, pos, pos in _PROTECT_POS and len(word) >= 3)

    def _add(self, tk, word: str, freq: int | None, pos: str, protect: bool) -> None:
        tk.add_word(word, freq, pos or None)
        if pos:
            self._tags[word] = pos
        if protect:
            self._protected.add(word)
            self._automaton = None

    def add_word(self, word: str, freq: int | None = None, pos: str = "nz", *, protect: bool = False) -> None:
        """Add a word; ``protect=True`` keeps it whole in every context."""
        if not word or any(c.isspace() for c in word):
            raise ValueError(f"cannot add {word!r}: words must be non-empty and contain no spaces")
        if self._jieba is None:
            self._pending.append((word, freq, pos, protect))
        else:
            self._add(self._jieba, word, freq, pos, protect)

    def load_userdict(self, path: str | Path) -> None:
        """Load a jieba-format dictionary (``word [freq] [pos]`` per line, UTF-8)."""
        path = Path(path)
        if self._jieba is None:
            if not path.exists():
                raise FileNotFoundError(f"user dictionary {path} does not exist")
            self.user_dicts.append(path)
        else:
            self._load_file(self._jieba, path)

    @property
    def protected_terms(self) -> set[str]:
        self._ensure()
        return set(self._protected)

    # -- cutting ----------------------------------------------------------------------------
    def _matcher(self):
        if self._automaton is None:
            import ahocorasick

            a = ahocorasick.Automaton()
            for w in self._protected:
                a.add_word(w, len(w))
            if len(a):
                a.make_automaton()
            self._automaton = a
        return self._automaton

    def _protected_spans(self, text: str) -> list[tuple[int, int]]:
        a = self._matcher()
        if not len(a):
            return []
        hits = sorted(((end - n + 1, end + 1) for end, n in a.iter(text)), key=lambda x: (x[0], -x[1]))
        out: list[tuple[int, int]] = []
        last_end = -1
        for s, e in hits:  # leftmost-longest, non-overlapping
            if s >= last_end:
                out.append((s, e))
                last_end = e
        return out

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` (no offsets, no POS)."""
        return [t.text for t in self.tokenize(text, with_pos=False)]

    def tokenize(self, text: str, offset: int = 0, *, with_pos: bool = True) -> list[Token]:
        """Tokens of ``text`` with offsets shifted by ``offset`` and (optionally) POS tags."""
        tk = self._ensure()
        if self.pos == "hmm" and with_pos:
            pairs = [(p.word, p.flag) for p in self._posseg.cut(text, HMM=self.hmm)]
            words = [w for w, _ in pairs]
        else:
            words = tk.lcut(text, HMM=self.hmm)
            pairs = None
        bounds = []
        pos = 0
        for w in words:
            pos += len(w)
            bounds.append(pos)
        spans = self._protected_spans(text) if self._protected else []
        if spans:
            cut_points = set(bounds)
            for s, e in spans:
                cut_points.add(s)
                cut_points.add(e)
                for k in range(s + 1, e):
                    cut_points.discard(k)
            cut_points.discard(0)
            bounds = sorted(cut_points)
        tokens: list[Token] = []
        prev = 0
        tag_of = dict(pairs) if pairs else None
        for b in bounds:
            w = text[prev:b]
            tag = ""
            if with_pos:
                tag = (tag_of.get(w) if tag_of else None) or self._tags.get(w) or _guess_pos(w)
            tokens.append(Token(text=w, start=offset + prev, end=offset + b, pos=tag))
            prev = b
        return tokens

    def keywords(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        """Top-``k`` TF-IDF keywords (jieba.analyse's IDF table, this tokenizer's words)."""
        import jieba.analyse

        tfidf = jieba.analyse.TFIDF()
        tfidf.tokenizer = self._ensure()
        tfidf.postokenizer = self._posseg
        return tfidf.extract_tags(text, topK=k, withWeight=True)


def _guess_pos(w: str) -> str:
    if not w.strip():
        return "x"
    if all(c.isdigit() or c in ".%％" for c in w):
        return "m"
    if w.isascii() and w.isalpha():
        return "eng"
    if all(not c.isalnum() for c in w):
        return "x"
    return "n"


_default: Tokenizer | None = None
_default_lock = threading.Lock()


def get_tokenizer() -> Tokenizer:
    """The shared default tokenizer (built on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Tokenizer()
    return _default


def add_word(word: str, freq: int | None = None, pos: str = "nz", *, protect: bool = False) -> None:
    """Add a word to the default tokenizer."""
    get_tokenizer().add_word(word, freq, pos, protect=protect)


def load_userdict(path: str | Path) -> None:
    """Load a user dictionary into the default tokenizer."""
    get_tokenizer().load_userdict(path)
