"""Reading article files: text, HTML, folders, furniture and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import InputError, clean_furniture, decode, discover, read_article

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
