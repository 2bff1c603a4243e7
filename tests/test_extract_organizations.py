"""The organizations component: body names, canonical names and abbreviations."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.extract.bodies import expand_phrase
from kg.extract.organizations import canonical_org, extract_organizations
from kg.model import Abbreviation, ArticleExtraction, Evidence, Organization
from kg.pipeline import Pipeline
from kg.text import fold


def run(text: str) -> ArticleExtraction:
    return extract_organizations(Document.from_text("t", text), ArticleExtraction("t"))


def names(text: str) -> list[str]:
    return [o.name for o in run(text).organizations]


def test_component_is_registered_and_pure() -> None:
    doc = Document.from_text("t", "Bộ Quốc phòng tổ chức hội nghị.")
    first = Pipeline(["organizations"])(doc)
    assert first == Pipeline(["organizations"])(doc)
    assert [o.name for o in first.organizations] == ["Bộ Quốc phòng"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đại diện Tổng cục Chính trị dự.", ["Tổng cục Chính trị"]),
        ("Lãnh đạo HĐND tỉnh, UBND tỉnh dự.", ["Hội đồng nhân dân tỉnh", "Ủy ban nhân dân tỉnh"]),
        ("Bộ CHQS tỉnh Gia Lai tổ chức diễn tập.", ["Bộ Chỉ huy Quân sự tỉnh Gia Lai"]),
        # the Navy named inside the name of its region is a body of the article too
        ("Bộ Tư lệnh Vùng 2 Hải quân tổ chức lễ.", ["Bộ Tư lệnh Vùng 2 Hải quân", "Hải quân"]),
        ("Học viện Kỹ thuật quân sự đón đoàn.", ["Học viện Kỹ thuật quân sự"]),
        ("Sư đoàn 308 và Lữ đoàn 144 hiệp đồng.", ["Sư đoàn 308", "Lữ đoàn 144"]),
        ("Bộ Lao động - Thương binh và Xã hội phối hợp.", ["Bộ Lao động - Thương binh và Xã hội"]),
        ("Hội Cựu chiến binh tỉnh trao quà.", ["Hội Cựu chiến binh tỉnh"]),
        ("Công đoàn Quốc phòng phát động thi đua.", ["Công đoàn Quốc phòng"]),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì.",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
        ),
        ("Đảng ủy Quân sự tỉnh ra nghị quyết.", ["Đảng ủy Quân sự tỉnh"]),
        (
            "Tổng cục Hậu cần và Tổng cục Kỹ thuật sáp nhập.",
            ["Tổng cục Hậu cần", "Tổng cục Kỹ thuật"],
        ),
        (
            "Thực hiện nghị quyết của Quân ủy Trung ương, Bộ Quốc phòng.",
            ["Quân ủy Trung ương", "Bộ Quốc phòng"],
        ),
        ("Khoa Chỉ huy tham mưu Phòng không tổ chức thi.", ["Khoa Chỉ huy tham mưu Phòng không"]),
        ("Viện Khoa học Quân sự công bố đề tài.", ["Viện Khoa học Quân sự"]),
        ("Bộ Khoa học và Công nghệ thẩm định.", ["Bộ Khoa học và Công nghệ"]),
        ("Sở Người có công của tỉnh tiếp nhận hồ sơ.", ["Sở Người có công"]),
        (
            "Quân chủng Phòng không - Không quân tổ chức lễ.",
            ["Quân chủng Phòng không - Không quân"],
        ),
    ],
)
def test_bodies_of_the_genre_under_full_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_body_ends_before_the_verb_that_follows_it() -> None:
    assert names("Tổng cục Công nghiệp quốc phòng tổ chức hội nghị tổng kết.") == [
        "Tổng cục Công nghiệp quốc phòng"
    ]
    assert names("Quân khu 4 hoàn thành tốt nhiệm vụ.") == ["Quân khu 4"]


def test_military_region_abbreviation_with_number() -> None:
    assert names("Bộ Tư lệnh QK7 giao nhiệm vụ.") == ["Bộ Tư lệnh Quân khu 7"]


def test_nested_body_is_reported_too() -> None:
    assert names("Đại diện Ban Tuyên giáo Tỉnh ủy dự.") == ["Ban Tuyên giáo Tỉnh ủy", "Tỉnh ủy"]


def test_name_part_of_a_body_is_not_a_second_body() -> None:
    assert names("Hội Liên hiệp Phụ nữ huyện tổ chức.") == ["Hội Liên hiệp Phụ nữ huyện"]


def test_not_bodies() -> None:
    text = "Hội nghị tổng kết diễn ra sôi nổi; xứng danh Bộ đội Cụ Hồ; bảo vệ Trường Sa."
    assert names(text) == []


def test_heading_in_capitals_is_no_mention() -> None:
    assert names("VĂN PHÒNG TỈNH ỦY | TIN HOẠT ĐỘNG\nTỉnh ủy chỉ đạo.") == ["Tỉnh ủy"]


def test_short_spelling_is_kept_as_an_abbreviation_of_the_body() -> None:
    text = "Tổng cục Công nghiệp quốc phòng (CNQP) tổ chức. Thủ trưởng Tổng cục CNQP dự."
    (org,) = run(text).organizations
    assert org.name == "Tổng cục Công nghiệp quốc phòng"
    assert org.abbreviations == ("Tổng cục CNQP",)
    assert [text[e.start : e.end] for e in org.evidence] == [
        "Tổng cục Công nghiệp quốc phòng",
        "Tổng cục CNQP",
    ]
    assert all(e.extractor == "organizations" and e.rule for e in org.evidence)


def test_same_body_in_both_tone_spellings_is_one() -> None:
    assert names("Tỉnh uỷ lãnh đạo. Tỉnh ủy chỉ đạo.") == ["Tỉnh ủy"]


# -- abbreviations ------------------------------------------------------------------------


def test_abbreviations_defined_in_brackets() -> None:
    text = "Tổng cục Hậu cần - Kỹ thuật (HC-KT) và công tác Đảng, công tác chính trị (CTĐ, CTCT)."
    defined = {
        (a.short, a.long)
        for a in run(text).abbreviations
        if a.evidence and a.evidence.rule == "abbreviation.defined"
    }
    assert defined == {
        ("HC-KT", "Hậu cần - Kỹ thuật"),
        ("CTĐ", "công tác Đảng"),
        ("CTCT", "công tác chính trị"),
    }


def test_common_abbreviations_used_in_the_text_are_reported_once() -> None:
    text = "UBND tỉnh và UBND huyện phối hợp với Bộ CHQS tỉnh."
    found = [(a.short, a.long) for a in run(text).abbreviations]
    assert found == [("UBND", "Ủy ban nhân dân"), ("CHQS", "Chỉ huy Quân sự")]


def test_bracket_that_does_not_spell_the_words_defines_nothing() -> None:
    text = "Hội nghị (trực tuyến) của Tổng cục Kỹ thuật (TCKT-X)."
    assert not [
        a
        for a in run(text).abbreviations
        if a.evidence and a.evidence.rule == "abbreviation.defined"
    ]


# -- canonical_org -------------------------------------------------------------------------


def test_canonical_org_uses_definitions_of_the_article() -> None:
    ev = Evidence(0, 4, 0, "organizations", "abbreviation.defined")
    ex = ArticleExtraction("t", abbreviations=(Abbreviation("KTBC", "Kỹ thuật binh chủng", ev),))
    assert canonical_org("Cục KTBC", ex) == "Cục Kỹ thuật binh chủng"


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND huyện", "Hội đồng nhân dân huyện"),
        ("BĐBP tỉnh", "Bộ đội Biên phòng tỉnh"),
        ("ĐUQS tỉnh", "Đảng ủy Quân sự tỉnh"),
        ("QK7", "Quân khu 7"),
        ("Tổng cục HC-KT", "Tổng cục Hậu cần - Kỹ thuật"),
        ("BCH Quân sự huyện", "Ban Chỉ huy Quân sự huyện"),
        ("Tỉnh uỷ", "Tỉnh ủy"),
    ],
)
def test_canonical_org_expands_common_abbreviations(short: str, full: str) -> None:
    assert canonical_org(short, ArticleExtraction("t")) == full


def test_canonical_org_resolves_a_bare_head_to_the_one_body_of_the_article() -> None:
    ex = ArticleExtraction(
        "t", organizations=(Organization("Tổng cục Kỹ thuật"), Organization("Bộ Quốc phòng"))
    )
    assert canonical_org("Tổng cục", ex) == "Tổng cục Kỹ thuật"
    two = ArticleExtraction(
        "t", organizations=(Organization("Quân khu 5"), Organization("Quân khu 7"))
    )
    assert canonical_org("Quân khu", two) == "Quân khu"


def test_canonical_org_returns_the_spelling_already_used_in_the_article() -> None:
    ex = ArticleExtraction("t", organizations=(Organization("Ban Chỉ huy Quân sự huyện Lộc Ninh"),))
    assert (
        canonical_org("Ban chỉ huy quân sự huyện Lộc Ninh", ex)
        == "Ban Chỉ huy Quân sự huyện Lộc Ninh"
    )


def test_expand_phrase_keeps_unknown_words() -> None:
    assert expand_phrase("Trung tâm XYZ", {}) == "Trung tâm XYZ"
    assert fold(expand_phrase("Sở GD&ĐT", {})) == fold("Sở Giáo dục và Đào tạo")


# -- bodies named by their level alone ---------------------------------------------------------


def test_a_body_named_by_level_takes_the_one_unit_of_that_level() -> None:
    found = names(
        "Ban CHQS huyện Lạc Dương tổ chức diễn tập tại xã Đạ Sar. Ban CHQS xã, UBND xã đã "
        "chuẩn bị chu đáo."
    )
    assert "Ban Chỉ huy Quân sự xã Đạ Sar" in found
    assert "Ủy ban nhân dân xã Đạ Sar" in found
    two = names("Xã Đạ Sar và xã Đạ Nhim diễn tập. Ban CHQS xã, UBND xã đã chuẩn bị.")
    assert "Ban Chỉ huy Quân sự xã" in two


def test_organs_listed_bare_before_one_named_with_its_level_share_it() -> None:
    found = names(
        "Huyện ủy Đơn Dương trao Huy hiệu Đảng. Cùng dự có lãnh đạo Thường trực HĐND, UBND, "
        "Ủy ban MTTQ huyện, Hội CCB huyện."
    )
    assert {
        "Huyện ủy Đơn Dương",
        "Hội đồng nhân dân huyện Đơn Dương",
        "Ủy ban nhân dân huyện Đơn Dương",
        "Ủy ban Mặt trận Tổ quốc huyện Đơn Dương",
        "Hội Cựu chiến binh huyện Đơn Dương",
    } <= set(found)
    # only the organs of a unit share it: "Đảng ủy" here is the command's
    assert names("Đảng ủy, Bộ Chỉ huy BĐBP tỉnh Hà Giang tổ chức hội nghị.") == [
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đơn vị tham gia lực lượng gìn giữ hòa bình Liên hợp quốc.", "Liên hợp quốc"),
        (
            "Đảng viên lão thành (Chi bộ thôn Phú Mỹ, xã Hòa Bình) nhận Huy hiệu.",
            "Chi bộ thôn Phú Mỹ",
        ),
        ("Đại diện Cục Quản lý Khám, chữa bệnh dự.", "Cục Quản lý Khám, chữa bệnh"),
    ],
)
def test_named_bodies_without_a_usual_head(text: str, expected: str) -> None:
    assert expected in names(text)


def test_canonical_org_finds_a_body_read_under_its_units_name() -> None:
    ex = run("Huyện ủy Đơn Dương họp. Đại diện UBND huyện báo cáo.")
    assert "Ủy ban nhân dân huyện Đơn Dương" in [o.name for o in ex.organizations]
    assert canonical_org("UBND huyện", ex) == "Ủy ban nhân dân huyện Đơn Dương"


def test_a_body_named_by_level_is_a_body_of_the_article_as_written_too() -> None:
    ex = run("Tỉnh ủy Điện Biên họp. Đại diện Công an tỉnh, UBND tỉnh báo cáo.")
    found = [o.name for o in ex.organizations]
    assert {"Công an tỉnh Điện Biên", "Công an tỉnh", "Ủy ban nhân dân tỉnh"} <= set(found)
    # other components still get the fuller name
    assert canonical_org("Công an tỉnh", ex) == "Công an tỉnh Điện Biên"


# -- bodies the genre names in lists, by kind, or with lower-case words --------------------


def test_units_of_one_kind_listed_by_number() -> None:
    found = names("Các Lữ đoàn 147, 167 và 170 tham gia hội thao.")
    assert {"Lữ đoàn 147", "Lữ đoàn 167", "Lữ đoàn 170"} <= set(found)
    # a number that counts something is no unit
    assert names("Sư đoàn 2, 3 tiểu đoàn và 5 đại đội dự thi.") == ["Sư đoàn 2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lực lượng phối hợp với Cảnh sát biển trên vùng biển.", "Cảnh sát biển"),
        ("Đơn vị hiệp đồng với Hải quân, Không quân diễn tập.", "Hải quân"),
        ("Đoàn Thanh niên, Hội Sinh viên trường phối hợp tổ chức.", "Đoàn Thanh niên"),
        (
            "Đại diện Trung tâm Lưu trữ lịch sử tỉnh dự hội thảo.",
            "Trung tâm Lưu trữ lịch sử tỉnh",
        ),
        (
            "Đồn Biên phòng cửa khẩu quốc tế Lào Cai tổ chức diễn tập.",
            "Đồn Biên phòng cửa khẩu quốc tế Lào Cai",
        ),
        ("Trường Đại học Tây Bắc đối thoại với sinh viên.", "Trường Đại học Tây Bắc"),
    ],
)
def test_bodies_with_a_head_alone_or_lower_case_words(text: str, expected: str) -> None:
    assert expected in names(text)


def test_a_noun_of_body_names_used_as_a_verb_ends_the_name() -> None:
    found = names("Ông A, Giám đốc Sở Tài nguyên và Môi trường thông tin tình hình.")
    assert "Sở Tài nguyên và Môi trường" in found


def test_a_dateline_tag_is_not_the_first_name_of_a_body() -> None:
    found = names("QK5 - Cục Hậu cần Quân khu 5 tổ chức hội nghị.")
    assert "Cục Hậu cần Quân khu 5" in found
    assert not any(" - " in n for n in found)


def test_a_working_group_is_no_organization() -> None:
    found = names("Đoàn kiểm tra số 4 của Bộ Tổng Tham mưu làm việc với Quân đoàn 12.")
    assert found == ["Bộ Tổng Tham mưu", "Quân đoàn 12"]


def test_a_body_ending_in_its_kind_alone_is_completed_and_kept_as_written() -> None:
    ex = run("Quân chủng Hải quân tổ chức lễ. Đại diện Đảng ủy Quân chủng dự.")
    found = {o.name: o for o in ex.organizations}
    assert {"Đảng ủy Quân chủng Hải quân", "Đảng ủy Quân chủng"} <= set(found)
    assert "Đảng ủy Quân chủng" in found["Đảng ủy Quân chủng Hải quân"].abbreviations
    assert canonical_org("Đảng ủy Quân chủng", ex) == "Đảng ủy Quân chủng Hải quân"
