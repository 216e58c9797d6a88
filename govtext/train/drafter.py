"""Train the neural drafter: tokenizer, pre-training on report text, fine-tuning on notes -> paragraph pairs.

    python -m govtext.train.drafter                      # rebuild models/drafter-small from corpora/
    python -m govtext.train.drafter --folder MY_REPORTS  # train on your own folder of reports
    python -m govtext.train.drafter --base PATH [--lora] # fine-tune a local Hugging Face causal LM

Figures are replaced by slot tokens ([F1] …) everywhere (see govtext.drafter), so the model
learns where figures go, never which figures. Checkpoints go to --work (resumable with --resume);
the seed is fixed; data flows through ``datasets``.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import re
import time
from pathlib import Path
from typing import Any, Sequence

from govtext.drafter import DEFAULT_DRAFTER_DIR, SPECIAL_TOKENS, build_prompt, delexicalize

log = logging.getLogger(__name__)

SIZES: dict[str, dict[str, int]] = {
    # measured on 2 CPU cores (see models/drafter-small/README.md)
    "tiny": {"hidden_size": 192, "intermediate_size": 512, "num_hidden_layers": 4, "num_attention_heads": 4, "num_key_value_heads": 2},
    "small": {"hidden_size": 256, "intermediate_size": 704, "num_hidden_layers": 6, "num_attention_heads": 4, "num_key_value_heads": 2},
    "base": {"hidden_size": 384, "intermediate_size": 1024, "num_hidden_layers": 8, "num_attention_heads": 6, "num_key_value_heads": 2},
}


# ---------------------------------------------------------------------------------------------
# data
def _slot_text(text: str) -> str:
    """A paragraph with its figures replaced by slots in order of appearance (for pre-training)."""
    from govtext.facts import find_figures

    out, last, k = [], 0, 0
    for g in find_figures(text):
        k = min(k + 1, 24)
        out += [text[last:g.start], f"[F{k}]"]
        last = g.end
    out.append(text[last:])
    return "".join(out)


def corpus_texts_and_pairs(corpus: str | None = None, *, splits: Sequence[str] = ("train", "validation")):
    """Pre-training paragraphs and (notes, paragraph) pairs from the bundled corpus (test split held out)."""
    from govtext.corpus import CORPUS_DIR, iter_reports

    texts = []
    for r in iter_reports(corpus):
        if r.meta["split"] in splits:
            texts += [t for t in r.text.split("\n") if len(t) >= 8]
    d = Path(corpus) if corpus else CORPUS_DIR
    pairs = [json.loads(l) for l in open(d / "derived" / "pairs.jsonl", encoding="utf-8")]
    return texts, pairs


# Leading words a writer leaves out of a note (the drafter learns to put such framing back).
_NOTE_LEAD = re.compile(r"^(?:同时|此外|另外|其中|与此同时|在此基础上|为此|对此|总体上看|总的来看|从总体看|"
                        r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+，?|首先|其次|再次|最后|全年|一年来|今年以来|"
                        r"过去一年|截至目前|目前|通过|围绕|我们|坚持|积极|认真|扎实|切实|着力|进一步|不断)+")
_CLAUSE_RE = re.compile(r"[^，；。！？：]+[，；。！？：]?")


def dense_notes(sentences: Sequence[str], rng: random.Random) -> list[str]:
    """Notes as a writer jots them for a paragraph: one or two per sentence, each the core of a
    clause run (lead-in words dropped), every figure-bearing clause kept, some framing left out.
    Notes stay verbatim spans of the paragraph, so the target can point at them."""
    from govtext.facts import find_figures

    notes: list[str] = []
    for sent in sentences:
        clauses = [m.group() for m in _CLAUSE_RE.finditer(sent)]
        run: list[str] = []
        for k, c in enumerate(clauses):
            body = c.rstrip("，；。！？：")
            has_fig = bool(find_figures(body))
            keep = has_fig or (k == 0 and rng.random() < 0.8) or rng.random() < 0.35
            if keep and sum(map(len, run)) + len(body) <= 36:
                run.append(c if k < len(clauses) - 1 else body)
                continue
            if run:
                notes.append("".join(run))
                run = []
            if keep:
                run = [c if k < len(clauses) - 1 else body]
        if run:
            notes.append("".join(run))
    out = []
    for n in notes:
        n = _NOTE_LEAD.sub("", n.rstrip("，；。！？： ")).strip("，；：")
        if len(n) >= 4:
            out.append(n)
    return out[:16]


def dense_pair(pid: str, split: str, kind: str, sents: Sequence[tuple[str, str]], rng: random.Random) -> dict | None:
    """One notes -> paragraph pair from a body paragraph given as (sentence, theme) pairs, or None
    when the paragraph is out of range (30–450 characters) or its notes miss a figure."""
    from govtext.facts import verify

    text = "".join(t for t, _ in sents)
    if not sents or not (30 <= len(text) <= 450):
        return None
    notes = dense_notes([t for t, _ in sents], rng)
    if not notes:
        return None
    chk = verify(text, notes)
    if chk.unsupported or chk.facts_missing:
        return None
    themes = [th for _, th in sents if th]
    return {"id": pid, "split": split, "kind": kind, "theme": max(set(themes), key=themes.count) if themes else "overview",
            "bullets": notes, "reference": text, "source": "dense"}


def dense_pairs(corpus: str | None = None, *, seed: int = 0) -> list[dict[str, Any]]:
    """Notes -> paragraph pairs from every body paragraph of the corpus, the notes built by
    :func:`dense_notes` (heading sentences are left out of the reference)."""
    from govtext.corpus import iter_reports

    rng = random.Random(seed)
    out = []
    for r in iter_reports(corpus):
        for pi, ss in r.by_paragraph().items():
            if pi == 0:
                continue
            p = dense_pair(f"{r.id}-d{pi}", r.meta["split"], r.meta["kind"],
                           [(x["text"], x["theme"]) for x in ss if not x["is_heading"]], rng)
            if p:
                out.append(p)
    return out


def folder_texts_and_pairs(folder: str | Path):
    """The same from a user's folder of reports: pairs built like the corpus's (figure pairs and
    dense-notes pairs), themes tagged by the theme classifier."""
    from govtext.classify import tag
    from govtext.corpus import _notes_for, load_folder, split_of
    from govtext.facts import find_figures, verify
    from govtext.parse import parse

    reps = load_folder(folder, level="report")
    rng = random.Random(0)
    texts, pairs = [], []
    for r in reps:
        doc = tag(parse(r["text"], tokenize=False))
        split = split_of(r["id"])
        for pi, p in enumerate(doc.paragraphs):
            t = doc.text[p.start:p.end]
            if len(t) >= 8 and (split != "test" or len(reps) < 10):  # a small archive keeps every report
                texts.append(t)
            if p.kind == "body":
                d = dense_pair(f"{r['id']}-d{pi}", split, r["kind"],
                               [(s.text, s.theme) for s in doc.sentences_of(pi) if not s.is_heading], rng)
                if d:
                    pairs.append(d)
            if p.kind != "body" or not (30 <= len(t) <= 400) or not find_figures(t):
                continue
            notes, figures = _notes_for(t)
            chk = verify(t, notes)
            if chk.unsupported or chk.facts_missing:
                continue
            themes = [s.theme for s in doc.sentences_of(pi) if s.theme]
            pairs.append({"id": f"{r['id']}-p{pi}", "split": split, "kind": r["kind"],
                          "theme": max(set(themes), key=themes.count) if themes else "overview",
                          "bullets": notes, "reference": t})
    return texts, pairs


def pair_example(p: dict[str, Any]) -> tuple[str, str] | None:
    from govtext.facts import parse_facts

    facts = parse_facts(p["bullets"])
    notes, target, slots = delexicalize(facts, p["reference"])
    if target is None or re.search(r"\d", re.sub(r"\[[FN]\d+\]", "", target)):  # a figure the notes do not hold
        return None
    return build_prompt(p["theme"], p.get("kind", "work_summary"), notes), target + "[EOS]"


# ---------------------------------------------------------------------------------------------
# tokenizer
def train_tokenizer(texts: Sequence[str], out: Path, *, vocab_size: int = 6000, min_frequency: int = 3):
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"\[(?:F\d+|N\d+|T:\w+|K:\w+|PAD|BOS|EOS|UNK|NOTES|SEP|DRAFT|EX)\]"), behavior="isolated"),
        pre_tokenizers.Split(Regex(r"[，。；：、！？“”‘’（）《》【】…—\s]"), behavior="isolated"),
        pre_tokenizers.Digits(individual_digits=True),
    ])
    tok.decoder = decoders.BPEDecoder()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, min_frequency=min_frequency,
                                  show_progress=False)
    tok.train_from_iterator(texts, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="[BOS]", eos_token="[EOS]", pad_token="[PAD]",
                                   unk_token="[UNK]", additional_special_tokens=SPECIAL_TOKENS[4:])
    out.mkdir(parents=True, exist_ok=True)
    fast.save_pretrained(str(out))
    return fast


# ---------------------------------------------------------------------------------------------
def token_stream(tok, texts: Sequence[str]) -> list[int]:
    """The token ids of ``texts``, each followed by [EOS] (pre-training data)."""
    eos = tok.convert_tokens_to_ids("[EOS]")
    ids: list[int] = []
    for t in texts:
        ids += tok(t, add_special_tokens=False)["input_ids"] + [eos]
    return ids


def encode_example(tok, prompt: str, target: str, max_len: int) -> tuple[list[int], int]:
    """Prompt + target ids cut to ``max_len``, and the prompt's length (its tokens carry no loss)."""
    a = tok(prompt, add_special_tokens=False)["input_ids"]
    b = tok(target, add_special_tokens=False)["input_ids"]
    return (a + b)[:max_len], len(a)


