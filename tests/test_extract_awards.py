"""Awards handed over and named campaigns (kg.extract.awards)."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.extract.awards import read_awards, read_campaigns
from kg.extract.meetings import read_meetings
from kg.model import ArticleExtraction
from tests.test_extract_meetings import person


def _awards(text: str, *names: str) -> list[tuple[str, str | None, str | None, int | None]]:
    doc = Document.from_text("t", text)
    ex = ArticleExtraction("t", persons=tuple(person(doc, n) for n in names))
    import dataclasses

    ex = dataclasses.replace(ex, meetings=read_meetings(doc, ex))
    return [(a.name, a.issuer, a.presenter, a.year) for a in read_awards(doc, ex)]


def test_award_with_issuer_presenter_and_year() -> None:
    text = (
        "Sáng 28/12, Cục Kỹ thuật tổ chức Hội nghị tổng kết năm 2023. Đại tá Vũ Đình Khang, "
        "Cục trưởng trao Bằng khen của Bộ Quốc phòng tặng các tập thể có thành tích xuất sắc "
        "trong thực hiện nhiệm vụ năm 2023."
    )
    assert _awards(text, "Vũ Đình Khang") == [("Bằng khen", "Bộ Quốc phòng", "vũ đình khang", 2023)]


def test_classes_of_award_keep_their_full_name() -> None:
    text = (
        "Tại buổi lễ, Thượng tướng Lê Huy Vịnh trao Huân chương Bảo vệ Tổ quốc hạng Ba cho "
        "2 tập thể và Bằng khen của Thủ tướng Chính phủ cho 3 cá nhân."
    )
    assert _awards(text, "Lê Huy Vịnh") == [
        ("Huân chương Bảo vệ Tổ quốc hạng Ba", None, "lê huy vịnh", None),
        ("Bằng khen", "Thủ tướng Chính phủ", "lê huy vịnh", None),
    ]


def test_titles_and_badges() -> None:
    assert _awards("Dịp này, đơn vị đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân.") == [
        ("Anh hùng Lực lượng vũ trang nhân dân", None, None, None)
    ]
    assert _awards("Đồng chí Bí thư gắn Huy hiệu 40 năm tuổi Đảng cho 5 đảng viên.") == [
        ("Huy hiệu 40 năm tuổi Đảng", None, None, None)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Đơn vị từng được Nhà nước tặng thưởng Huân chương Quân công hạng Nhì.",
        "Năm 2019, Lữ đoàn được tặng Cờ thi đua của Bộ Quốc phòng.",
        "Nhiều tập thể được đề nghị khen thưởng Bằng khen.",
    ],
)
def test_past_honours_are_not_awards_given(text: str) -> None:
    assert _awards(text) == []


def test_tang_counts_with_an_occasion() -> None:
    assert _awards("Nhân dịp này, Bộ Tư lệnh tặng Giấy khen cho 12 tập thể.") == [
        ("Giấy khen", None, None, None)
    ]


def _campaigns(text: str) -> list[str]:
    return [c.name for c in read_campaigns(Document.from_text("t", text))]


def test_campaigns_quoted_known_and_plain() -> None:
    text = (
        "Đẩy mạnh phong trào thi đua Quyết thắng gắn với cuộc vận động “Phát huy truyền thống, "
        "cống hiến tài năng” và phong trào “Dân vận khéo”."
    )
    assert _campaigns(text) == [
        "Quyết thắng",
        "Phát huy truyền thống, cống hiến tài năng",
        "Dân vận khéo",
    ]


def test_campaign_lists_after_huong_ung_and_a_typo() -> None:
    text = (
        "Các đơn vị hưởng ứng “Tháng hành động vì người cao tuổi”, “Ngày toàn dân hiến máu”. "
        "Gắn với phong trao Thi đua Quyết thắng."
    )
    assert _campaigns(text) == [
        "Tháng hành động vì người cao tuổi",
        "Ngày toàn dân hiến máu",
        "Quyết thắng",
    ]


def test_generic_movements_have_no_name() -> None:
    assert _campaigns("thực hiện các phong trào thi đua, các cuộc vận động của ngành.") == []


def test_campaign_evidence_points_at_the_name() -> None:
    doc = Document.from_text("t", "phong trào “Ba sẵn sàng” sôi nổi")
    (c,) = read_campaigns(doc)
    assert doc.text[c.evidence.start : c.evidence.end] == "Ba sẵn sàng"
