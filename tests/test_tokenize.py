import subprocess
import sys

import pytest

from govtext.tokenize import Tokenizer, get_tokenizer


def test_import_is_light():
    code = "import sys, govtext; govtext.parse; print(sorted(m for m in ('jieba','torch','transformers','sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


@pytest.mark.parametrize(
    "sentence,term",
    [
        ("深入学习习近平新时代中国特色社会主义思想和党的二十大精神", "习近平新时代中国特色社会主义思想"),
        ("严格落实中央八项规定精神，坚决反对四风", "中央八项规定精神"),
        ("持续深化放管服改革", "放管服"),
    ],
)
def test_fixed_formulations_are_never_cut(sentence, term):
    toks = get_tokenizer().tokenize(sentence)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}
    i = sentence.index(term)
    # kept whole: no token boundary falls strictly inside the term (it may sit inside a longer formulation)
    assert not any(i < b < i + len(term) for b in starts | ends)


def test_user_words_and_protection():
    tk = Tokenizer(domain_dict=False)
    tk.add_word("青山模式", 10, "nz", protect=True)
    toks = tk.tokenize("推广青山模式经验")
    assert "青山模式" in [t.text for t in toks]
    assert next(t for t in toks if t.text == "青山模式").pos == "nz"


def test_user_dictionary_file(tmp_path):
    p = tmp_path / "my.txt"
    p.write_text("石桥镇便民服务中心 1000 nt\n", encoding="utf-8")
    tk = Tokenizer(user_dicts=[p])
    assert "石桥镇便民服务中心" in tk.cut("前往石桥镇便民服务中心办理")
    with pytest.raises(FileNotFoundError):
        Tokenizer(user_dicts=[tmp_path / "missing.txt"]).cut("测试")


def test_offsets_and_pos():
    toks = get_tokenizer().tokenize("全年完成投资12亿元。", offset=100)
    assert toks[0].start == 100 and toks[-1].end == 100 + len("全年完成投资12亿元。")
    assert all(t.pos for t in toks)
    assert next(t for t in toks if t.text == "12").pos == "m"


def test_domain_dictionary_is_large():
    from govtext.tokenize import DOMAIN_DICT

    if not DOMAIN_DICT.exists():
        pytest.fail("the bundled domain dictionary is missing")
    entries = {l.split()[0] for l in DOMAIN_DICT.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")}
    assert len(entries) >= 3000
