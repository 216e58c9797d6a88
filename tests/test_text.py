import pytest

from govtext.errors import BinaryFileError, DecodingError, EmptyInputError
from govtext.text import decode_bytes, normalize, split_sentences


def test_normalize_indents_crlf_fullwidth_and_map():
    raw = "\u3000\u3000一、总体情况\r\n\r\n\u00a0全年完成投资１２．５亿元，增长８％。\r\n"
    n = normalize(raw)
    assert n.text == "一、总体情况\n全年完成投资12.5亿元，增长8％。"
    assert len(n.paragraphs) == 2
    # every kept character maps back to the same (or folded) character of the original
    from govtext.document import Document

    d = Document(text=n.text, offset_map=n.offset_map)
    for i, ch in enumerate(n.text):
        if ch == "\n":
            continue
        o = raw[d.original_offset(i)]
        assert o == ch or (ord(o) - 0xFEE0 == ord(ch)) or (o == "．" and ch == ".")


def test_normalize_spaces_between_cjk_removed_latin_kept():
    assert normalize("一、 主要 工作  GDP  growth").text == "一、主要工作GDP growth"


def test_normalize_zero_width_and_bom():
    assert normalize("\ufeff工作\u200b总结").text == "工作总结"


def test_split_respects_quotes_and_titles():
    t = "他强调：“要抓落实。要见实效！”会议要求各地认真贯彻。印发《关于加强管理的通知。》全文。"
    got = [t[a:b] for a, b in split_sentences(t)]
    assert got == ["他强调：“要抓落实。要见实效！”", "会议要求各地认真贯彻。", "印发《关于加强管理的通知。》全文。"]


def test_split_semicolons_do_not_end_and_brackets_protect():
    t = "一是抓学习；二是抓落实（重点是项目。）。三是抓作风"
    got = [t[a:b] for a, b in split_sentences(t)]
    assert got == ["一是抓学习；二是抓落实（重点是项目。）。", "三是抓作风"]


def test_split_unbalanced_quote_does_not_swallow_paragraph():
    t = "“引文开始。后文继续。再一句。"
    assert len(split_sentences(t)) == 3


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_decode_encodings(enc):
    text = "某县教育局2024年工作总结\n一、主要工作\n全年新建校舍12所。"
    assert decode_bytes(text.encode(enc)).replace("\ufeff", "") == text


def test_decode_bad_inputs():
    with pytest.raises(EmptyInputError):
        decode_bytes(b"  \n ")
    with pytest.raises(BinaryFileError):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(BinaryFileError):
        decode_bytes(b"abc\x00def" * 3 + bytes(range(1, 30)) * 50)
    with pytest.raises(DecodingError):
        decode_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80, 0x30]) * 20 + b"\xff")
