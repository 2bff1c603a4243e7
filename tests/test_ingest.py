"""Reading article files: text, HTML, folders, furniture and bad input."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from kg.ingest import InputError, clean_furniture, decode, discover, read_article
from kg.text import TONES

ARTICLE = "Ngày 4/9, tại Đà Nẵng, Bộ Tư lệnh Vùng 3 Hải quân tổ chức Hội nghị sơ kết.\n"


def test_text_file_becomes_a_document(tmp_path: Path) -> None:
    path = tmp_path / "bai_01.txt"
    path.write_text(ARTICLE + "Tin, ảnh: MINH TÚ\n", encoding="utf-8")
    doc = read_article(path)
    assert doc.id == "bai_01"
    assert doc.text.startswith("Ngày 4/9")
    assert doc.source == str(path)


def test_html_page_body_title_and_date(tmp_path: Path) -> None:
    page = f"""<html><head><title>Sơ kết</title>
    <meta property="article:published_time" content="2023-09-05T07:30:00+07:00"></head>
    <body><nav><a href="/">Trang chủ</a><a href="/qs">Quân sự</a></nav>
    <article><h1>Hội nghị sơ kết 6 tháng</h1><p>{ARTICLE}</p>
    <p>Chuẩn Đô đốc Trần Thanh Nghiêm chủ trì Hội nghị và phát biểu chỉ đạo.</p></article>
    <div>Bình luận</div><footer>Bản quyền thuộc về báo</footer></body></html>"""
    path = tmp_path / "trang.html"
    path.write_text(page, encoding="utf-8")
    doc = read_article(path)
    assert "Bộ Tư lệnh Vùng 3 Hải quân" in doc.text
    assert "Trang chủ" not in doc.text and "Bản quyền" not in doc.text
    assert doc.published == "2023-09-05"


def test_furniture_is_dropped_and_related_news_cut() -> None:
    text = (
        "Hôm nay, ngày 2 tháng 3 năm 2024\nCỡ chữ: A+ A-\nNội dung chính.\nMai Lan\n"
        "In tin bàiLưu tin bài\nCÁC TIN KHÁC\nTin khác số một"
    )
    assert clean_furniture(text) == "Nội dung chính.\nMai Lan"


def test_comment_form_lines_are_dropped() -> None:
    text = "Nội dung chính.\n\nBình luận\n\nHọ và tên:   \nEmail:  \nNội dung:"
    assert clean_furniture(text) == "Nội dung chính."


def test_publisher_time_stamp_becomes_published(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("TIN HOẠT ĐỘNG\n\n3.7.2022 - 09:15\n\n" + ARTICLE, encoding="utf-8")
    assert read_article(path).published == "2022-07-03T09:15"


def test_sidecar_metadata_wins(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.json").write_text(
        json.dumps({"published": "2021-12-30", "title": "T"}), encoding="utf-8"
    )
    doc = read_article(tmp_path / "a.txt")
    assert (doc.published, doc.title) == ("2021-12-30", "T")


def test_discover_walks_folders_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.html", "sub/c.htm", "note.md", "sub/d.TXT"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["a.html", "b.txt", "c.htm", "d.TXT"]


def test_missing_path_is_an_error() -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([Path("/nonexistent/kg/input")])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"),
        ("Hội nghị".encode("cp1258", errors="replace") + b"\xd2\xe0", "not UTF-8"),
    ],
)
def test_bad_bytes_get_a_one_line_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        decode(data, Path("x/bai.txt"))
    assert str(info.value).startswith("x/bai.txt: ")
    assert "\n" not in str(info.value)


def test_utf16_and_bom_are_decoded() -> None:
    assert decode("Hội nghị".encode("utf-16"), Path("a")) == "Hội nghị"
    assert decode("\ufeffHội nghị".encode("utf-8"), Path("a")) == "Hội nghị"


def test_page_with_only_furniture_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("Cỡ chữ: A+ A-\nIn tin bài\n", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_article(path)


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed shapes (ô, ơ, ă, ...) plus combining tones."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)


def test_windows_1258_is_decoded_when_it_reads_as_vietnamese() -> None:
    text = "Sáng 5/3, Bộ Chỉ huy Quân sự tỉnh tổ chức hội nghị tổng kết công tác năm của đơn vị."
    assert decode(_cp1258(text), Path("a.txt")) == text


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"H\xe9i ngh\xde t\xe6ng k\xd5t c\xf4ng t\xb8c qu\xe2n s\xf6 n\xa8m", "TCVN3"),
        ("Hoaùi nghiò toång keát coâng taùc quaân söï naêm".encode("latin-1"), "VNI"),
    ],
)
def test_font_encodings_are_named_in_the_error(data: bytes, name: str) -> None:
    with pytest.raises(InputError, match=f"legacy {name} encoding") as info:
        decode(data, Path("cu/bai.txt"))
    assert str(info.value).startswith("cu/bai.txt: not UTF-8")


def test_mixed_tone_placement_reads_as_one_entity(tmp_path: Path) -> None:
    """'hoá'/'hóa' and 'uỷ'/'ủy' spellings of one body and one person give one node each."""
    from kg.build import BuildOptions, build
    from kg.store import Store

    a = "Ngày 2/3, Đại tá Lê Văn Thuỵ, Chính uỷ Bộ Chỉ huy Quân sự tỉnh Khánh Hoà dự Hội nghị."
    b = "Ngày 9/3, Đại tá Lê Văn Thụy, Chính ủy Bộ Chỉ huy Quân sự tỉnh Khánh Hòa dự Hội nghị."
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(unicodedata.normalize("NFD", b), encoding="utf-8")
    build([tmp_path], BuildOptions(out=tmp_path / "out", html=False))
    with Store.open(tmp_path / "out", read_only=True) as store:
        persons = store.select(
            "PREFIX schema: <https://schema.org/> SELECT DISTINCT ?p WHERE { ?p a schema:Person }"
        )
    assert len(persons) == 1, persons.rows


def test_a_50_mb_file_is_refused_by_size_without_reading_it_as_text(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NUL bytes, instantly
    with pytest.raises(InputError, match="too large") as info:
        read_article(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_hostile_html_gives_text_only(tmp_path: Path) -> None:
    page = """<html><head><script>alert('head')</script><style>p{color:red}</style></head>
    <body><iframe src="javascript:alert(1)"></iframe><article>
    <p>Ngày 8/5, Bộ Chỉ huy Quân sự tỉnh tổ chức hội nghị sơ kết công tác quân sự địa phương.</p>
    <p onclick="steal()">Đại tá Phan Văn Long &lt;script&gt;alert(2)&lt;/script&gt; chủ trì.</p>
    <img src=x onerror="alert(3)"><svg onload="alert(4)"></svg></article></body></html>"""
    path = tmp_path / "doc.html"
    path.write_text(page, encoding="utf-8")
    doc = read_article(path)
    assert "Bộ Chỉ huy Quân sự tỉnh" in doc.text
    for code in ("alert('head')", "steal()", "onerror", "onload", "javascript:", "color:red"):
        assert code not in doc.text
    # markup written as text in the article stays text: the graph and page escape it later
    assert "<script>alert(2)</script>" in doc.text