def _lm_dataset(tok, texts: Sequence[str], block: int):
    import datasets

    ids = token_stream(tok, texts)
    n = len(ids) // block
    rows = [ids[i * block:(i + 1) * block] for i in range(n)] or [ids]  # a tiny archive: one short block
    return datasets.Dataset.from_dict({"input_ids": rows, "labels": rows})


def _sft_dataset(tok, examples: Sequence[tuple[str, str]], max_len: int):
    import datasets

    def enc(batch):
        out = {"input_ids": [], "labels": []}
        for pr, tg in zip(batch["prompt"], batch["target"]):
            ids, k = encode_example(tok, pr, tg, max_len)
            out["input_ids"].append(ids)
            out["labels"].append(([-100] * k + ids[k:])[:len(ids)])
        return out

    ds = datasets.Dataset.from_dict({"prompt": [e[0] for e in examples], "target": [e[1] for e in examples]})
    return ds.map(enc, batched=True, remove_columns=["prompt", "target"])


class _Collator:
    def __init__(self, pad_id: int) -> None:
        self.pad_id = pad_id

    def __call__(self, feats):
        import torch

        n = max(len(f["input_ids"]) for f in feats)
        ids = torch.full((len(feats), n), self.pad_id, dtype=torch.long)
        lab = torch.full((len(feats), n), -100, dtype=torch.long)
        att = torch.zeros((len(feats), n), dtype=torch.long)
        for i, f in enumerate(feats):
            k = len(f["input_ids"])
            ids[i, :k] = torch.tensor(f["input_ids"])
            lab[i, :k] = torch.tensor(f["labels"])
            att[i, :k] = 1
        return {"input_ids": ids, "labels": lab, "attention_mask": att}


