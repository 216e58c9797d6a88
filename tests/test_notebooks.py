"""Execute every notebook in notebooks/ from a clean kernel (a temp copy; figures go to a temp folder).

    pytest -m notebooks tests/test_notebooks.py

Each notebook takes seconds to ~4 minutes on 2 CPU cores (03 up to ~14 minutes when models/drafter-small holds a
neural drafter). Set GOVTEXT_NOTEBOOK_FALLBACK=1 to exercise the bundled-corpus path that runs when ../shared is
absent. The committed outputs must hold no real text: see test_committed_outputs_hold_no_shared_text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

SHARED = ROOT.parent / "shared"
RUN = 14  # a run of this many characters, at least MIN_CJK of them CJK, counts as copied text
MIN_CJK = 10

pytestmark = pytest.mark.notebooks


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _cjk_runs(text: str):
    for i in range(len(text) - RUN + 1):
        s = text[i:i + RUN]
        if sum(map(_is_cjk, s)) >= MIN_CJK:
            yield s


def test_notebooks_are_present():
    names = {p.name for p in NOTEBOOKS}
    assert {"01_theme_landscape.ipynb", "02_phrase_bank.ipynb", "03_drafting_and_facts.ipynb",
            "04_train_on_your_archive.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import NoSuchKernel

    copy = tmp_path / path.name
    shutil.copy(path, copy)
    monkeypatch.setenv("GOVTEXT_FIG_DIR", str(tmp_path / "figures"))  # leave notebooks/figures untouched
    monkeypatch.setenv("MPLBACKEND", "agg")
    nb = nbformat.read(copy, as_version=4)
    for cell in nb.cells:  # start from a clean slate
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = nbclient.NotebookClient(nb, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    try:
        client.execute()  # raises CellExecutionError on the first failing cell
    except NoSuchKernel:
        pytest.skip("no 'python3' Jupyter kernel: python -m ipykernel install --user --name python3")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    assert list((tmp_path / "figures").glob("*.png")) or path.stem.startswith("03"), "the notebook saved no figure"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_real_text_is_opt_in(path: Path):
    src = "".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    assert 'SHOW_REAL_TEXT = os.environ.get("GOVTEXT_SHOW_REAL_TEXT") == "1"' in src


def test_committed_outputs_hold_no_shared_text():
    """No 14-character run (>= 10 CJK) of a committed notebook also occurs in a file under ../shared."""
    files = [*SHARED.glob("reference/*.txt"), *SHARED.glob("data/**/*.txt"), *SHARED.glob("data/**/*.jsonl")]
    if not files:
        pytest.skip("../shared is absent")
    grams = set()
    for f in files:
        text = f.read_text(encoding="utf-8")
        if f.suffix == ".jsonl":  # also as re-serialized JSON, the form a notebook would hold
            text += "\n" + "\n".join(json.dumps(json.loads(l), ensure_ascii=False) for l in text.splitlines() if l.strip())
        grams.update(_cjk_runs(text))
    shared = {}
    for path in NOTEBOOKS:
        text = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
        hits = [s for s in _cjk_runs(text) if s in grams]
        if hits:
            shared[path.name] = (len(hits), hits[:3])
    assert not shared, shared
