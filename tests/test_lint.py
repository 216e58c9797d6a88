"""govtext.check / govtext.fix: one or more tests per rule family, the seed report, config, CLI."""
import json

import pytest
from typer.testing import CliRunner

import govtext
from govtext.lint import FAMILIES, RULES, Issue, LintConfig, check, fix, load_config

NOCLS = {"classifier": False}


def rules_of(text, **kw):
    kw.setdefault("config", NOCLS)
    return [i.rule for i in check(text, **kw)]


def only(text, rule, **kw):
    kw.setdefault("config", NOCLS)
    return [i for i in check(text, **kw) if i.rule == rule]


def test_public_api_and_rule_table():
    assert govtext.check is check and govtext.fix is fix
    assert len(FAMILIES) >= 10
    for r in RULES.values():
        assert r.severity in ("info", "warning", "error") and r.source
    i = check("其它工作按计划推进。", config=NOCLS)[0]
    assert isinstance(i, Issue) and i.span == (0, 2) and i.fix == "其他" and i.message


# -- headings ---------------------------------------------------------------------------------
def test_heading_order_gap_and_skip():
    t = "一、主要工作\n（一）强化学习\n全年学习12次。\n（三）抓实文稿\n全年起草文稿86篇。"
    iss = only(t, "heading-order")
    assert len(iss) == 1 and t[iss[0].start:iss[0].end] == "（三）"
    skip = only("一、主要工作\n1.招商引资\n全年签约项目28个。", "heading-order")
    assert skip and "跳级" in skip[0].message


def test_heading_clean_sequence_not_flagged():
    t = "一、主要工作\n（一）文稿起草\n1.综合文稿\n全年起草56篇。\n2.专题文稿\n全年起草23篇。\n（二）督查督办\n二、存在的问题\n（一）调研不深"
    assert not [r for r in rules_of(t) if r.startswith("heading")]


def test_heading_marker_forms_fixed():
    t = "一.主要工作\n(一)优化营商环境\n1、成立专班\n（1）、交通项目"
    assert len(only(t, "heading-marker")) == 4
    assert fix(t, config=NOCLS) == "一、主要工作\n（一）优化营商环境\n1.成立专班\n（1）交通项目"


# -- punctuation ------------------------------------------------------------------------------
def test_halfwidth_punctuation_flagged_and_fixed():
    t = "全年撰写调研报告12篇,其中获批示5篇;群众满意度稳步提升."
    assert len(only(t, "punct-halfwidth")) == 3
    assert fix(t, config=NOCLS) == "全年撰写调研报告12篇，其中获批示5篇；群众满意度稳步提升。"
    assert fix("制定《工作规则(试行)》。", config=NOCLS) == "制定《工作规则（试行）》。"


def test_halfwidth_near_misses_clean():
    for t in ["全年完成投资3.5亿元，增长12.6%。", "1.文稿起草", "平台网址为https://zwfw.example.gov.cn/a.html，可随时查询。",
              "本项目采用EPC模式建设。", "会议于9:30开始。", "共计3,500万元。"]:
        assert "punct-halfwidth" not in rules_of(t), t


def test_unpaired_and_repeated_punctuation():
    t = "牢固树立“精品意识，坚持高标准。"
    iss = only(t, "punct-unpaired")
    assert len(iss) == 1 and iss[0].span == (4, 5) and iss[0].severity == "error"
    assert not only("牢固树立“精品”意识，学习《条例》（试行）。", "punct-unpaired")
    assert fix("全年督查18次，，推动整改。。", config=NOCLS) == "全年督查18次，推动整改。"
    assert not only("我们迎来了……新的历史机遇——高质量发展。", "punct-repeated")


# -- placeholders -----------------------------------------------------------------------------
def test_placeholders():
    t = "撰写调研报告*篇，审查文件XX件，受理××起，完成【待补】亿元。"
    iss = only(t, "placeholder")
    assert [t[i.start:i.end] for i in iss] == ["*", "XX", "××", "【待补】"]
    assert all(i.fix is None for i in iss)
    assert not only("从一九九一年到二○○○年", "placeholder")


# -- numbers and dates ------------------------------------------------------------------------
def test_chinese_numerals_for_counts():
    t = "全年撰写调研报告十二篇，办理批示件120件。"
    iss = only(t, "num-chinese-count")
    assert len(iss) == 1 and iss[0].fix == "12" and t[iss[0].start:iss[0].end] == "十二"
    assert fix(t, config=NOCLS).startswith("全年撰写调研报告12篇")


def test_fixed_words_keep_chinese_numerals():
    t = "严控“三公”经费，提供第一手资料，坚持“五加二”，在“八小时”之外，落实“十四五”规划，一是抓学习，坚决做到“两个维护”。"
    assert not [r for r in rules_of(t) if r.startswith("num-")]


