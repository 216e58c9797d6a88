"""The end-to-end demo that ``govtext demo`` (the quickstart's main job) runs."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


def run_demo(path: str | Path, *, console) -> None:
    """Parse a report and show its outline; then tag, check and draft where those parts exist."""
    from govtext.cli import outline_tree
    from govtext.parse import parse

    console.rule("[bold]1 · Read[/bold]: outline")
    doc = parse(path)
    console.print(outline_tree(doc))
    steps = [("govtext.cli_more", "demo_steps"), ("govtext.cli_check", "demo_steps_check")]
    for mod, name in steps:
        try:
            module = __import__(mod, fromlist=[name])
        except ModuleNotFoundError:
            continue
        getattr(module, name)(doc, console=console)
