"""Turn a string, a .txt file or a .docx file into a :class:`~govtext.document.Document`.

>>> doc = parse("某局2024年工作总结\\n一、主要工作\\n一是抓学习。二是抓落实。")
>>> doc.title, [s.heading for s in doc.sections], len(doc.items())
('某局2024年工作总结', ['一、主要工作'], 2)
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from govtext.document import Document, Sentence, Span
from govtext.errors import (
    BinaryFileError,
    EmptyInputError,
    FileTooLargeError,
    MissingFileError,
    UnsupportedFormatError,
)
from govtext.structure import build_sections, classify_paragraphs, find_items
from govtext.text import decode_bytes, normalize, split_sentences

__all__ = ["parse", "read_text", "MAX_BYTES"]

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def _looks_like_path(source: str) -> bool:
    return "\n" not in source and len(source) < 1024 and (
        source.endswith((".txt", ".docx", ".text", ".md", ".doc", ".pdf")) or os.sep in source
    )


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, dict[int, int] | None, dict]:
    """Read a report file: text, heading levels from .docx styles (or ``None``), metadata."""
    p = Path(path)
    if not p.exists():
        raise MissingFileError(f"{p} does not exist: check the path (relative paths start at {Path.cwd()})")
    if p.is_dir():
        raise UnsupportedFormatError(f"{p} is a folder: give one report file, or use govtext.corpus for folders")
    size = p.stat().st_size
    if size > max_bytes:
        raise FileTooLargeError(
            f"{p} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit: split it, or pass max_bytes="
        )
    if size == 0:
        raise EmptyInputError(f"{p} is empty: give a report with some text in it")
    suffix = p.suffix.lower()
    if suffix == ".docx":
        text, levels, title = _read_docx(p)
        return text, levels, {"format": "docx", **({"docx_title": title} if title is not None else {})}
    if suffix in (".doc", ".pdf", ".wps"):
        raise UnsupportedFormatError(f"{p}: {suffix} files are not read; save the report as .docx or UTF-8 .txt")
    data = p.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise BinaryFileError(f"{p} is a zip archive; if it is a Word file, give it the .docx suffix")
    return decode_bytes(data, name=str(p)), None, {"format": "txt"}


def _read_docx(p: Path) -> tuple[str, dict[int, int], int | None]:
    try:
        import docx
    except ImportError as e:  # pragma: no cover - dependency of the package
        raise UnsupportedFormatError("reading .docx needs python-docx: pip install python-docx") from e
    try:
        d = docx.Document(str(p))
    except Exception as e:  # python-docx raises several types for broken files
        raise BinaryFileError(f"{p} is not a readable .docx file ({type(e).__name__}); re-save it from Word") from None
    lines: list[str] = []
    levels: dict[int, int] = {}
    title = None
    for para in d.paragraphs:
        t = para.text.strip()
        if not t:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        m = re.match(r"(?:Heading|标题)\s*(\d)", style)
        if style in ("Title", "标题") and title is None:
            title = len(lines)
        elif m:
            levels[len(lines)] = int(m.group(1))
        lines.append(t)
    return "\n".join(lines), levels, title


def parse(
    source: str | os.PathLike,
    *,
    tokenize: bool = True,
    tokenizer=None,
    meta: dict | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Parse a report given as text or as a path to a .txt/.docx file.

    ``tokenize=False`` skips jieba (structure and sentences only, much faster).

    >>> parse("一、总体情况\\n全年完成投资12亿元。").sections[0].heading
    '一、总体情况'
    """
    styled: dict[int, int] | None = None
    info: dict = {}
    src_name = None
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        raw, styled, info = read_text(source, max_bytes=max_bytes)
        src_name = str(source)
    elif isinstance(source, str):
        raw = source
        if len(raw.encode("utf-8")) > max_bytes:
            raise FileTooLargeError(f"text is over the {max_bytes / 1e6:.0f} MB limit: split it, or pass max_bytes=")
    else:
        raise TypeError(f"parse() takes text or a path, not {type(source).__name__}")
    norm = normalize(raw)
    if not norm.text.strip():
        raise EmptyInputError(f"{src_name or 'the text'} holds no text: give a report with some content")
    title_index = info.pop("docx_title", None)
    paras, title_idx = classify_paragraphs(norm.text, norm.paragraphs, styled_levels=styled, title_index=title_index)
    doc = Document(text=norm.text, paragraphs=paras, offset_map=norm.offset_map, source=src_name,
                   meta={**info, **(meta or {})})
    text = norm.text
    heading_spans: dict[int, tuple[int, int]] = {}
    for pi, p in enumerate(paras):
        if p.kind in ("title", "subtitle", "heading"):
            spans = [(p.start, p.end)]
        else:
            spans = split_sentences(text, p.start, p.end)
        for k, (a, b) in enumerate(spans):
            is_head = p.kind in ("title", "heading") or (p.heading_level is not None and k == 0)
            p.sentences.append(len(doc.sentences))
            doc.sentences.append(Sentence(text=text[a:b], start=a, end=b, paragraph=pi, is_heading=is_head))
        if p.heading_level is not None:
            heading_spans[pi] = spans[0]
        if p.kind == "body":
            p.items = find_items(text, p.start, p.end)
    _paragraph_level_items(doc)
    doc.sections = build_sections(text, paras, heading_spans)
    if title_idx is not None:
        tp = paras[title_idx]
        doc.title, doc.title_span = text[tp.start:tp.end], Span(tp.start, tp.end, "title")
    if tokenize:
        from govtext.tokenize import get_tokenizer

        tk = tokenizer or get_tokenizer()
        for s in doc.sentences:
            s.tokens = tk.tokenize(s.text, s.start)
    log.debug("parsed %s: %d paragraphs, %d sentences", src_name or "text", len(paras), len(doc.sentences))
    return doc


_PARA_ITEM = re.compile(r"^(?:([一二三四五六七八九十]{1,3})是|第([一二三四五六七八九十]{1,3})[，、：])")


def _paragraph_level_items(doc: Document) -> None:
    """Paragraphs that each open with 一是 / 二是 … (or 第一，第二，…) in a row form one
    enumeration: each such paragraph gets one item span covering the paragraph."""
    from govtext.structure import chinese_to_int

    run: list[int] = []
    expect = 1

    def flush() -> None:
        if len(run) >= 2:
            for pi in run:
                p = doc.paragraphs[pi]
                label = doc.text[p.start:p.start + 2]
                # an inline run inside the paragraph stays; the paragraph-level item is added first
                p.items = [Span(p.start, p.end, label)] + [it for it in p.items if it.start != p.start]
        run.clear()

    for pi, p in enumerate(doc.paragraphs):
        if p.kind != "body":
            if p.kind in ("heading", "title"):
                flush()
                expect = 1
            continue
        m = _PARA_ITEM.match(doc.text[p.start:p.end])
        n = chinese_to_int(m.group(1) or m.group(2)) if m else None
        if n == 1:
            flush()
            run.append(pi)
            expect = 2
        elif n is not None and n == expect and run:
            run.append(pi)
            expect += 1
        elif p.heading_level is not None:
            flush()
            expect = 1
    flush()
