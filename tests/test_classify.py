import numpy as np
import pytest

from govtext import parse
from govtext.classify import ThemeClassifier, tag, theme_profile
from govtext.errors import ModelNotFoundError

TRAIN = [
    ("严格落实中央八项规定精神，坚决纠治四风。", "integrity"), ("严控三公经费支出，筑牢廉洁防线。", "integrity"),
    ("开展廉政警示教育3次。", "integrity"), ("全年地区生产总值增长6.2%。", "economy"),
    ("招商引资到位资金45亿元。", "economy"), ("规上工业增加值增长8%。", "economy"),
    ("调查研究还不够深入。", "problems"), ("工作中还存在一些短板和不足。", "problems"),
    ("督查督办的精准度有待提高。", "problems"), ("明年将继续深化改革。", "plans"),
    ("力争全年新增就业岗位2000个。", "plans"), ("下一步，我们将着力抓好落实。", "plans"),
]


@pytest.fixture(scope="module")
def small():
    X = [t for t, _ in TRAIN] * 3
    y = [l for _, l in TRAIN] * 3
    return ThemeClassifier(context=False, min_df=1).fit(X, y)


def test_estimator_protocol(small):
    assert set(small.classes_) == {"integrity", "economy", "problems", "plans"}
    p = small.predict_proba(["严控三公经费。", "下一步将加快项目建设。"])
    assert p.shape == (2, 4) and np.allclose(p.sum(axis=1), 1.0)
    assert small.predict(["坚决纠治四风问题。"])[0] == "integrity"
    assert ThemeClassifier().get_params()["C"] == 8.0
    assert small.set_params(C=2.0) is small and small.C == 2.0


def test_save_load_round_trip(small, tmp_path):
    small.save(tmp_path / "m", metrics={"x": 1})
    again = ThemeClassifier.load(tmp_path / "m")
    X = ["明年将继续深化改革。", "开展廉政警示教育。", "经济增长6%。"]
    assert np.allclose(small.predict_proba(X), again.predict_proba(X), atol=2e-3)  # float16 coefficients
    assert list(small.predict(X)) == list(again.predict(X))
    assert list(again.classes_) == list(small.classes_)
    assert (tmp_path / "m" / "model.safetensors").exists() and not list((tmp_path / "m").glob("*.pkl"))


def test_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown theme"):
        ThemeClassifier().fit(["句子。"], ["bogus"])
    with pytest.raises(ValueError, match="labels"):
        ThemeClassifier().fit(["句子。", "另一句。"], ["plans"])
    with pytest.raises(ModelNotFoundError, match="rebuild"):
        ThemeClassifier.load(tmp_path / "nothing")
    with pytest.raises(RuntimeError, match="not fitted"):
        ThemeClassifier().predict(["句子。"])


def test_context_inputs(small):
    clf = ThemeClassifier(min_df=1).fit(
        [{"text": t, "heading": "一、存在问题" if l == "problems" else "", "prev_text": "", "position": 0.5} for t, l in TRAIN] * 2,
        [l for _, l in TRAIN] * 2)
    assert clf.predict([{"text": "有待提高。", "heading": "一、存在问题"}])[0] == "problems"


def test_bundled_model_tags_a_document():
    doc = tag(parse("某局2024年工作总结\n一、主要工作\n严格落实中央八项规定精神，全年开展廉政警示教育5次。\n"
                    "二、存在的问题\n调查研究还不够深入，部分工作质量有待提高。\n三、下一步打算\n明年我们将力争完成重点课题10个。"))
    themes = [s.theme for s in doc.sentences]
    assert themes[2] == "integrity" and themes[4] == "problems" and themes[6] == "plans"
    assert all(abs(sum(s.theme_proba.values()) - 1) < 1e-3 for s in doc.sentences)


def test_profile_flags_missing_sections():
    doc = parse("某局2024年工作总结\n一、主要工作\n全年开展廉政警示教育5次。\n规上工业增加值增长8%。\n二、问题\n调研不够深入。")
    for s, t in zip(doc.sentences, ["overview", "overview", "integrity", "economy", "problems", "problems"]):
        s.theme = t
    prof = theme_profile(doc, kind="work_summary")
    assert prof["missing"] == ["plans"]
    assert abs(sum(prof["overall"].values()) - 1) < 1e-6
    assert [s["heading"] for s in prof["sections"]] == ["一、主要工作", "二、问题"]
    assert prof["sections"][1]["shares"] == {"problems": 1.0}
    with pytest.raises(ValueError, match="kind"):
        theme_profile(doc, kind="novel")
    untagged = parse("某局2024年工作总结\n一、主要工作\n严格落实中央八项规定精神。")
    assert theme_profile(untagged)["kind"] == "work_summary"  # inferred from the title; tagged on the way


@pytest.mark.slow
def test_transformers_backend_with_a_tiny_local_model(tmp_path):
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    texts = [t for t, _ in TRAIN]
    chars = sorted({c for t in texts for c in t} | set("一、存在问题"))
    d = tmp_path / "tiny-bert"
    d.mkdir()
    (d / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\n", encoding="utf-8")
    tok = BertTokenizer.from_pretrained(str(d))
    assert tok.convert_tokens_to_ids("廉") != tok.unk_token_id  # the vocab file was really read
    BertForSequenceClassification(BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                                             intermediate_size=64, num_labels=2)).save_pretrained(d)
    tok.save_pretrained(d)
    clf = ThemeClassifier(backend="transformers", model_path=str(d), epochs=2, batch_size=8, learning_rate=1e-3)
    clf.fit([t for t, _ in TRAIN] * 2, [l for _, l in TRAIN] * 2)
    p = clf.predict_proba(["严控三公经费。"])
    assert p.shape == (1, 13) and abs(p.sum() - 1) < 1e-5
    clf.save(tmp_path / "m")
    again = ThemeClassifier.load(tmp_path / "m")
    assert np.allclose(again.predict_proba(["严控三公经费。"]), p, atol=1e-5)
    with pytest.raises(ModelNotFoundError):
        ThemeClassifier(backend="transformers", model_path=str(tmp_path / "nope")).fit(["a。"], ["plans"])


def test_paragraph_pooling_uses_the_group(small):
    pooled = ThemeClassifier(context=True, min_df=1, paragraph_weight=1.0).fit([t for t, _ in TRAIN] * 3,
                                                                              [l for _, l in TRAIN] * 3)
    a = {"text": "招商引资到位资金45亿元。", "group": 1}
    vague = {"text": "有关工作。", "group": 1}
    alone = dict(vague, group=2)
    p = pooled.predict_proba([a, vague, alone])
    j = list(pooled.classes_).index("economy")
    # the vague sentence leans towards its paragraph-mate's theme; alone it does not
    assert p[1, j] > p[2, j]
    assert np.allclose(p.sum(axis=1), 1.0)
    # no group, or weight 0: plain per-sentence probabilities
    plain = pooled.set_params(paragraph_weight=0.0).predict_proba([a, vague])
    assert np.allclose(plain[1], p[2], atol=1e-6)
    assert list(pooled.set_params(paragraph_weight=1.0).predict([a, vague])) == [
        pooled.classes_[k] for k in pooled.predict_proba([a, vague]).argmax(1)]


def test_document_items_carry_paragraph_groups():
    from govtext.classify import document_items

    doc = parse("一、主要工作\n全年开展督查12次。编发信息30期。\n二、存在问题\n调研不够深入。", tokenize=False)
    items = document_items(doc)
    groups = [it["group"] for it in items]
    assert groups[1] == groups[2] != groups[4]
