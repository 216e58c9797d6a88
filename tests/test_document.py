import json

from govtext import Document, parse

TEXT = "某局工作总结\n一、主要工作\n（一）抓学习。一是集中学习；二是专题研讨。\n二、问题\n调研不深。"


def test_json_round_trip_is_lossless(tmp_path):
    doc = parse("\u3000\u3000" + TEXT.replace("\n", "\r\n"))
    doc.sentences[1].theme = "political"
    doc.sentences[1].theme_proba = {"political": 0.9, "team": 0.1}
    again = Document.from_json(doc.to_json())
    assert again == doc
    p = tmp_path / "d.json"
    doc.save(p)
    assert Document.load(p) == doc
    assert json.loads(p.read_text(encoding="utf-8"))["schema_version"] == 1
    assert "一、主要工作" in p.read_text(encoding="utf-8")  # ensure_ascii=False


def test_offsets_point_into_text():
    doc = parse(TEXT)
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
        for t in s.tokens:
            assert doc.text[t.start:t.end] == t.text
        assert "".join(t.text for t in s.tokens) == s.text
    for sec in doc.walk_sections():
        assert doc.text[sec.heading_span.start:sec.heading_span.end] == sec.heading
    for it in doc.items():
        assert doc.text[it.start:it.start + 2] == it.label


def test_original_offsets_survive_indents_and_crlf():
    raw = "\u3000\u3000一、主要工作\r\n\u3000\u3000全年完成１２项。"
    doc = parse(raw)
    i = doc.text.index("全年")
    assert raw[doc.original_offset(i):doc.original_offset(i) + 2] == "全年"
    j = doc.text.index("12")
    assert raw[doc.original_offset(j)] == "１"


def test_newer_schema_is_refused():
    import pytest

    d = parse("一、工作").to_dict()
    d["schema_version"] = 99
    with pytest.raises(ValueError, match="upgrade govtext"):
        Document.from_dict(d)