def test_year_zero_range_mixed():
    assert fix("’24年以来成效明显提高8%。", config=NOCLS).startswith("2024年以来")
    assert fix("截至24年底，共建成3200个。", config=NOCLS) == "截至2024年底，共建成3200个。"
    assert fix("2024年06月5日召开会议。", config=NOCLS) == "2024年6月5日召开会议。"
    assert fix("每年培训15-30场次，补助50~100万元。", config=NOCLS) == "每年培训15～30场次，补助50～100万元。"
    assert fix("完成2021-2025年规划评估。", config=NOCLS) == "完成2021—2025年规划评估。"
    assert fix("争取资金3千万元，党员十5名。", config=NOCLS) == "争取资金3000万元，党员15名。"
    assert not rules_of("联系电话：0571-88886666。工作24年来，干部3.5万人。")


def test_date_format():
    for raw, want in [("2024.6.1起推行网上审批。", "2024年6月1日起推行网上审批。"),
                      ("于2023-09-20正式启动。", "于2023年9月20日正式启动。"),
                      ("2024/6/15，召开推进会。", "2024年6月15日，召开推进会。")]:
        assert "date-format" in rules_of(raw)
        assert fix(raw, config=NOCLS) == want
    assert not rules_of("2024年6月1日起推行网上审批。")


# -- words ------------------------------------------------------------------------------------
def test_spoken_words():
    assert only("群众反映的啥问题都要认真对待。", "spoken-word")
    assert only("老百姓们对这项工程十分满意。", "spoken-word")[0].severity == "warning"
    assert not only("坚决杜绝弄虚作假行为，不搞形式主义。", "spoken-word")


def test_repeated_words_and_reduplication():
    assert fix("提升了我们的的服务水平。", config=NOCLS) == "提升了我们的服务水平。"
    assert fix("我们我们将继续努力。", config=NOCLS) == "我们将继续努力。"
    for t in ["我们常常深入基层。", "认认真真学习，踏踏实实工作。", "人人讲安全、事事为安全。", "时时处处严格要求自己。",
              "我们天天讲、月月讲。", "实事求是是马克思主义的精髓。", "为了了解实际情况开展调研。", "设立产业创业创新平台。",
              "一件一件抓落实。", "不搞拉拉扯扯、吃吃喝喝。"]:
        assert "repeated-word" not in rules_of(t), t


def test_long_sentence_and_vague_claims():
    long = "我们" + "坚持问题导向、目标导向、结果导向，" * 10 + "推动工作落实。"
    iss = only(long, "long-sentence")
    assert iss and iss[0].severity == "info"
    assert only(long, "long-sentence", config={"max_sentence_chars": 400, "classifier": False}) == []
    v = only("公务接待费用大幅下降。", "vague-claim")
    assert v and v[0].severity == "info"
    assert not only("公务接待费用大幅下降，同比下降18.5%。", "vague-claim")


def test_confusables():
    t = "截止2024年底，与三家企业签定协议，做为牵头单位，既使任务重，其它工作照常。"
    got = {(t[i.start:i.end], i.fix) for i in only(t, "confusable")}
    assert got == {("截止", "截至"), ("签定", "签订"), ("做为", "作为"), ("既使", "即使"), ("其它", "其他")}
    assert not only("申报截止日期为6月30日，截至目前已受理12件。", "confusable")


def test_formulations():
    t = "深入学习习近平新时代中国特色社会主意思想，树立政治意识、核心意识、大局意识、看齐意识，落实党风廉正建设责任制。"
    iss = only(t, "formulation")
    assert len(iss) == 3 and all(i.severity == "error" for i in iss)
    fixed = fix(t, config=NOCLS)
    assert "习近平新时代中国特色社会主义思想" in fixed and "政治意识、大局意识、核心意识、看齐意识" in fixed
    assert "党风廉政建设" in fixed
    ok = "坚持以习近平同志为核心的党中央的坚强领导，严格落实中央八项规定精神，坚定道路自信、理论自信、制度自信、文化自信。"
    assert not only(ok, "formulation")


# -- genre structure --------------------------------------------------------------------------
def test_structure_missing_sections():
    t = "某局2024年工作总结\n一、主要工作\n全年争取资金3.2亿元。\n二、下一步打算\n明年将继续抓好项目储备。"
    assert rules_of(t) == ["missing-problems"]
    t2 = "本人2023年述职报告\n一、履职情况\n全年召开专题会议18次。\n二、存在的差距\n调查研究还不够深入。"
    assert rules_of(t2) == ["missing-plans"]
    full = "某局2024年工作总结\n一、主要工作\n全年争取资金3.2亿元。\n二、存在的问题\n调研不够深入。\n三、下一步打算\n明年继续努力。"
    assert rules_of(full) == []
    # no kind: no structure rule; kind= overrides
    body = "一、主要工作\n全年争取资金3.2亿元。"
    assert rules_of(body) == []
    assert set(rules_of(body, kind="duty_report")) == {"missing-problems", "missing-plans"}
    doc = govtext.parse(body, tokenize=False, meta={"kind": "work_summary"})
    assert "missing-plans" in rules_of(doc)


