import pytest

from govtext import parse
from govtext.structure import chinese_to_int, find_items, match_heading


@pytest.mark.parametrize(
    "text,level,marker",
    [
        ("一、总体情况", 1, "一、"), ("十二、其他工作", 1, "十二、"), ("一.总体情况", 1, "一."),
        ("第二部分 主要任务", 1, "第二部分"), ("（一）强化理论武装", 2, "（一）"), ("(三)加强督查", 2, "(三)"),
        ("1.文稿起草", 3, "1."), ("2、会务保障", 3, "2、"), ("12．项目建设", 3, "12．"),
        ("（1）做好值班", 4, "（1）"), ("(2)规范流程", 4, "(2)"), ("①安全生产", 4, "①"),
    ],
)
def test_heading_forms(text, level, marker):
    m = match_heading(text)
    assert m is not None and (m.level, m.marker) == (level, marker)


@pytest.mark.parametrize("text", ["1.5亿元的投资全部到位", "一是加强学习", "2024年工作总结", "一、。"])
def test_not_headings(text):
    assert match_heading(text) is None


def test_chinese_numerals():
    assert [chinese_to_int(x) for x in ["一", "九", "十", "十一", "二十", "二十三", "①", "12"]] == [1, 9, 10, 11, 20, 23, 1, 12]
    assert chinese_to_int("百") is None


def test_inline_items_yishi_and_diyi():
    t = "工作中，一是抓学习；二是抓落实；三是抓作风。"
    items = find_items(t, 0, len(t))
    assert [t[i.start:i.start + 2] for i in items] == ["一是", "二是", "三是"]
    assert items[0].end == items[1].start and items[-1].end == len(t)
    t2 = "第一，坚持稳中求进。第二，坚持改革创新。"
    assert len(find_items(t2, 0, len(t2))) == 2


def test_items_need_a_sequence_and_a_boundary():
    t = "统一是前提，这一是关键。"  # 一是 glued to a word is no marker
    assert find_items(t, 0, len(t)) == []
    assert find_items("一是加强学习。", 0, 7) == []  # a lone 一是 is no enumeration


def test_hierarchy_and_title():
    text = "\n".join([
        "某局2024年工作总结", "2024年，我局各项工作稳步推进。", "一、主要工作", "（一）抓学习。全年学习12次。",
        "1.集中学习。组织集中学习8次。", "2.专题研讨。开展研讨4次。", "（二）抓落实", "二、存在问题", "主要是调研不够深入。",
    ])
    doc = parse(text, tokenize=False)
    assert doc.title == "某局2024年工作总结"
    assert [s.heading for s in doc.sections] == ["一、主要工作", "二、存在问题"]
    sec1 = doc.sections[0]
    assert [c.heading for c in sec1.children] == ["（一）抓学习。", "（二）抓落实"]
    assert [c.heading for c in sec1.children[0].children] == ["1.集中学习。", "2.专题研讨。"]
    assert doc.text[sec1.start:sec1.end].startswith("一、主要工作") and doc.text[sec1.end + 1:].startswith("二、")
    assert doc.heading_path(doc.text.index("组织集中")) == ["一、主要工作", "（一）抓学习。", "1.集中学习。"]


def test_skipped_level_nests_under_nearest():
    doc = parse("一、总体\n1.第一项\n2.第二项\n二、其他", tokenize=False)
    assert [c.heading for c in doc.sections[0].children] == ["1.第一项", "2.第二项"]


def test_out_of_sequence_inline_number_is_not_heading():
    doc = parse("一、工作\n3.这一段是正文。里面说了很多内容，并不是一个新的标题。", tokenize=False)
    assert doc.sections[0].children == []


def test_paragraph_level_yishi_items():
    doc = parse("二、工作\n一是抓学习。学习了。\n二是抓落实。落实了。\n三是抓作风。", tokenize=False)
    assert [i.label for i in doc.items()] == ["一是", "二是", "三是"]


def test_seed_report(seed_path):
    doc = parse(seed_path)
    raw = seed_path.read_text(encoding="utf-8")
    heads = [l.strip().strip("\u3000") for l in raw.splitlines() if l.strip().strip("\u3000")[:2] in ("一、", "二、", "三、", "四、")]
    assert len(doc.sections) == 4
    assert [s.heading for s in doc.sections] == heads
    sec2 = doc.sections[1]
    items = [it for i in sec2.paragraphs for it in doc.paragraphs[i].items]
    assert [it.label for it in items] == ["一是", "二是", "三是"]
    # every sentence boundary: body sentences end with 。 and none holds an inner 。 outside quotes
    body = [s for s in doc.sentences if not s.is_heading or doc.paragraphs[s.paragraph].kind == "body"]
    for s in body:
        assert s.text.endswith("。"), s.text[-10:]
    # the sentences tile each paragraph exactly
    for pi, p in enumerate(doc.paragraphs):
        assert "".join(s.text for s in doc.sentences_of(pi)) == doc.text[p.start:p.end]
    n_terms = sum(doc.paragraph_text(i).count("。") for i in range(len(doc.paragraphs)))
    assert len(doc.sentences) == n_terms + 4  # one per 。 plus the four stand-alone headings
