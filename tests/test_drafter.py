"""The neural drafter's machinery, with tiny models built from a config (no download)."""
import json

import pytest

from govtext.drafter import Drafter, build_prompt, delexicalize, relexicalize
from govtext.errors import ModelFormatError, ModelNotFoundError
from govtext.facts import parse_facts, verify

REPORT = """id: t{n}
kind: work_summary
issuer: 青山县{n}局
level: county
year: 2024
---
overview\t青山县{n}局2024年工作总结

overview\t一、主要工作

integrity\t严格执行中央八项规定精神，全年开展廉政警示教育6次，签订党风廉政建设责任书42份。
integrity\t班子成员开展廉政谈话96人次，“三公”经费同比下降12.3%。

duties\t全年办理督查事项27次，编发政务信息210期，被采用43条。
"""


def test_delexicalize_and_relexicalize():
    facts = parse_facts(["开展警示教育 6次", "签订责任书 42份"])
    notes, ref, slots = delexicalize(facts, "全年开展警示教育六次，另外签订了责任书42份。")
    assert notes == ["开展警示教育 [F1]", "签订责任书 [F2]"]
    # a note stated verbatim becomes a pointer; a figure stated elsewhere stays a slot
    assert ref == "全年[N1]，另外签订了责任书[F2]。"
    text, used = relexicalize(ref, slots, [f.text for f in facts])
    assert text == "全年开展警示教育6次，另外签订了责任书42份。" and used == [1]
    assert verify(text, facts).ok
    assert relexicalize("[N1][N1]。", slots, [f.text for f in facts])[0] == "开展警示教育6次。"  # a pointer expands once
    assert build_prompt("integrity", "work_summary", notes) == (
        "[BOS][T:integrity][K:work_summary][NOTES][N1]开展警示教育 [F1][SEP][N2]签订责任书 [F2][DRAFT]")


def test_load_errors(tmp_path):
    with pytest.raises(ModelNotFoundError):
        Drafter.load(tmp_path)
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="train drafter --base"):
        Drafter.load(tmp_path)


@pytest.fixture(scope="module")
def tiny_drafter(tmp_path_factory):
    from govtext.train.drafter import train_drafter

    root = tmp_path_factory.mktemp("archive")
    for n in range(8):
        (root / f"r{n}.txt").write_text(REPORT.format(n=n).split("---\n", 1)[1].replace("overview\t", "").replace(
            "integrity\t", "").replace("duties\t", ""), encoding="utf-8")
    out = tmp_path_factory.mktemp("model")
    m = train_drafter(out, folder=str(root), size={"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1,
                                                   "num_attention_heads": 2, "num_key_value_heads": 1},
                      pretrain_epochs=1, finetune_epochs=1, work=tmp_path_factory.mktemp("work"))
    return out, m


@pytest.mark.slow
def test_train_on_a_folder_and_draft_with_guarantees(tiny_drafter):
    out, m = tiny_drafter
    assert m["parameters"] > 0 and (out / "model.safetensors").exists() and (out / "govtext.json").exists()
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8"))["parameters"] == m["parameters"]
    d = Drafter.load(out)
    r = d.draft("integrity", ["开展廉政警示教育 6次", "签订党风廉政建设责任书 42份", "廉政谈话 96人次"], n_candidates=2,
                max_new_tokens=40)
    # whatever a barely trained model writes, the guard holds: every fact stated, no unsupported figure
    assert r.check.ok and not r.check.unsupported and r.check.fact_recall == 1.0
    assert r.engine in ("neural", "template")
    if r.theme_lead:  # a figure-free framing sentence opens the draft
        from govtext.facts import find_figures

        assert not find_figures(r.text.split("。")[0])
    # digits are banned in decoding, but never the slot and pointer tokens the model must use
    banned = {i for (i,) in d._bad_words()}
    tok = d.tokenizer
    assert tok.convert_tokens_to_ids("[N1]") not in banned and tok.convert_tokens_to_ids("[F1]") not in banned
    assert any(any(ch.isdigit() for ch in t) for t, i in tok.get_vocab().items() if i in banned)


@pytest.mark.slow
def test_fine_tune_a_local_base_model_with_lora(tmp_path):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    from govtext.train.drafter import train_drafter

    texts = [REPORT.format(n=n) for n in range(4)]
    tk = Tokenizer(models.BPE(unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    tk.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=300, special_tokens=["<unk>", "<eos>"], show_progress=False))
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="<unk>", eos_token="<eos>")
    base = tmp_path / "base"
    tok.save_pretrained(base)
    GPT2LMHeadModel(GPT2Config(vocab_size=len(tok), n_embd=32, n_layer=1, n_head=2, n_positions=512)).save_pretrained(base)
    arch = tmp_path / "archive"
    arch.mkdir()
    for n in range(6):
        (arch / f"r{n}.txt").write_text(REPORT.format(n=n).split("---\n", 1)[1].replace("overview\t", "").replace(
            "integrity\t", "").replace("duties\t", ""), encoding="utf-8")
    out = tmp_path / "tuned"
    m = train_drafter(out, folder=str(arch), base=str(base), lora=True, finetune_epochs=1, work=tmp_path / "work")
    assert m["lora"] is True and (out / "govtext.json").exists()
    r = Drafter.load(out).draft("duties", ["办理督查事项 27次"], n_candidates=2, max_new_tokens=20)
    assert r.check.ok