# -- the seed report --------------------------------------------------------------------------
def test_seed_report(seed_path):
    raw = seed_path.read_text(encoding="utf-8")
    doc = govtext.parse(seed_path, tokenize=False)
    issues = check(doc, config=NOCLS)
    stars = [k for k, ch in enumerate(doc.text) if ch == "*"]
    holes = [i for i in issues if i.rule == "placeholder"]
    assert [(i.start, i.end) for i in holes] == [(k, k + 1) for k in stars]
    for word in ("三公", "五加二", "第一手", "八小时"):
        k = doc.text.index(word)
        assert not [i for i in issues if i.start < k + len(word) and k < i.end and i.family == "number"], word
        assert not [i for i in issues if i.start < k + len(word) and k < i.end and i.severity != "info"], word
    # fix keeps the original layout (indents) and leaves placeholders alone
    fixed = fix(raw, config=NOCLS)
    assert fixed.count("*") == raw.count("*") and "　　二、尽职尽责" in fixed


# -- configuration ----------------------------------------------------------------------------
def test_config_enable_disable_severity_and_word_lists():
    t = "群众反映的啥问题都要认真对待，其它工作按计划推进，我们要按装设备。"
    assert "spoken-word" not in rules_of(t, config={"disable": ["register"], "classifier": False})
    assert set(rules_of(t, config={"enable": ["confusable"], "classifier": False})) == {"confusable"}
    sev = check(t, config={"severity": {"spoken-word": "error"}, "classifier": False})
    assert [i.severity for i in sev if i.rule == "spoken-word"] == ["error"]
    extra = check("这个方案整得挺明白。", config={"spoken_words": ["整得"], "classifier": False})
    assert [i.rule for i in extra] == ["spoken-word"]
    assert fix("我们要签收文件。", config={"confusables": {"签收文件": "签收公文"}}) == "我们要签收公文。"
    assert fix("坚持党管武装。", config={"formulations": {"党管武装": "党管武装工作"}}) == "坚持党管武装工作。"
    assert rules_of(t, disable=["confusable", "spoken-word"]) == []
    with pytest.raises(ValueError):
        check(t, rules=["no-such-rule"])


def test_config_discovered_from_toml(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.govtext.check]\ndisable = ["confusable"]\nclassifier = false\n',
                                            encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    cfg = load_config()
    assert isinstance(cfg, LintConfig) and "confusable" in cfg.disable
    assert check("其它工作按计划推进。") == []
    (sub / "govtext.toml").write_text('[check]\nseverity = { confusable = "error" }\n', encoding="utf-8")
    assert [i.severity for i in check("其它工作按计划推进。")] == ["error"]


# -- CLI --------------------------------------------------------------------------------------
@pytest.fixture()
def cli():
    import govtext.cli_check  # noqa: F401 - registers the command
    from govtext.cli import app

    return CliRunner(), app


def test_cli_reports_and_exit_codes(cli, tmp_path, monkeypatch):
    runner, app = cli
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_text("　　一、主要工作\n　　全年撰写调研报告*篇,其它工作推进。\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(bad)])
    assert r.exit_code == 1, r.output
    assert f"{bad}:2:11: error placeholder" in r.output
    assert "punct-halfwidth" in r.output
    ok = tmp_path / "ok.txt"
    ok.write_text("一、主要工作\n全年撰写调研报告12篇，其他工作按计划推进。\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(ok)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["check", str(bad), "--format", "json", "--disable", "placeholder"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {d["rule"] for d in data} == {"punct-halfwidth", "confusable"}
    assert all(d["line"] == 2 for d in data)
    r = runner.invoke(app, ["check", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2


def test_cli_fix_and_in_place(cli, tmp_path, monkeypatch):
    runner, app = cli
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "r.txt"
    original = "　　一、主要工作\n　　全年撰写调研报告12篇,其它工作推进。\n"
    f.write_text(original, encoding="utf-8")
    r = runner.invoke(app, ["check", str(f), "--fix"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "r.fixed.txt"
    assert out.read_text(encoding="utf-8") == "　　一、主要工作\n　　全年撰写调研报告12篇，其他工作推进。\n"
    assert f.read_text(encoding="utf-8") == original
    r = runner.invoke(app, ["check", str(f), "--fix", "--in-place"])
    assert r.exit_code == 0
    assert f.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_demo_steps_check_prints_table():
    from rich.console import Console

    from govtext.cli_check import demo_steps_check

    con = Console(record=True, width=140)
    demo_steps_check(govtext.parse("一、主要工作\n撰写调研报告*篇,其它工作推进。", tokenize=False), console=con)
    out = con.export_text()
    assert "placeholder" in out and "errors" in out
