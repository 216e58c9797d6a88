import random

import pytest

from govtext.facts import (
    cn_to_number, fill, find_figures, find_placeholders, load_facts, parse_facts, verify,
)


@pytest.mark.parametrize(
    "text,value,unit,kind",
    [
        ("办理案件120件", 120, "件", "count"),
        ("办理案件一百二十件", 120, "件", "count"),
        ("资金1.2万元", 12000, "元", "money"),
        ("投资3.5亿元", 3.5e8, "元", "money"),
        ("总额一千一百五十四亿美元", 1154e8, "美元", "money"),
        ("增长12.5%", 12.5, "%", "percent"),
        ("增长１２．５％", 12.5, "%", "percent"),
        ("提高2.3个百分点", 2.3, "个百分点", "ppoint"),
        ("接待1200余人次", 1200, "人次", "count"),
        ("服务约1.5万人次", 15000, "人次", "count"),
        ("新增绿地3.2万平方米", 32000, "平方米", "measure"),
        ("建成高标准农田5万亩", 50000, "亩", "measure"),
        ("覆盖近200户", 200, "户", "count"),
        ("达到1,234家", 1234, "家", "count"),
        ("压缩至3个工作日", 3, "工作日", "duration"),
        ("增长两倍", 2, "倍", "ratio"),
        ("三十五篇调研报告", 35, "篇", "count"),
    ],
)
def test_quantities(text, value, unit, kind):
    figs = find_figures(text)
    assert len(figs) == 1, figs
    f = figs[0]
    assert f.value == pytest.approx(value) and f.unit == unit and f.kind == kind
    assert text[f.start:f.end] == f.text


def test_approximation_markers():
    f = find_figures("服务约1.5万人次")[0]
    assert f.approx == "约" and f.text == "约1.5万人次"
    assert find_figures("完成120余件")[0].approx == "余"
    assert find_figures("参加100人左右")[0].approx == "左右"


def test_ranges_dates_periods():
    figs = {f.text: f for f in find_figures("用时15～30天；2025年6月起，上半年及一季度，1—6月份，2024年12月31日，前三季度")}
    assert figs["15～30天"].kind == "range" and (figs["15～30天"].value, figs["15～30天"].value2) == (15, 30)
    assert figs["2025年6月"].kind == "date" and figs["2025年6月"].value == 20250600
    assert figs["2024年12月31日"].value == 20241231
    assert {"上半年", "一季度", "前三季度"} <= set(figs)
    assert figs["1—6月份"].kind == "period"
    assert find_figures("二〇二四年")[0].value == 20240000


@pytest.mark.parametrize(
    "text",
    ["提供第一手资料", "严控“三公”经费", "“十四五”规划", "一是抓学习，二是抓落实", "做到“两个维护”", "坚持“五加二、白加黑”",
     "增强“四个意识”", "落实八项规定", "一把手带头", "推进一网通办", "统一思想，进一步提高", "做到三个坚持", "拨打12345热线",
     "是一项重要工作", "一次会议", "二十大精神"],
)
def test_non_quantities(text):
    assert find_figures(text) == []


def test_cn_numbers():
    assert cn_to_number("一百二十") == 120
    assert cn_to_number("两万三千") == 23000
    assert cn_to_number("三点五") == 3.5
    assert cn_to_number("一万亿") == 1e12
    assert cn_to_number("十") == 10
    assert cn_to_number("一九八四") == 1984
    assert cn_to_number("甲") is None


def test_parse_facts_formats(tmp_path):
    fs = parse_facts("- 撰写调研报告：12篇\n• 办理批示件1.2万件\n3. 受理复议案件 21起\n\n各方面效益有所提高")
    assert [(f.what, f.quantity, f.unit) for f in fs[:3]] == [("撰写调研报告", 12, "篇"), ("办理批示件", 12000, "件"), ("受理复议案件", 21, "起")]
    assert fs[3].figures == [] and fs[3].what
    j = tmp_path / "f.json"
    j.write_text('[{"what": "撰写调研报告", "value": 12, "unit": "篇"}, "办理批示件45件"]', encoding="utf-8")
    assert [f.quantity for f in load_facts(j)] == [12, 45]
    y = tmp_path / "f.yaml"
    y.write_text("facts:\n  - 撰写调研报告12篇\n  - 办理批示件45件\n", encoding="utf-8")
    assert [f.quantity for f in load_facts(y)] == [12, 45]
    with pytest.raises(FileNotFoundError):
        load_facts(tmp_path / "none.txt")