def test_dense_notes_are_verbatim_spans_keeping_every_figure():
    import random

    from govtext.train.drafter import dense_notes, dense_pair

    sents = ["同时，全年开展廉政警示教育6次，组织观看警示片，签订党风廉政建设责任书42份。",
             "班子成员廉政谈话96人次，推动形成风清气正的良好氛围。"]
    text = "".join(sents)
    for seed in range(5):
        notes = dense_notes(sents, random.Random(seed))
        assert notes and all(n in text for n in notes)
        assert not notes[0].startswith("同时")
        assert verify(text, notes).ok  # every figure of the paragraph is in the notes
    p = dense_pair("x-d1", "train", "work_summary", [(s, "integrity") for s in sents], random.Random(0))
    assert p["theme"] == "integrity" and p["reference"] == text and p["source"] == "dense"
    assert dense_pair("x", "train", "work_summary", [("太短。", "overview")], random.Random(0)) is None


def test_prune_free_sentences_keeps_only_sentences_with_notes_or_figures():
    from govtext.drafter import prune_free_sentences

    assert prune_free_sentences("[N1]，成效明显。面对新形势新要求。全年[N2]。") == "[N1]，成效明显。全年[N2]。"
    assert prune_free_sentences("完成投资[F1]！这是一句空话。") == "完成投资[F1]！"
    assert prune_free_sentences("没有任何要点的一句话。另一句。") == ""


def test_prune_free_clauses_and_stub_cleanup():
    from govtext.drafter import _drop_stubs, prune_free_clauses

    assert prune_free_clauses("[N1]，全省城乡阶段性成果全部纳入重大活动，[N2]。一年来，[N3]。") == "[N1]，[N2]。一年来，[N3]。"
    # a short closing clause stays; a joiner whose clause was dropped does not end a sentence
    assert prune_free_clauses("[N1]，成效明显。[N2]，一年来，全面加强了很多很多方面的工作。") == "[N1]，成效明显。[N2]。"
    assert _drop_stubs("2022年，开展工作，。全年。此外，，继续推进。") == "2022年，开展工作。此外，继续推进。"
    assert _drop_stubs("完成老旧小区改造86个，其中。全年新建中小学12所。") == "完成老旧小区改造86个。全年新建中小学12所。"
    # words that merely end in a joiner's character are left alone
    assert _drop_stubs("群众广泛参与。义务教育基本普及。") == "群众广泛参与。义务教育基本普及。"


def test_guard_drops_invented_names_and_fragments_never_notes():
    from govtext.drafter import guard_free_prose, tidy_joiners

    assert guard_free_prose("[N1]，成功应对“两连丰”。[N2]，是全面小康的。") == "[N1]。[N2]。"
    assert guard_free_prose("认真贯彻《条例》。全年[F1]。") == "全年[F1]。"
    # a quote around a note, or a clause with a figure slot, is the writer's own and stays
    assert guard_free_prose("实施“[N1]”工程，完成[F1]的目标。") == "实施“[N1]”工程，完成[F1]的目标。"
    # the model's joiners that claim a period, a subset, a manner or an order go; the notes' words stay
    assert tidy_joiners("一年来，全年共[N1]。其中[N2]，认真[N3]。第三，[N4]。") == "共[N1]。[N2]，[N3]。[N4]。"
    assert tidy_joiners("全年度[N1]，年内[N2]。") == "全年度[N1]，年内[N2]。"


def test_compose_from_raw_generations_keeps_the_guarantees():
    """compose() needs no model: given raw continuations it guards, prunes, checks and leads."""
    d = Drafter(None, None)
    facts = parse_facts(["开展廉政警示教育 6次", "签订党风廉政建设责任书 42份"])
    raw = [("[N1]，成功应对“两连丰”，[N2]。", -1.0),            # an invented quoted name
           ("全年开展廉政警示教育[F1]，另有[F3]人参加。", -0.5),    # a figure the notes do not hold
           ("[N1]，是全面小康的。", -0.8)]                          # a fragment; the second note unsaid
    for lead in ("never", "when_off_theme", "always"):
        r = d.compose("integrity", facts, raw, kind="work_summary", lead=lead)
        assert r.engine == "neural" and r.check.fact_recall == 1.0 and not r.check.unsupported
        assert "两连丰" not in r.text and "全面小康" not in r.text and "的。" not in r.text
        assert "另有" not in r.text  # the candidate with an unsupported figure was rejected
        if lead == "always":
            assert r.theme_lead and not r.text.startswith("开展")
    # strict (the default): the model's own prose is cut to short joiners; without it a long clause survives
    long = [("[N1]，全省上下统筹推进各项重点工作取得明显成效，[N2]。", -0.5)]
    assert "全省上下" not in d.compose("integrity", facts, long, lead="never").text
    assert "全省上下" in d.compose("integrity", facts, long, lead="never", strict=False, prune=False).text
    # a draft too short to stand as a section gets a framing lead even when it reads as the theme
    one = parse_facts(["廉政谈话 96人次"])
    short = d.compose("integrity", one, [("[N1]。", -0.1)])
    assert short.theme_lead and short.text.endswith("廉政谈话96人次。") and len(short.text) > 20
    assert not d.compose("integrity", one, [("[N1]。", -0.1)], lead="never").theme_lead
    with pytest.raises(ValueError, match="lead must be"):
        d.compose("integrity", facts, raw, lead="sometimes")
