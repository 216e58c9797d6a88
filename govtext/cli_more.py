"""Commands for tagging, searching, facts, outlines and drafting (thin wrappers)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from govtext.cli import THEME_COLORS, app, console, handle_errors
from govtext.themes import THEME_IDS, THEMES


def _theme_label(t: str | None) -> str:
    if not t:
        return "[dim]-[/dim]"
    return f"[{THEME_COLORS.get(t, 'white')}]{THEMES[t].name}[/]"


def print_profile(prof, *, console) -> None:
    """The theme profile as a table: one row per theme, columns for the whole report and each section."""
    t = Table(title=f"主题分布 · {prof['kind']}")
    t.add_column("主题")
    t.add_column("全文", justify="right")
    for sec in prof["sections"]:
        t.add_column(sec["heading"][:6], justify="right")
    for th in THEME_IDS:
        if not prof["overall"].get(th) and not any(sec["shares"].get(th) for sec in prof["sections"]):
            continue
        cells = [f"{sec['shares'][th]:.0%}" if sec["shares"].get(th) else "" for sec in prof["sections"]]
        t.add_row(_theme_label(th), f"{prof['overall'].get(th, 0):.0%}", *cells)
    console.print(t)
    if prof["missing"]:
        names = "、".join(THEMES[m].name for m in prof["missing"])
        console.print(f"[yellow]提示：此类报告通常包含「{names}」，本文未发现。[/yellow]")


def sentence_table(sentences, *, limit: int | None = None) -> Table:
    t = Table(show_header=True, box=None, pad_edge=False)
    t.add_column("主题", no_wrap=True)
    t.add_column("置信", justify="right", no_wrap=True)
    t.add_column("句子")
    for s in sentences[:limit]:
        conf = max(s.theme_proba.values()) if s.theme_proba else 0.0
        t.add_row(_theme_label(s.theme), f"{conf:.2f}", f"[bold]{s.text}[/bold]" if s.is_heading else s.text)
    return t


@app.command()
@handle_errors
def tag(
    file: Path = typer.Argument(..., help="a .txt or .docx report"),
    as_json: bool = typer.Option(False, "--json", help="print sentences with themes and the profile as JSON"),
    kind: Optional[str] = typer.Option(None, "--kind", help="report kind (default: inferred from the title)"),
    model: Optional[Path] = typer.Option(None, "--model", help="a theme-classifier directory"),
) -> None:
    """Print each sentence with its theme (coloured) and the report's theme profile."""
    from govtext.classify import tag as _tag
    from govtext.classify import theme_profile
    from govtext.parse import parse

    doc = _tag(parse(file), model=model)
    prof = theme_profile(doc, kind=kind)
    if as_json:
        out = {"sentences": [{"text": s.text, "start": s.start, "end": s.end, "theme": s.theme,
                              "confidence": max(s.theme_proba.values()) if s.theme_proba else None} for s in doc.sentences],
               "profile": dict(prof)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        return
    console.print(sentence_table(doc.sentences))
    print_profile(prof, console=console)




def _index(path: Optional[Path]):
    from govtext.retrieve import ExemplarIndex, cached_corpus_index

    if path is not None:
        return ExemplarIndex.load(path, mmap=True)
    return cached_corpus_index()


@app.command()
@handle_errors
def search(
    query: str = typer.Argument(..., help="a rough phrase, e.g. 落实廉政责任"),
    theme: Optional[str] = typer.Option(None, "--theme", help=f"filter: {', '.join(THEME_IDS)}"),
    kind: Optional[str] = typer.Option(None, "--kind", help="filter by report kind"),
    year: Optional[str] = typer.Option(None, "--year", help="a year or a range like 2021-2024"),
    k: int = typer.Option(5, "-k", help="number of results"),
    unit: str = typer.Option("sentence", "--unit", help="sentence or paragraph"),
    mode: str = typer.Option("fused", "--mode", help="fused, lexical or semantic"),
    index: Optional[Path] = typer.Option(None, "--index", help="a saved index (default: the bundled corpus)"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Find exemplar phrasing in the corpus (or a saved index)."""
    yr = None
    if year:
        a, _, b = year.partition("-")
        yr = (int(a), int(b or a))
    hits = _index(index).search(query, k=k, theme=theme, kind=kind, year=yr, unit=unit, mode=mode)
    if as_json:
        sys.stdout.write(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, indent=1) + "\n")
        return
    if not hits:
        console.print("[yellow]没有找到结果：换个说法，或去掉筛选条件。[/yellow]")
    for i, h in enumerate(hits, 1):
        text = h.highlighted("[bold yellow]", "[/bold yellow]")
        console.print(f"[cyan]{i}.[/cyan] {text}")
        console.print(f"   [dim]{_theme_label(h.theme)} · {h.kind or '-'} · {h.year or '-'} · {h.source} · score {h.score:.3f}[/dim]")


@app.command()
@handle_errors
def phrases(
    theme: Optional[str] = typer.Option(None, "--theme", help="theme id (default: all)"),
    top: int = typer.Option(15, "--top"),
    index: Optional[Path] = typer.Option(None, "--index"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The phrase bank of a theme: set expressions, parallel constructions, slogans, collocations."""
    ps = _index(index).phrases(theme=theme, top=top)
    if as_json:
        sys.stdout.write(json.dumps([p.__dict__ for p in ps], ensure_ascii=False, indent=1) + "\n")
        return
    names = {"idiom": "四字表达", "parallel": "排比句式", "slogan": "引号提法", "collocation": "动宾搭配"}
    for kind in names:
        group = [p for p in ps if p.kind == kind]
        if not group:
            continue
        t = Table(title=f"{names[kind]}{' · ' + THEMES[theme].name if theme else ''}")
        t.add_column("phrase")
        t.add_column("count", justify="right")
        t.add_column("example")
        for p in group:
            t.add_row(p.text, str(p.count), (p.examples[0][:40] + "…") if p.examples else "")
        console.print(t)


@app.command()
@handle_errors
def facts(file: Path = typer.Argument(..., help="a text file (a draft or a report)"),
          as_json: bool = typer.Option(False, "--json")) -> None:
    """List every figure in a text with its normalized value and unit, and unfilled placeholders."""
    from govtext.facts import find_figures, find_placeholders
    from govtext.parse import read_text

    text, _, _ = read_text(file)
    figs = find_figures(text)
    holes = find_placeholders(text)
    if as_json:
        sys.stdout.write(json.dumps({"figures": [f.__dict__ for f in figs], "placeholders": [h.__dict__ for h in holes]},
                                    ensure_ascii=False, indent=1) + "\n")
        return
    t = Table(title=f"{len(figs)} figures")
    for c in ("text", "value", "unit", "kind", "context"):
        t.add_column(c)
    for f in figs:
        t.add_row(f.text, "" if f.value is None else f"{f.value:g}" + (f"～{f.value2:g}" if f.value2 else ""), f.unit,
                  f.kind, text[max(0, f.start - 10):f.start].replace("\n", " "))
    console.print(t)
    if holes:
        console.print(f"[yellow]{len(holes)} unfilled placeholders:[/yellow] " +
                      ", ".join(f"{h.context[-8:]}[bold]{h.text}[/bold]{h.unit}" for h in holes))


@app.command()
@handle_errors
def fill(file: Path = typer.Argument(..., help="a text with placeholders (*, XX, 【待补】)"),
         facts_file: Path = typer.Option(..., "--facts", help="facts: one note per line, or YAML/JSON"),
         out: Optional[Path] = typer.Option(None, "--out", "-o", help="write the filled text here")) -> None:
    """Fill placeholders from facts and report what could not be filled."""
    from govtext.facts import fill as _fill
    from govtext.facts import load_facts
    from govtext.parse import read_text

    text, _, _ = read_text(file)
    res = _fill(text, load_facts(facts_file))
    if out:
        out.write_text(res.text, encoding="utf-8")
        console.print(f"wrote {out}")
    else:
        sys.stdout.write(res.text if res.text.endswith("\n") else res.text + "\n")
    console.print(f"[green]filled {len(res.filled)}[/green], [yellow]unfilled {len(res.unfilled)}[/yellow]"
                  + ("".join(f"\n  - {h.context[-10:]}[bold]{h.text}[/bold]{h.unit}" for h in res.unfilled)), highlight=False)
    if res.unfilled:
        raise typer.Exit(1)


@app.command()
@handle_errors
def outline(kind: str = typer.Option("work_summary", "--kind", help="report kind"),
            year: Optional[int] = typer.Option(None, "--year"),
            issuer: str = typer.Option("", "--issuer"),
            themes: Optional[List[str]] = typer.Option(None, "--theme", help="themes of the main-work part, in order")) -> None:
    """Print a heading skeleton for a report kind."""
    from govtext.outline import outline as _outline

    sys.stdout.write(_outline(kind, year=year, issuer=issuer, themes=themes) + "\n")


@app.command()
@handle_errors
def draft(
    theme: str = typer.Option(..., "--theme", help=f"one of {', '.join(THEME_IDS)}"),
    fact: Optional[List[str]] = typer.Option(None, "--fact", help="a note; repeat for more"),
    facts_file: Optional[Path] = typer.Option(None, "--facts", help="notes: one per line, or YAML/JSON"),
    kind: str = typer.Option("work_summary", "--kind"),
    engine: str = typer.Option("auto", "--engine", help="auto (neural when the drafter is marked as default or --model is given), neural or template"),
    model: Optional[Path] = typer.Option(None, "--model", help="a drafter model directory"),
    lead: Optional[str] = typer.Option(None, "--lead", help="neural engine: when a framing sentence of the theme "
                                       "opens the draft: when_off_theme (default), always or never"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Draft a section from bullet facts; every figure is checked against the facts."""
    from govtext.draft import draft as _draft
    from govtext.facts import load_facts, parse_facts

    notes = list(fact or [])
    fs = parse_facts(notes) + (load_facts(facts_file) if facts_file else [])
    if not fs:
        raise typer.BadParameter("give notes with --fact (repeatable) or --facts FILE")
    res = _draft(theme, fs, kind=kind, engine=engine, model=model, lead=lead)
    if as_json:
        sys.stdout.write(json.dumps(res.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    show_draft(res, console=console)


def show_draft(res, *, console) -> None:
    console.print(f"[bold]{THEMES[res.theme].name}[/bold] · produced by [cyan]{res.engine}[/cyan]"
                  + (f" [dim]({res.note})[/dim]" if res.note else ""))
    console.print(res.text)
    v = res.check
    ok = "[green]✓ 数字核对通过[/green]" if v.ok else "[red]✗ 数字核对未通过[/red]"
    console.print(f"{ok}  facts stated {len(v.facts_stated)}/{len(v.facts)}, unsupported figures {len(v.unsupported)}")


def demo_steps(doc, *, console) -> None:
    """The demo's later steps: tag and profile, search, draft."""
    from govtext.classify import tag as _tag
    from govtext.classify import theme_profile

    console.rule("[bold]2 · Tag[/bold]: sentence themes")
    _tag(doc)
    console.print(sentence_table(doc.sentences, limit=12))
    console.print(f"[dim]… {len(doc.sentences)} sentences tagged[/dim]")
    print_profile(theme_profile(doc), console=console)
    console.rule("[bold]3 · Retrieve[/bold]: exemplars for 落实廉政责任 (theme integrity)")
    from govtext.retrieve import ExemplarIndex

    idx = ExemplarIndex.from_corpus(units=("sentence",))
    for h in idx.search("落实廉政责任", theme="integrity", k=3):
        console.print("• " + h.highlighted("[bold yellow]", "[/bold yellow]"))
    console.rule("[bold]4 · Draft[/bold]: a section from notes, with the fact check")
    from govtext.draft import draft as _draft

    notes = ["开展廉政警示教育 6次", "签订党风廉政建设责任书 42份", "“三公”经费同比下降12.3%", "廉政谈话 96人次"]
    console.print("notes: " + "；".join(notes))
    show_draft(_draft("integrity", notes, kind="work_summary"), console=console)


train_app = typer.Typer(help="Train govtext's models on the bundled corpus or your own reports.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("drafter")
@handle_errors
def train_drafter_cmd(
    out: Path = typer.Option(Path("models/drafter-small"), "--out"),
    base: Optional[Path] = typer.Option(None, "--base", help="a local Hugging Face causal-LM directory to fine-tune"),
    lora: bool = typer.Option(False, "--lora", help="fine-tune --base with LoRA adapters (peft)"),
    folder: Optional[Path] = typer.Option(None, "--folder", help="train on your own folder of reports"),
    size: str = typer.Option("small", "--size", help="tiny, small or base (a new model)"),
    pretrain_epochs: float = typer.Option(6.0, "--pretrain-epochs"),
    finetune_epochs: float = typer.Option(2.0, "--finetune-epochs"),
    work: Path = typer.Option(Path("runs/drafter"), "--work", help="checkpoint folder"),
    resume: bool = typer.Option(False, "--resume"),
    make_default: bool = typer.Option(False, "--make-default",
                                      help="mark the model as draft()'s default engine (once bench_draft shows it beats version 1)"),
) -> None:
    """Train the neural drafter (or fine-tune a local causal LM with --base [--lora])."""
    from govtext.train.drafter import train_drafter

    if base is not None and not base.is_dir():
        raise FileNotFoundError(f"--base {base} is not a model directory (govtext never downloads models)")
    m = train_drafter(out, base=str(base) if base else None, lora=lora, folder=str(folder) if folder else None,
                      size=size, pretrain_epochs=pretrain_epochs, finetune_epochs=finetune_epochs, work=work, resume=resume,
                      make_default=make_default)
    console.print_json(json.dumps(m, ensure_ascii=False))


@train_app.command("classifier")
@handle_errors
def train_classifier_cmd(out: Path = typer.Option(Path("models/theme-classifier"), "--out")) -> None:
    """Retrain the theme classifier from corpora/ (hyper-parameters chosen on the validation split)."""
    from govtext.train.classifier import train

    m = train(out)
    console.print(f"corpus test macro-F1 {m['corpus_test']['macro_f1']}"
                  + (f", real-dev {m['real_dev_labels']['macro_f1']}" if "real_dev_labels" in m else ""))


@app.command()
@handle_errors
def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8765, "--port")) -> None:
    """Serve the local draft-helper page (draft from notes, fact check, style check)."""
    from govtext.server import serve as _serve

    console.print(f"govtext draft helper on [bold]http://{host}:{port}[/bold]  (Ctrl+C to stop)")
    _serve(host, port)
