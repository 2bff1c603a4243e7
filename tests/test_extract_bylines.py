"""Byline names (kg.extract.bylines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.document import Document
from kg.extract.bylines import extract_bylines, read_authors
from kg.ingest import read_article
from kg.model import ArticleExtraction


def _names(text: str) -> list[str]:
    return [a.name for a in read_authors(Document.from_text("t", text))]


BODY = "Sáng 3/3, Trung đoàn 88 tổ chức Hội nghị quân chính.\n"


@pytest.mark.parametrize(
    ("tail", "names"),
    [
        ("Tin, ảnh: HOÀNG LAN", ["Hoàng Lan"]),
        ("Tin, ảnh: QUANG HUY - MINH THÔNG", ["Quang Huy", "Minh Thông"]),
        ("Bài và ảnh: Đại úy NGUYỄN HẢI (Sư đoàn 312)", ["Nguyễn Hải"]),
        ("Bài, ảnh: Thượng uý QNCN Hoàng Mai", ["Hoàng Mai"]),
        ("Lan Phương, Ảnh: Đức Tài", ["Lan Phương", "Đức Tài"]),
        ("Tin: Thu Trang; ảnh: Việt Dũng", ["Thu Trang", "Việt Dũng"]),
        ("Bài, ảnh: Ngọc Anh và Hải Yến", ["Ngọc Anh", "Hải Yến"]),
        ("Minh Châu", ["Minh Châu"]),
        ("Tin, ảnh: PV", []),
        ("PV: Lan Anh", ["Lan Anh"]),
    ],
)
def test_byline_forms(tail: str, names: list[str]) -> None:
    assert _names(BODY + tail) == names


def test_bare_name_before_site_furniture_and_related_news() -> None:
    text = BODY + "Thanh Tâm\nIn tin bàiLưu tin bài\nCÁC TIN KHÁC\nĐồng chí A dự lễ\nAndroid APK"
    assert _names(text) == ["Thanh Tâm"]


def test_byline_above_a_comment_form_and_a_source_line() -> None:
    text = BODY + "Tin, ảnh: HÀ AN\n(Theo Báo Quân khu 7)\nBình luận\nHọ và tên:\nEmail:\nNội dung:"
    assert _names(text) == ["Hà An"]


@pytest.mark.parametrize(
    "tail",
    [
        "Các đại biểu chụp ảnh lưu niệm",
        "Trung tướng Trần Văn Hòa",
        "Hội nghị thành công tốt đẹp.",
        "Theo QĐND",
    ],
)
def test_last_lines_that_are_not_bylines(tail: str) -> None:
    assert _names(BODY + tail) == []


def test_publication_tag_at_the_head_is_not_an_author() -> None:
    assert _names("QK7 - Sáng 23.12, Bộ Tư lệnh tổ chức hội nghị.\nNội dung.") == []


def test_leading_credit_line() -> None:
    assert _names("Bài và ảnh: TRỌNG NGHĨA\nSáng 5/5, Lữ đoàn tổ chức Lễ.\nNội dung.") == [
        "Trọng Nghĩa"
    ]


def test_evidence_points_at_the_name_as_written() -> None:
    doc = Document.from_text("t", BODY + "Tin, ảnh: VĂN CHIẾN")
    ex = extract_bylines(doc, ArticleExtraction("t"))
    (author,) = ex.authors
    assert author.name == "Văn Chiến"
    assert doc.text[author.evidence.start : author.evidence.end] == "VĂN CHIẾN"
    assert author.evidence.sentence == len(doc.sentences) - 1


def test_a_byline_and_a_lead_that_page_extraction_drops_are_put_back(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Đoạn {i}: Đại tá Phạm Văn Mười, Chính ủy Lữ đoàn, phát biểu chỉ đạo huấn luyện.</p>"
        for i in range(6)
    )
    page = (
        "<html><head><title>Tin</title></head><body><nav><a href='/'>Trang chủ</a></nav>"
        "<div class='wrap'><h1>Lữ đoàn 144 ra quân huấn luyện</h1>"
        "<div class='post-sapo'>Sáng 6-1, Lữ đoàn 144 tổ chức lễ ra quân huấn luyện năm 2025."
        f"</div><div class='post-body'>{body}"
        "<p class='author-name'><b>VĂN HẢI - NGỌC MAI</b></p></div></div>"
        "<div class='related'><p class='author'>TIN KHÁC</p></div></body></html>"
    )
    path = tmp_path / "trang.html"
    path.write_text(page, encoding="utf-8")
    doc = read_article(path)
    assert "Sáng 6-1, Lữ đoàn 144 tổ chức lễ ra quân" in doc.text
    assert [a.name for a in read_authors(doc)] == ["Văn Hải", "Ngọc Mai"]


def test_bare_name_above_a_line_of_print_and_related_news_links() -> None:
    text = BODY + "Đồng chí Bí thư yêu cầu các cấp ủy thực hiện tốt.\nMinh Châu\n"
    assert _names(text + "In bài | Gửi bài | Các tin khác\nTin khác đầu tiên") == ["Minh Châu"]


def test_a_byline_above_a_list_of_related_articles_with_their_dates() -> None:
    text = (
        "Hội nghị diễn ra.\nThanh Tâm - Cẩm Tú\n"
        "- UBND tỉnh họp phiên thường kỳ tháng 3/2025 (01/04/2025)\n"
        "- Vĩnh Long hoàn thành công tác giao nhận quân năm 2025 (14/02/2025)"
    )
    assert _names(text) == ["Thanh Tâm", "Cẩm Tú"]
