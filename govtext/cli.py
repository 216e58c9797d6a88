"""The ``govtext`` command: thin wrappers over library functions.

Errors govtext raises on purpose (bad input, missing models) print one line and exit with 2.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path
from typing import Callable, List, Optional

import typer
from rich.console import Console
from rich.tree import Tree

from govtext.errors import GovtextError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="govtext: read, tag, search, draft and check official-style Chinese reports.")
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

SAMPLE = Path(__file__).with_name("data") / "sample_report.txt"

THEME_COLORS = {
    "overview": "white", "political": "red", "duties": "bright_blue", "economy": "green", "reform": "cyan",
    "livelihood": "yellow", "ecology": "bright_green", "governance": "magenta", "safety": "bright_red",
    "team": "blue", "integrity": "bright_magenta", "problems": "bright_yellow", "plans": "bright_cyan",
}


def handle_errors(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GovtextError as e:
            err_console.print(f"govtext: error: {e}", markup=False)
            raise typer.Exit(2) from None
        except (FileNotFoundError, IsADirectoryError, PermissionError, UnicodeError, ValueError) as e:
            err_console.print(f"govtext: error: {e}", markup=False)
            raise typer.Exit(2) from None

    return wrapper


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="log progress to stderr")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def outline_tree(doc) -> Tree:
    """A rich tree of the report outline: levels, headings, paragraph and sentence counts."""
    label = doc.title or (Path(doc.source).name if doc.source else "(untitled report)")
    root = Tree(f"[bold]{label}[/bold]  [dim]{len(doc.paragraphs)} paragraphs · {len(doc.sentences)} sentences · {len(doc.text)} chars[/dim]")
    pre = [i for i, p in enumerate(doc.paragraphs) if p.kind == "body" and doc.section_of(p.start) is None]
    if pre:
        n = sum(len(doc.paragraphs[i].sentences) for i in pre)
        root.add(f"[dim](preamble: {len(pre)} paragraphs, {n} sentences)[/dim]")

    def add(node: Tree, sec) -> None:
        n_sent = sum(len(doc.paragraphs[i].sentences) for i in sec.paragraphs)
        n_items = sum(len(doc.paragraphs[i].items) for i in sec.paragraphs)
        extra = f", {n_items} items" if n_items else ""
        child = node.add(f"[cyan]L{sec.level}[/cyan] {sec.heading}  [dim]{len(sec.paragraphs)} ¶, {n_sent} sentences{extra}[/dim]")
        for c in sec.children:
            add(child, c)

    for s in doc.sections:
        add(root, s)
    return root


@app.command()
@handle_errors
def parse(
    file: Path = typer.Argument(..., help="a .txt or .docx report"),
    as_json: bool = typer.Option(False, "--json", help="print the Document as JSON"),
    no_tokens: bool = typer.Option(False, "--no-tokens", help="skip jieba tokenization"),
) -> None:
    """Print the outline tree of a report (or the whole Document as JSON)."""
    from govtext.parse import parse as _parse

    doc = _parse(file, tokenize=not no_tokens)
    if as_json:
        sys.stdout.write(doc.to_json(indent=1) + "\n")
    else:
        console.print(outline_tree(doc))


def _register_optional_commands() -> None:
    """Commands whose modules may be absent in a partial install are added when importable."""
    import importlib

    for mod in ("govtext.cli_more", "govtext.cli_check"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise


@app.command()
@handle_errors
def demo(file: Optional[Path] = typer.Argument(None, help="report to run on (default: the bundled sample)")) -> None:
    """The main job on the bundled defaults: parse, tag, check and draft, end to end."""
    from govtext.pipeline import run_demo

    run_demo(file or SAMPLE, console=console)


_register_optional_commands()

if __name__ == "__main__":  # pragma: no cover
    app()
