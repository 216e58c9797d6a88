import pytest

from govtext.draft import OPENERS, draft, place_missing, template_draft
from govtext.facts import parse_facts, verify
from govtext.outline import outline
from govtext.themes import KINDS, THEME_IDS

NOTES = ["开展廉政警示教育 6次", "签订党风廉政建设责任书：42份", "“三公”经费同比下降12.3%", "廉政谈话96人次", "干部作风明显改进"]


def test_template_draft_states_every_fact_and_no_other_figure():
    r = draft("integrity", NOTES, engine="template")
    assert r.engine == "template" and r.check.ok
    for fig in ("6次", "42份", "12.3%", "96人次"):
        assert fig in r.text
    assert r.text.endswith("。")


@pytest.mark.parametrize("theme", THEME_IDS)
def test_every_theme_passes_the_fact_check(theme):
    r = draft(theme, ["完成重点任务 18项", "受理群众诉求 2.6万件", "满意率提升4.5个百分点"], engine="template")
    assert r.check.ok and not r.check.unsupported


def test_template_without_exemplars_uses_team_frames():
    facts = parse_facts(["办理督查事项 27次"])
    text = template_draft("duties", facts, use_exemplars=False)
    assert text.startswith(OPENERS["duties"]) and "27次" in text


def test_place_missing_appends_unstated_facts():
    facts = parse_facts(["办理督查事项 27次", "编发信息 210期"])
    text = place_missing("全年办理督查事项27次。", facts, verify("全年办理督查事项27次。", facts).facts_missing)
    assert verify(text, facts).ok and "210期" in text


def test_bad_arguments():
    with pytest.raises(ValueError, match="theme"):
        draft("bogus", NOTES)
    with pytest.raises(ValueError, match="kind"):
        draft("integrity", NOTES, kind="novel")
    with pytest.raises(ValueError, match="facts"):
        draft("integrity", [])
    with pytest.raises(ValueError, match="engine"):
        draft("integrity", NOTES, engine="gpt")
    with pytest.raises(ValueError, match="lead"):
        draft("integrity", NOTES, engine="template", lead="sometimes")


def test_auto_falls_back_to_template_when_no_model(tmp_path):
    r = draft("integrity", NOTES, engine="auto", model=tmp_path / "missing")
    assert r.engine == "template" and "unavailable" in r.note and r.check.ok


@pytest.mark.parametrize("kind", KINDS)
def test_outline_for_every_kind(kind):
    text = outline(kind, year=2025, issuer="青山县")
    lines = [l for l in text.splitlines() if l]
    assert lines[0].startswith("青山县")
    assert any(l.startswith("一、") for l in lines) and any(l.startswith("二、") for l in lines)


def test_outline_themes_and_errors():
    text = outline("work_summary", year=2024, themes=["political", "integrity"])
    assert "（一）坚持政治引领" in text and "（二）从严正风肃纪" in text and "2025年工作打算" in text
    with pytest.raises(ValueError):
        outline("novel")
    with pytest.raises(ValueError):
        outline("work_summary", themes=["bogus"])


def test_package_level_names_resolve_to_functions():
    import govtext

    assert callable(govtext.draft) and callable(govtext.check) and callable(govtext.tag)
    assert govtext.facts.verify("办理120件。", ["办理120件"]).ok


@pytest.mark.slow
def test_auto_engine_uses_the_bundled_drafter_only_when_marked_default():
    from govtext.drafter import DEFAULT_DRAFTER_DIR, Drafter

    if not (DEFAULT_DRAFTER_DIR / "govtext.json").exists():
        pytest.skip("no bundled drafter")
    d = Drafter.load_default()
    auto = draft("integrity", NOTES)
    assert auto.engine == ("neural" if d.is_default else "template") and auto.check.ok
    if not d.is_default:
        assert "not marked as the default engine" in auto.note
    r = draft("integrity", NOTES, engine="neural")
    assert r.engine == "neural" and r.check.ok and r.check.fact_recall == 1.0 and not r.check.unsupported


def test_auto_engine_uses_the_template_when_the_drafter_is_not_marked_default(tmp_path, monkeypatch):
    import govtext.drafter

    (tmp_path / "govtext.json").write_text('{"default": false}', encoding="utf-8")
    monkeypatch.setattr(govtext.drafter, "DEFAULT_DRAFTER_DIR", tmp_path)
    r = draft("integrity", NOTES)  # decided from govtext.json alone: no model is loaded
    assert r.engine == "template" and "not marked as the default engine" in r.note and r.check.ok


def test_fact_clause_adds_da_only_after_a_noun():
    from govtext.draft import _fact_clause

    assert _fact_clause(parse_facts(["选拔任用干部23名"])[0]) == "选拔任用干部达23名"
    for note in ("国家现汇结存增至一百一十亿美元", "每万人拥有8.6件", "粮食总产量稳定在二百亿斤以上"):
        assert "达" not in _fact_clause(parse_facts([note])[0])
