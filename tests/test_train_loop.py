"""The accelerator path of drafter training: token bundle -> plain-torch loop -> packaged drafter."""
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.test_drafter import REPORT

pytest.importorskip("torch")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from govtext.corpus import build_all
    from govtext.train.drafter_bundle import export_data

    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "reports").mkdir()
    for n in range(12):
        (corpus / "reports" / f"t{n}.txt").write_text(REPORT.format(n=n), encoding="utf-8")
    build_all(corpus)
    out = tmp_path_factory.mktemp("bundle")
    meta = export_data(out, corpus=str(corpus), dense_variants=2, vocab_size=300)
    return out, meta


def test_bundle_holds_token_ids_that_decode_to_the_corpus(bundle):
    from transformers import AutoTokenizer

    out, meta = bundle
    assert meta["bundle_version"] == 1 and meta["sft_train"] > 0 and meta["pre_train_tokens"] > 0
    idx = np.load(out / "sft_train_index.npy")
    flat = np.load(out / "sft_train.npy")
    assert idx.shape[1] == 3 and (idx[:, 2] < idx[:, 1]).all()  # every example keeps some target
    tok = AutoTokenizer.from_pretrained(str(out / "tokenizer"))
    off, ln, pl = (int(x) for x in idx[0])
    prompt = tok.decode(flat[off:off + pl].tolist())
    target = tok.decode(flat[off + pl:off + ln].tolist())
    assert "[DRAFT]" in prompt.replace(" ", "") and "[EOS]" in target.replace(" ", "")
    assert not re.search(r"[0-9]", re.sub(r"\[[FN]\d+\]", "", target))  # figures only as slots


def test_lm_blocks_and_sft_batches_mask_the_prompt():
    from govtext.train.loop import _lm_blocks, _sft_batches

    s = np.arange(10)
    assert _lm_blocks(s, 4).tolist() == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert _lm_blocks(s, 4, offset=3).tolist() == [[3, 4, 5, 6]]
    flat = np.array([5, 6, 7, 8, 9, 10, 11], dtype=np.int64)
    idx = np.array([[0, 4, 2], [4, 3, 1]])
    batches = list(_sft_batches(flat, idx, 2, 0, None))
    assert len(batches) == 1
    ids, lab, mask = batches[0]
    rows = {tuple(r) for r in ids.tolist()}
    assert rows == {(5, 6, 7, 8), (9, 10, 11, 0)}
    for i, l, m in zip(ids.tolist(), lab.tolist(), mask.tolist()):
        if i[0] == 5:
            assert l == [-100, -100, 7, 8] and m == [1, 1, 1, 1]
        else:
            assert l == [-100, 10, 11, -100] and m == [1, 1, 1, 0]


@pytest.mark.slow
def test_loop_trains_saves_epochs_and_packages_a_loadable_drafter(bundle, tmp_path):
    from govtext.drafter import Drafter
    from govtext.train.drafter_bundle import package

    data, _ = bundle
    # run as a file, as on a bare GPU machine (no govtext import needed there)
    loop = Path(__file__).resolve().parent.parent / "govtext" / "train" / "loop.py"
    r = subprocess.run([sys.executable, str(loop), "--data", str(data), "--out", str(tmp_path / "w"), "--size", "test",
                        "--max-pre-epochs", "2", "--max-ft-epochs", "2", "--no-ft-early-stop", "--save-epochs", "1",
                        "--pre-batch", "4", "--sft-batch", "4", "--device", "cpu"],
                       capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    run = json.loads((tmp_path / "w" / "test" / "run.json").read_text(encoding="utf-8"))
    assert run["finetune"]["best_epoch"] == 2 and len(run["finetune"]["curve"]) == 2
    assert run["pretrain"]["curve"] and run["ft_early_stop"] is False
    e1 = json.loads((tmp_path / "w" / "test-e1" / "run.json").read_text(encoding="utf-8"))
    assert e1["finetune"]["best_epoch"] == 1
    assert e1["finetune"]["best_val_loss"] == run["finetune"]["curve"][0]["val_loss"]
    m = package(tmp_path / "w" / "test", bundle=data, out=tmp_path / "drafter")
    assert m["finetune_epochs"] == 2 and m["validation_perplexity"] > 1
    for f in ("config.json", "model.safetensors", "tokenizer.json", "govtext.json", "metrics.json", "README.md"):
        assert (tmp_path / "drafter" / f).exists()
    d = Drafter.load(tmp_path / "drafter")
    assert not d.is_default
    res = d.draft("integrity", ["开展廉政警示教育 6次", "签订责任书 42份"], n_candidates=2, max_new_tokens=12)
    assert res.check.fact_recall == 1.0 and not res.check.unsupported
    # a bundle with another tokenizer is refused
    other = tmp_path / "other"
    (other / "tokenizer").mkdir(parents=True)
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(data / "tokenizer"))
    tok.add_tokens(["多余的词"])
    tok.save_pretrained(str(other / "tokenizer"))
    (other / "meta.json").write_text((data / "meta.json").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ValueError, match="vocabulary"):
        package(tmp_path / "w" / "test", bundle=other, out=tmp_path / "drafter2")