def test_verify_matches_by_value_and_unit():
    r = verify("全年办理一百二十件，增长12%，覆盖1.2万人次。", ["办理120件", "增长12%", "覆盖12000人次"])
    assert r.ok and r.fact_recall == 1.0 and len(r.supported) == 3
    r = verify("全年办理120篇。", ["办理120件"])  # unit differs
    assert not r.ok and [f.text for f in r.unsupported] == ["120篇"] and r.facts_missing == [0]


def test_verify_qualitative_facts():
    assert verify("各方面经济效益有所提高。", ["经济效益有所提高"]).ok
    assert not verify("工业生产平稳。", ["经济效益有所提高"]).ok


def _planted_cases(n=300, seed=7):
    rng = random.Random(seed)
    units = ["件", "篇", "次", "人次", "个", "处", "批", "家", "户", "万元", "亿元", "%", "个百分点", "平方米", "亩", "名"]
    verbs = ["办理", "完成", "开展", "新增", "审查", "组织", "建成", "培训", "慰问", "受理"]
    objs = ["督查事项", "调研报告", "培训班", "项目", "案件", "困难群众", "企业", "工程", "文件", "会议"]
    cases = []
    for _ in range(n):
        facts, parts = [], []
        for _k in range(rng.randint(2, 4)):
            v = rng.choice([rng.randint(2, 999), round(rng.uniform(1, 99), 1)])
            u = rng.choice(units)
            what = rng.choice(verbs) + rng.choice(objs)
            facts.append(f"{what}{v}{u}")
            parts.append(f"{what}{v}{u}")
        planted_v = rng.randint(1000, 9999) + rng.choice([0, 0.5])
        planted = rng.choice([f"{planted_v:g}{rng.choice(units)}", f"{rng.randint(2019, 2026)}年{rng.randint(1, 12)}月",
                              f"增长{rng.randint(1, 30)}.{rng.randint(1, 9)}%", f"{planted_v:g}", "上半年",
                              f"{rng.choice(['三十七', '一百零五', '四千二百'])}{rng.choice(['件', '篇', '次'])}"])
        pos = rng.randint(0, len(parts))
        parts.insert(pos, f"另{rng.choice(verbs)}{planted}")
        cases.append(("，".join(parts) + "。", facts, planted))
    return cases


def test_verify_catches_every_planted_unsupported_figure():
    cases = _planted_cases()
    caught = 0
    for draft, facts, planted in cases:
        r = verify(draft, facts)
        assert r.fact_recall == 1.0, (draft, facts)
        texts = [f.text for f in r.unsupported]
        if any(planted in t or t in planted for t in texts):
            caught += 1
        else:
            raise AssertionError(f"missed planted {planted!r} in {draft!r}: unsupported={texts}")
    assert caught == len(cases)


def test_placeholders_and_fill():
    text = "累计组织撰写调研报告*多篇，办理领导批示件XX件，征缴易地建设费*余万元，审批面积【待补】平方米。"
    holes = find_placeholders(text)
    assert [h.text for h in holes] == ["*", "XX", "*", "【待补】"]
    assert [h.unit for h in holes] == ["篇", "件", "元", "平方米"]
    r = fill(text, ["撰写调研报告 30篇", "办理领导批示件 45件", "易地建设费 120万元"])
    assert r.text.startswith("累计组织撰写调研报告30多篇，办理领导批示件45件，征缴易地建设费120余万元")
    assert [h.text for h in r.unfilled] == ["【待补】"] and not r.complete


def test_fill_does_not_force_a_wrong_unit():
    r = fill("共办理案件*起。", ["撰写调研报告 30篇"])
    assert r.unfilled and r.text == "共办理案件*起。"


def test_seed_placeholders_all_found(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    assert len(find_placeholders(text)) == text.count("*")
