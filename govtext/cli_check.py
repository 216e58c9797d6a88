"""The ``govtext check`` command: lint reports like a compiler, and apply the safe fixes.

    govtext check report.txt                 # file:line:col: severity rule message
    govtext check a.txt b.txt --format json
    govtext check report.txt --fix           # writes report.fixed.txt
    govtext check report.txt --fix --in-place
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import List, Optional

import typer

from govtext.cli import app, console, handle_errors

log = logging.getLogger(__name__)

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _line_col(raw: str, offset: int) -> tuple[int, int]:
    line = raw.count("\n", 0, offset) + 1
    col = offset - (raw.rfind("\n", 0, offset) + 1) + 1
    return line, col


@app.command("check")
@handle_errors
def check_cmd(
    files: List[Path] = typer.Argument(..., help="one or more .txt/.docx reports"),
    fix: bool = typer.Option(False, "--fix", help="write the safely fixed text to FILE.fixed.txt"),
    in_place: bool = typer.Option(False, "--in-place", help="with --fix: overwrite FILE instead"),
    fmt: str = typer.Option("text", "--format", help="text or json"),
    kind: Optional[str] = typer.Option(None, "--kind", help="report kind: work_summary, duty_report, ..."),
    disable: Optional[str] = typer.Option(None, "--disable", help="rule ids or families to skip, comma-separated"),
) -> None:
    """Check reports against the conventions of official writing (exit 1 on any error)."""
    from govtext.lint import check, fix as fix_text
    from govtext.parse import parse, read_text

    if fmt not in ("text", "json"):
        raise ValueError(f"--format must be text or json, not {fmt!r}")
    off = [x.strip() for x in (disable or "").split(",") if x.strip()] or None
    any_error = False
    records: list[dict] = []
    for f in files:
        raw, _levels, info = read_text(f)
        doc = parse(f, tokenize=False)
        issues = check(doc, kind=kind, disable=off)
        for i in issues:
            a = doc.original_offset(i.start)
            b = doc.original_offset(max(i.start, i.end - 1)) + 1
            (l1, c1), (l2, c2) = _line_col(raw, a), _line_col(raw, b)
            any_error |= i.severity == "error"
            rec = {"file": str(f), "line": l1, "col": c1, "end_line": l2, "end_col": c2, **i.to_dict()}
            records.append(rec)
            if fmt == "text":
                style = _SEV_STYLE.get(i.severity, "")
                hint = f" → {i.suggestion}" if i.suggestion else ""
                console.print(f"{f}:{l1}:{c1}: [{style}]{i.severity}[/{style}] {i.rule} {i.message}{hint}",
                              markup=True, highlight=False, soft_wrap=True)
        if fix or in_place:
            if info.get("format") == "docx" and in_place:
                raise ValueError(f"{f}: --in-place cannot rewrite a .docx file; use --fix to get a .txt copy")
            fixed = fix_text(raw, kind=kind, disable=off)
            target = f if in_place else f.with_name(f.stem + ".fixed.txt")
            target.write_text(fixed, encoding="utf-8")
            if fmt == "text":
                console.print(f"[dim]fixed text written to {target}[/dim]")
    if fmt == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
    elif not records:
        console.print("[green]no issues found[/green]")
    if any_error:
        raise typer.Exit(1)


def demo_steps_check(doc, *, console) -> None:
    """The demo's check step: a short table of the issues found in ``doc``."""
    from rich.table import Table

    from govtext.lint import check

    issues = check(doc)
    console.rule("[bold]Check[/bold]: conventions of official writing")
    counts = {s: sum(1 for i in issues if i.severity == s) for s in ("error", "warning", "info")}
    table = Table(show_lines=False)
    for col in ("where", "severity", "rule", "message", "suggestion"):
        table.add_column(col)
    order = {"error": 0, "warning": 1, "info": 2}
    for i in sorted(issues, key=lambda x: (order.get(x.severity, 3), x.start))[:15]:
        line, col = _line_col(doc.text, i.start)
        style = _SEV_STYLE.get(i.severity, "")
        table.add_row(f"{line}:{col}", f"[{style}]{i.severity}[/{style}]", i.rule, i.message, i.suggestion[:30])
    console.print(table)
    console.print(f"{counts['error']} errors · {counts['warning']} warnings · {counts['info']} hints"
                  + (f" (showing 15 of {len(issues)})" if len(issues) > 15 else ""))
