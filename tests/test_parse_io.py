import pytest

from govtext import (
    BinaryFileError, DecodingError, EmptyInputError, FileTooLargeError, MissingFileError, UnsupportedFormatError, parse,
)

REPORT = "临江市统计局2024年工作总结\n一、主要工作\n全年完成统计调查12项。\n二、下一步打算\n力争明年再上新台阶。\n"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_txt_encodings(tmp_path, enc):
    p = tmp_path / f"r_{enc}.txt"
    p.write_bytes(REPORT.encode(enc))
    doc = parse(p)
    assert doc.title == "临江市统计局2024年工作总结"
    assert [s.heading for s in doc.sections] == ["一、主要工作", "二、下一步打算"]
    assert doc.source == str(p)


def test_docx_with_heading_styles(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("临江市统计局2024年工作总结", level=0)
    d.add_heading("主要工作", level=1)  # styled heading without a number
    d.add_paragraph("全年完成统计调查12项。")
    d.add_heading("（一）数据质量", level=2)
    d.add_paragraph("数据质量稳步提升。")
    d.add_paragraph("二、下一步打算")  # plain paragraph recognised from its form
    p = tmp_path / "r.docx"
    d.save(p)
    doc = parse(p)
    assert doc.title == "临江市统计局2024年工作总结"
    assert [s.heading for s in doc.sections] == ["主要工作", "二、下一步打算"]
    assert [c.heading for c in doc.sections[0].children] == ["（一）数据质量"]
    assert doc.meta["format"] == "docx"


def test_bad_inputs(tmp_path):
    with pytest.raises(MissingFileError, match="does not exist"):
        parse(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        parse(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text("\u3000\n  \n", encoding="utf-8")
    with pytest.raises(EmptyInputError):
        parse(blank)
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(BinaryFileError):
        parse(binary)
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80, 0x30]) * 20 + b"\xff")
    with pytest.raises(DecodingError):
        parse(undecodable)
    big = tmp_path / "big.txt"
    big.write_text("工作总结。" * 1000, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="limit"):
        parse(big, max_bytes=1000)
    with pytest.raises(UnsupportedFormatError):
        parse(tmp_path)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0rest")
    with pytest.raises(UnsupportedFormatError, match="docx"):
        parse(doc)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(BinaryFileError):
        parse(broken)


def test_empty_string_and_wrong_type():
    with pytest.raises(EmptyInputError):
        parse("   ")
    with pytest.raises(TypeError):
        parse(123)  # type: ignore[arg-type]
