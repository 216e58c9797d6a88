"""The transformers backend of :class:`govtext.classify.ThemeClassifier`.

Fine-tunes a local Hugging Face model directory that a user has (e.g. a Chinese BERT) with the
Trainer, as a 13-way sequence classifier. The enclosing heading is passed as the second segment
when ``context`` is on. Nothing is downloaded: ``model_path`` must be a directory.

>>> clf = ThemeClassifier(backend="transformers", model_path="/models/chinese-bert")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from govtext.errors import ModelNotFoundError
from govtext.themes import THEME_IDS

log = logging.getLogger(__name__)


class HFBackend:
    def __init__(self, model_path: str | Path | None, *, epochs: float = 3.0, batch_size: int = 32,
                 learning_rate: float = 5e-5, seed: int = 0, context: bool = True, max_length: int = 128) -> None:
        if model_path is None or not Path(model_path).is_dir():
            raise ModelNotFoundError(
                f"backend='transformers' needs model_path= a local Hugging Face model directory (got {model_path!r}); "
                "govtext never downloads models")
        self.model_path = str(model_path)
        self.epochs, self.batch_size, self.learning_rate, self.seed = epochs, batch_size, learning_rate, seed
        self.context, self.max_length = context, max_length
        self.classes = sorted(THEME_IDS)
        self.model = None
        self.tokenizer = None

    def _encode(self, items: Sequence[dict[str, Any]]):
        texts = [it["text"] for it in items]
        pairs = [it.get("heading") or "" for it in items] if self.context else None
        return self.tokenizer(texts, pairs, truncation=True, max_length=self.max_length, padding=True, return_tensors="pt")

    def fit(self, items: Sequence[dict[str, Any]], y: Sequence[str]) -> "HFBackend":
        import datasets
        import torch
        from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding, Trainer,
                                  TrainingArguments, set_seed)

        set_seed(self.seed)
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_path)
        label2id = {c: i for i, c in enumerate(self.classes)}
        self.model = AutoModelForSequenceClassification.from_pretrained(
            self.model_path, num_labels=len(self.classes), id2label=dict(enumerate(self.classes)), label2id=label2id,
            ignore_mismatched_sizes=True)
        tok = self.tokenizer
        ctx = self.context
        ml = self.max_length

        def enc(batch):
            out = tok(batch["text"], batch["heading"] if ctx else None, truncation=True, max_length=ml)
            out["labels"] = [label2id[t] for t in batch["label"]]
            return out

        ds = datasets.Dataset.from_dict({"text": [it["text"] for it in items],
                                         "heading": [it.get("heading") or "" for it in items], "label": list(y)})
        ds = ds.map(enc, batched=True, remove_columns=["text", "heading", "label"])
        args = TrainingArguments(output_dir=str(Path(self.model_path).parent / ".govtext-hf-runs"),
                                 num_train_epochs=self.epochs, per_device_train_batch_size=self.batch_size,
                                 learning_rate=self.learning_rate, seed=self.seed, report_to=[], use_cpu=True,
                                 save_strategy="no", logging_steps=50, disable_tqdm=False)
        Trainer(model=self.model, args=args, train_dataset=ds,
                data_collator=DataCollatorWithPadding(tok)).train()
        self.model.eval()
        torch.set_grad_enabled(True)
        return self

    def predict_proba(self, items: Sequence[dict[str, Any]]) -> np.ndarray:
        import torch

        out = []
        with torch.no_grad():
            for a in range(0, len(items), 64):
                enc = self._encode(items[a:a + 64])
                logits = self.model(**enc).logits
                out.append(torch.softmax(logits, dim=-1).numpy())
        return np.concatenate(out) if out else np.zeros((0, len(self.classes)))

    def save(self, path: Path) -> None:
        self.model.save_pretrained(str(path), safe_serialization=True)
        self.tokenizer.save_pretrained(str(path))

    @classmethod
    def load(cls, path: Path) -> "HFBackend":
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        obj = cls(path)
        obj.tokenizer = AutoTokenizer.from_pretrained(str(path))
        obj.model = AutoModelForSequenceClassification.from_pretrained(str(path))
        obj.model.eval()
        return obj