def _train(model, train_ds, eval_ds, collator, *, work: Path, epochs: float, lr: float, batch: int, seed: int,
           resume: bool, max_steps: int = -1, desc: str = ""):
    from transformers import Trainer, TrainingArguments

    work.mkdir(parents=True, exist_ok=True)
    args = TrainingArguments(
        output_dir=str(work), num_train_epochs=epochs, max_steps=max_steps, per_device_train_batch_size=batch,
        per_device_eval_batch_size=batch, learning_rate=lr, lr_scheduler_type="cosine", warmup_steps=0.05,
        weight_decay=0.01, logging_steps=50, save_steps=200, save_total_limit=2, eval_strategy="no",
        report_to=[], seed=seed, data_seed=seed, use_cpu=True, dataloader_num_workers=0, disable_tqdm=False,
    )
    trainer = Trainer(model=model, args=args, train_dataset=train_ds, data_collator=collator)
    last = None
    if resume and any(work.glob("checkpoint-*")):
        last = True
    t0 = time.time()
    trainer.train(resume_from_checkpoint=last)
    log.info("%s done in %.0fs", desc, time.time() - t0)
    ev = trainer.evaluate(eval_dataset=eval_ds) if eval_ds is not None and len(eval_ds) else {}
    return trainer, time.time() - t0, ev.get("eval_loss")


