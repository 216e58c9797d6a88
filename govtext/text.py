"""Reading bytes, normalizing text with an offset map, and splitting sentences.

>>> n = normalize("　　一、总体情况\\r\\n　　全年完成投资１２．５亿元。")
>>> n.text
'一、总体情况\\n全年完成投资12.5亿元。'
>>> [n.text[a:b] for a, b in split_sentences("他说：“好。”我们走。")]
['他说：“好。”', '我们走。']
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from govtext.errors import BinaryFileError, DecodingError, EmptyInputError

__all__ = ["NormalizedText", "normalize", "decode_bytes", "split_sentences", "is_cjk", "TERMINATORS"]

_WS = set(" \t\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\x0b\x0c")
_ZERO_WIDTH = set("\ufeff\u200b\u200c\u200d\u2060")
TERMINATORS = set("。！？!?")
_CLOSERS = set("”’」』）)】》]")
_QUOTE_CLOSERS = set("”’」』")
_PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "「": "」", "『": "』", "【": "】", "〔": "〕"}
_OPEN_OF = {v: k for k, v in _PAIRS.items()}


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs and full-width punctuation (characters that take no spaces)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
        or 0x2018 <= o <= 0x201F or o in (0x2014, 0x2026, 0x00B7)
    )


def _fold(ch: str, prev: str, nxt: str) -> str:
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    if ch == "．" and prev.isdigit() and nxt.isdigit():
        return "."
    return ch


@dataclass
class NormalizedText:
    """Normalized text, one paragraph per line, with a run-length map back to the original."""

    text: str
    offset_map: list[tuple[int, int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def normalize(raw: str) -> NormalizedText:
    """Normalize line ends, indents (U+3000, NBSP), zero-width characters and full-width
    digits/letters, dropping blank lines; every kept character remembers its original offset."""
    out: list[str] = []
    orig: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    n = len(raw)
    i = 0
    while i <= n:
        # find the end of this line
        j = i
        while j < n and raw[j] not in "\r\n\u2028\u2029\x85":
            j += 1
        a, b = i, j
        while a < b and (raw[a] in _WS or raw[a] in _ZERO_WIDTH):
            a += 1
        while b > a and (raw[b - 1] in _WS or raw[b - 1] in _ZERO_WIDTH):
            b -= 1
        if a < b:
            if out:
                out.append("\n")
                orig.append(a - 1 if a > 0 else 0)
            p_start = len(out)
            k = a
            while k < b:
                ch = raw[k]
                if ch in _ZERO_WIDTH:
                    k += 1
                    continue
                if ch in _WS:
                    m = k
                    while m < b and (raw[m] in _WS or raw[m] in _ZERO_WIDTH):
                        m += 1
                    prev = out[-1] if len(out) > p_start else ""
                    nxt = raw[m] if m < b else ""
                    if not (prev and nxt and (is_cjk(prev) or is_cjk(nxt))):
                        out.append(" ")
                        orig.append(k)
                    k = m
                    continue
                prev = raw[k - 1] if k > 0 else ""
                nxt = raw[k + 1] if k + 1 < n else ""
                out.append(_fold(ch, prev, nxt))
                orig.append(k)
                k += 1
            paragraphs.append((p_start, len(out)))
        if j < n and raw[j] == "\r" and j + 1 < n and raw[j + 1] == "\n":
            j += 1
        i = j + 1
    # run-length encode the map: a new run wherever orig - norm changes
    runs: list[tuple[int, int]] = []
    delta = None
    for k, o in enumerate(orig):
        if o - k != delta:
            runs.append((k, o))
            delta = o - k
    return NormalizedText(text="".join(out), offset_map=runs, paragraphs=paragraphs)


def _looks_binary(data: bytes) -> bool:
    magic = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
    return data.startswith(magic)


def _plausible(text: str) -> float:
    ok = sum(1 for c in text if is_cjk(c) or (" " <= c <= "~") or 0x2000 <= ord(c) <= 0x206F or c in "\r\n\t")
    return ok / max(1, len(text))


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode report bytes: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), GB18030/GBK.

    Raises :class:`EmptyInputError`, :class:`BinaryFileError` or :class:`DecodingError`.
    """
    if not data.strip():
        raise EmptyInputError(f"{name} is empty: give a report with some text in it")
    if _looks_binary(data):
        raise BinaryFileError(
            f"{name} is a binary file (PDF, image, archive or legacy .doc): save it as .txt (UTF-8) or .docx first"
        )
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as e:
                raise DecodingError(f"{name} starts with a {enc} byte-order mark but is not valid {enc}: {e}") from None
    sample = data[:4000]
    if b"\x00" in sample:
        best, score = None, 0.0
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                cand = data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            sc = _plausible(cand[:4000])
            if sc > score:
                best, score = cand, sc
        if best is not None and score >= 0.9:
            return best
        raise BinaryFileError(f"{name} contains NUL bytes and is not UTF-16 text: it looks binary; save it as UTF-8 text")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ctrl = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\r\n\t\x0c")
        if ctrl > max(2, len(text[:20000]) // 100):
            raise BinaryFileError(f"{name} is full of control characters: it does not look like a text report")
        return text
    raise DecodingError(
        f"{name} is not UTF-8, UTF-16 or GB18030/GBK text: re-save it as UTF-8 (e.g. with Notepad's 'Save as')"
    )


def _protected(text: str, start: int, end: int) -> list[int]:
    """Nesting depth at each position of ``text[start:end]`` counting matched bracket/quote pairs only."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch in _PAIRS and not (ch == "‘" and stack and stack[-1][0] == "‘"):
            stack.append((ch, i))
        elif ch in _OPEN_OF:
            opener = _OPEN_OF[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == opener:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    depth = [0] * (end - start + 1)
    for a, b in pairs:
        depth[a + 1 - start] += 1
        depth[b - start] -= 1
    run = 0
    for k in range(len(depth)):
        run += depth[k]
        depth[k] = run
    return depth


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in ``text[start:end]``: a sentence ends at 。！？ outside matched quotes,
    book-title marks and brackets, taking any closing quotes/brackets that follow with it.
    Semicolons and commas never end a sentence."""
    end = len(text) if end is None else end
    depth = _protected(text, start, end)
    spans: list[tuple[int, int]] = []
    s = start
    i = start
    while i < end:
        ch = text[i]
        if ch in TERMINATORS and depth[i - start] == 0:
            j = i + 1
            while j < end and (text[j] in TERMINATORS or text[j] in "”’」』"):
                j += 1
            spans.append((s, j))
            s = i = j
            continue
        if ch in _QUOTE_CLOSERS and i > start and text[i - 1] in TERMINATORS and depth[i + 1 - start] == 0:
            j = i + 1
            while j < end and text[j] in _CLOSERS:
                j += 1
            spans.append((s, j))
            s = i = j
            continue
        i += 1
    if s < end:
        if text[s:end].strip():
            spans.append((s, end))
        elif spans:
            spans[-1] = (spans[-1][0], end)
    return spans
