"""Document: normalization, sentences and offsets."""

from __future__ import annotations

import unicodedata

from kg.document import Document, normalize_text


def test_nfd_input_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Thiếu tướng Phạm Văn Dũng dự Hội nghị.")
    doc = Document.from_text("a", nfd)
    assert doc.text == unicodedata.normalize("NFC", nfd)


def test_invisible_characters_and_nbsp_are_removed() -> None:
    assert normalize_text("Đại\u00a0tá\u200b Lê\u00adVăn") == "Đại tá LêVăn"


def test_sentences_cover_lines_and_full_stops() -> None:
    text = "Sáng 3/4, Hội nghị khai mạc. Đại tá Hoàng Minh Tâm chủ trì.\nẢnh: Tư liệu"
    doc = Document.from_text("a", text)
    got = [doc.sentence_text(s) for s in doc.sentences]
    assert got == ["Sáng 3/4, Hội nghị khai mạc.", "Đại tá Hoàng Minh Tâm chủ trì.", "Ảnh: Tư liệu"]


def test_sentence_index_finds_the_sentence_of_an_offset() -> None:
    doc = Document.from_text("a", "Một hai. Ba bốn.\nNăm sáu")
    for i, sentence in enumerate(doc.sentences):
        assert doc.sentence_index(sentence.start) == i
        assert doc.sentence_index(sentence.end - 1) == i


def test_closing_quote_stays_with_its_sentence() -> None:
    doc = Document.from_text("a", "Ông nói: “Phải làm tốt.” Hội nghị bế mạc.")
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "Ông nói: “Phải làm tốt.”",
        "Hội nghị bế mạc.",
    ]


def test_crlf_line_ends() -> None:
    doc = Document.from_text("a", "Dòng một\r\nDòng hai\r\n")
    assert doc.text == "Dòng một\nDòng hai"