def train_drafter(out: Path = DEFAULT_DRAFTER_DIR, *, corpus: str | None = None, folder: str | None = None,
                  base: str | None = None, lora: bool = False, size: str | dict = "small", pretrain_epochs: float = 6.0,
                  finetune_epochs: float = 2.0, block: int = 256, seed: int = 0, work: Path = Path("runs/drafter"),
                  resume: bool = False, max_pairs: int | None = None, dense: bool = True,
                  make_default: bool = False) -> dict[str, Any]:
    """Train a drafter and write it to ``out``; returns the metrics written to metrics.json."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, Qwen2Config, Qwen2ForCausalLM, set_seed

    set_seed(seed)
    random.seed(seed)
    torch.set_num_threads(int(os.environ.get("GOVTEXT_TORCH_THREADS", os.cpu_count() or 1)))
    t_start = time.time()
    texts, pairs = folder_texts_and_pairs(folder) if folder else corpus_texts_and_pairs(corpus)
    if not folder and dense:
        pairs = pairs + dense_pairs(corpus, seed=seed)
    elif not dense:
        pairs = [p for p in pairs if p.get("source") != "dense"]
    if max_pairs:
        pairs = pairs[:max_pairs]
    examples = {s: [e for p in pairs if p.get("split") == s and (e := pair_example(p))] for s in ("train", "validation", "test")}
    if not examples["train"]:
        if not any(examples.values()):
            raise ValueError("no notes->paragraph pairs could be built: the reports need body paragraphs with figures")
        log.warning("no pair fell in the train split (a small archive): training on all %d pairs",
                    sum(map(len, examples.values())))
        examples["train"] = examples["train"] + examples["validation"] + examples["test"]
    pre_texts = [_slot_text(t) for t in texts]
    log.info("%d pre-training paragraphs, %d/%d/%d pairs", len(pre_texts), *(len(examples[s]) for s in ("train", "validation", "test")))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if base:
        tok = AutoTokenizer.from_pretrained(base)
        added = tok.add_special_tokens({"additional_special_tokens": [t for t in SPECIAL_TOKENS if t not in tok.get_vocab()]})
        if tok.pad_token is None:
            tok.pad_token = "[PAD]"
        model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
        if added:
            model.resize_token_embeddings(len(tok))
        cfg_desc = {"base": str(base), "lora": lora}
    else:
        if resume and (out / "tokenizer.json").exists():
            # resuming: the checkpoints were trained with this tokenizer; a new one would not match them
            tok = AutoTokenizer.from_pretrained(str(out))
            log.info("resuming with the tokenizer already in %s", out)
        else:
            tok = train_tokenizer(pre_texts + [e[0] + e[1] for e in examples["train"]], out)
        cfg = Qwen2Config(vocab_size=len(tok), max_position_embeddings=1024, tie_word_embeddings=True,
                          bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id,
                          rope_theta=10000.0, **(size if isinstance(size, dict) else SIZES[size]))
        model = Qwen2ForCausalLM(cfg)
        cfg_desc = {"size": size if isinstance(size, str) else "custom", **(size if isinstance(size, dict) else SIZES[size])}
    n_params = sum(p.numel() for p in model.parameters())
    log.info("model: %.1fM parameters", n_params / 1e6)
    coll = _Collator(tok.pad_token_id)
    metrics: dict[str, Any] = {"parameters": n_params, **cfg_desc, "pretrain_epochs": 0 if base else pretrain_epochs,
                               "finetune_epochs": finetune_epochs, "default": make_default}
    if not base and pretrain_epochs > 0 and pre_texts:
        lm = _lm_dataset(tok, pre_texts, block)
        _, secs, _ = _train(model, lm, None, coll, work=work / "pretrain", epochs=pretrain_epochs, lr=1e-3, batch=8,
                            seed=seed, resume=resume, desc="pre-training")
        metrics["pretrain_tokens"] = len(lm) * block
        metrics["pretrain_seconds"] = round(secs)
    if lora:
        from peft import LoraConfig, get_peft_model

        targets = [n for n in ("q_proj", "v_proj", "c_attn") if any(n in m for m, _ in model.named_modules())]
        model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05, target_modules=targets,
                                                 task_type="CAUSAL_LM"))
    sft_train = _sft_dataset(tok, examples["train"], 512)
    sft_val = _sft_dataset(tok, examples["validation"], 512) if examples["validation"] else None
    trainer, secs, val_loss = _train(model, sft_train, sft_val, coll, work=work / "finetune", epochs=finetune_epochs,
                                     lr=5e-4 if not base else 1e-4, batch=8, seed=seed, resume=resume, desc="fine-tuning")
    model = trainer.model
    if lora:
        model = model.merge_and_unload()
    metrics.update({"finetune_pairs": len(examples["train"]), "finetune_seconds": round(secs),
                    "validation_loss": round(val_loss, 4) if val_loss is not None else None,
                    "validation_perplexity": round(math.exp(val_loss), 2) if val_loss is not None else None,
                    "total_seconds": round(time.time() - t_start)})
    model.save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))
    write_govtext_json(out, default=make_default, seed=seed, trained_on=folder or corpus or "corpora/")
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _write_card(out, metrics, folder=folder, base=base)
    return metrics


def write_govtext_json(out: Path, *, default: bool, seed: int, trained_on: str, **extra: Any) -> None:
    """The drafter's govtext.json: prompt format, whether it is draft()'s default, versions."""
    import torch
    import transformers

    import govtext

    meta = {"class": "govtext.drafter.Drafter", "format_version": 1, "prompt": "build_prompt(theme, kind, notes)",
            "default": default, "slots": "figures -> [F1..F24]", "seed": seed, "trained_on": trained_on,
            **{k: v for k, v in extra.items() if k != "versions"},
            "versions": {"govtext": govtext.__version__, "transformers": transformers.__version__,
                         "torch": torch.__version__, **extra.get("versions", {})}}
    (Path(out) / "govtext.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _write_card(out: Path, m: dict[str, Any], *, folder: str | None, base: str | None) -> None:
    size_mb = sum(f.stat().st_size for f in out.iterdir() if f.is_file()) / 1e6
    lines = [
        f"# {out.name}", "",
        "A causal language model trained by govtext that drafts a section of an official report from bullet notes.", "",
        f"- **Architecture**: {'fine-tuned from ' + str(base) if base else 'Qwen2-style decoder, ' + str(m.get('size'))}"
        f" — {m['parameters'] / 1e6:.1f}M parameters; BPE tokenizer (digits split) trained on the corpus; "
        f"{size_mb:.1f} MB on disk (safetensors).",
        f"- **Data**: {'the folder ' + folder if folder else 'the bundled corpus (corpora/): report paragraphs of the train and validation splits for pre-training'}; "
        f"{m.get('finetune_pairs')} notes→paragraph pairs of the train split for fine-tuning: figure notes "
        "(corpora/derived/pairs.jsonl) and dense notes (one or two verbatim clause cores per sentence, lead-in words "
        "dropped, built by `govtext.train.drafter.dense_pairs`), so the model learns both to expand sparse notes and to "
        "join full notes with the genre's connecting prose. The test split is held out.",
        "- **Prompt**: `[BOS][T:theme][K:kind][NOTES][N1]note[SEP][N2]note…[DRAFT]`; every figure of the notes is a "
        "slot token ([F1]…[F24]) in the prompt and in the target, so the model learns where figures go and never which "
        "figures; a note stated verbatim in the target is a pointer token ([N1]…), so the model learns to order the notes "
        "and write the prose around them, and pointers expand back into the notes' own words (a copy mechanism).",
        "- **Decoding** (govtext.drafter, chosen on corpus validation pairs: `benchmarks/bench_decoding.py`): digit "
        "tokens are banned (slot and pointer tokens are how figures and notes enter); one greedy and seven sampled "
        "candidates; the model's own prose is then cut to joiners of at most four characters (strict), and of those the "
        "joiners that would claim what the notes do not say (a time lead such as 全年, 其中, an adverb of manner, an "
        "ordinal) and any clause naming a quoted title or slogan the notes do not give are removed; slots are replaced "
        "by the notes' own figures; candidates with an unsupported figure are rejected; facts a candidate did not state "
        "are placed by the version-1 patterns; the pick prefers a candidate the theme classifier reads as the requested "
        "theme, then the best score (fact coverage, theme probability, mean log-probability); when no candidate reads "
        "as the theme, or the draft is under 20 characters, a framing sentence of the theme (the version-1 opener or an opener of the corpus's exemplar "
        "paragraphs for these notes, theme and kind, whichever reads most as the theme; the theme's closing line too "
        "when that alone does not suffice) leads the draft (`DraftResult.theme_lead`; `lead=\"always\"` for every draft).",
        f"- **Training time on 2 CPU cores**: pre-training {m.get('pretrain_seconds', 0)} s "
        f"({m.get('pretrain_tokens', 0):,} tokens per epoch, {m.get('pretrain_epochs', 6)} epochs), fine-tuning "
        f"{m.get('finetune_seconds')} s ({m.get('finetune_epochs', 2)} epochs); total {m.get('total_seconds')} s."
        + (f" {m['training_note'][0].upper()}{m['training_note'][1:]}." if m.get("training_note") else ""),
        f"- **Validation**: loss {m.get('validation_loss')}, perplexity {m.get('validation_perplexity')} (slot-delexicalised targets).",
        "- **Rebuild**: `python -m govtext.train.drafter` (or `govtext train drafter`); resumable with `--resume`; seed 0.",
        f"- **Default engine**: {'yes' if m.get('default') else 'no'}. `draft(engine=\"auto\")` uses a drafter only when "
        "its govtext.json says `\"default\": true` (`--make-default`, once `benchmarks/bench_draft.py` shows it beats "
        "version 1); otherwise ask for it with `engine=\"neural\"` (`govtext draft --engine neural`) or "
        "`draft(model=PATH)`.",
        "- **Evaluation**: `python benchmarks/bench_draft.py` (fact recall, unsupported figures, ROUGE-L, theme agreement, latency).",
        "", "## Limits", "",
        "A small model trained on about a million characters. Left free, the prose it adds between notes is often "
        "nonsense (a clause on an unrelated topic), and such clauses can even win a theme-aware rerank by carrying the "
        "theme's words; so decoding is strict: a draft is the writer's notes, ordered, split into sentences and joined "
        "with short connectives, plus a framing sentence when the notes alone do not read as the theme. Faithful and "
        "close to real paragraphs (higher ROUGE-L than version 1) but plain: it rewrites no note and adds no closing "
        "line unless needed for the theme. The guard makes every figure right and every fact present; read a draft "
        "before use. Point `--base` at a larger local Chinese causal LM for richer prose.",
    ]
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m govtext.train.drafter", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_DRAFTER_DIR)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--folder", default=None, help="a folder of your own reports (.txt/.docx/.jsonl)")
    ap.add_argument("--base", default=None, help="a local Hugging Face causal-LM directory to fine-tune")
    ap.add_argument("--lora", action="store_true", help="fine-tune --base with LoRA adapters (peft), merged on save")
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--pretrain-epochs", type=float, default=6.0)
    ap.add_argument("--finetune-epochs", type=float, default=2.0)
    ap.add_argument("--work", type=Path, default=Path("runs/drafter"), help="checkpoint folder")
    ap.add_argument("--resume", action="store_true", help="resume from the last checkpoint in --work")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-dense", action="store_true", help="fine-tune on the figure pairs only (no dense-notes pairs)")
    ap.add_argument("--make-default", action="store_true",
                    help="mark the model as draft()'s default engine (do so once bench_draft shows it beats version 1)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    m = train_drafter(a.out, corpus=a.corpus, folder=a.folder, base=a.base, lora=a.lora, size=a.size,
                      pretrain_epochs=a.pretrain_epochs, finetune_epochs=a.finetune_epochs, work=a.work,
                      resume=a.resume, seed=a.seed, dense=not a.no_dense, make_default=a.make_default)
    print(json.dumps(m, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
