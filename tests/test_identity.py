"""Identity: one IRI per real entity, never a merge on name alone, always a valid IRI."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode

from kg import identity as ids
from kg.model import Evidence, LegalDocument, Person, Position, Rank

B = ids.DEFAULT_BASE
EV = Evidence(0, 4, 0, "persons", "rank.name")
BODY = "Tổng cục Công nghiệp quốc phòng"
# RFC 3987 forbids these anywhere in an IRI
FORBIDDEN = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f-\x9f]')


def person(name: str, *posts: tuple[str, str | None], rank: str | None = None) -> Person:
    return Person(
        key=name.casefold(),
        name=name,
        rank=Rank(rank, EV) if rank else None,
        positions=tuple(Position(t, o, EV) for t, o in posts),
    )


def test_same_person_same_body_in_two_articles_is_one_iri_even_after_promotion() -> None:
    before = person("Nguyễn Việt Hùng", ("Phó Chính ủy", BODY), rank="Đại tá")
    after = person("Nguyễn Việt Hùng", ("Chính ủy", BODY), rank="Thiếu tướng")
    assert ids.person_iri(B, before, "a1") == ids.person_iri(B, after, "a2")


def test_a_unit_numbered_once_in_the_army_is_one_anchor_with_or_without_its_parent() -> None:
    alone = person("Phạm Công Lý", ("Sư đoàn trưởng", "Sư đoàn 10"))
    placed = person("Phạm Công Lý", ("Sư đoàn trưởng", "Sư đoàn 10, Quân đoàn 34"))
    assert ids.person_iri(B, alone, "a1") == ids.person_iri(B, placed, "a2")
    # companies are numbered again in every battalion: the parent keeps them apart
    one = person("Trần Văn An", ("Đại đội trưởng", "Đại đội 2, Tiểu đoàn 4"))
    other = person("Trần Văn An", ("Đại đội trưởng", "Đại đội 2, Tiểu đoàn 7"))
    assert ids.person_iri(B, one, "a1") != ids.person_iri(B, other, "a2")


def test_different_given_names_are_different_people() -> None:
    viet = person("Nguyễn Việt Hùng", ("Phó Chính ủy", BODY))
    manh = person("Nguyễn Mạnh Hùng", ("Chính ủy", BODY))
    assert ids.person_iri(B, viet, "a1") != ids.person_iri(B, manh, "a1")


def test_same_name_without_anchor_is_scoped_to_the_article() -> None:
    a = person("Nguyễn Văn An")
    assert ids.person_iri(B, a, "a1") != ids.person_iri(B, a, "a2")
    assert ids.person_iri(B, a, "a1") == ids.person_iri(B, person("Nguyễn Văn An"), "a1")


@pytest.mark.parametrize(
    "body",
    [
        "Tỉnh ủy",
        "Đảng ủy",
        "Thành ủy",
        "Huyện ủy",
        "UBND tỉnh",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Ban Dân vận Tỉnh ủy",
        "Hội đồng nhân dân tỉnh",
        "Đảng ủy Quân sự tỉnh",
        "Sở Tài chính",
        "Mặt trận Tổ quốc",
        "Cục Chính trị",
        "Ban Thường vụ Đảng ủy",
        "Trung đoàn",
    ],
)
def test_generic_bodies_do_not_anchor(body: str) -> None:
    assert ids.is_generic_body(body)
    p = person("Dương Văn An", ("Phó Bí thư", body))
    assert ids.person_iri(B, p, "a1") != ids.person_iri(B, p, "a2")


@pytest.mark.parametrize(
    "body",
    [
        "Tổng cục Hậu cần - Kỹ thuật",
        "Tỉnh ủy Quảng Ninh",
        "UBND tỉnh Bắc Giang",
        "Bộ Quốc phòng",
        "Bộ Chỉ huy Quân sự tỉnh Lạng Sơn",
        "Ban Tuyên giáo Trung ương",
        "Phòng Chính trị Sư đoàn 312",
        "Mặt trận Tổ quốc Việt Nam",
        "Đảng ủy Quân sự Trung ương",
        "Ban Dân vận Tỉnh ủy Nghệ An",
    ],
)
def test_specific_bodies_anchor(body: str) -> None:
    assert not ids.is_generic_body(body)
    p = person("Dương Văn An", ("Bí thư", body))
    assert ids.person_iri(B, p, "a1") == ids.person_iri(B, p, "a2")


def test_anchor_is_first_specific_post_and_skips_generic_ones() -> None:
    p = person("Trần Văn Bình", ("Phó Bí thư", "Tỉnh ủy"), ("Chủ tịch", "UBND tỉnh Hòa Bình"))
    assert ids.person_anchor(p) == "ubnd-tỉnh-hòa-bình"


def test_party_committee_of_a_body_anchors_to_the_body() -> None:
    party = person("Lê Văn Cường", ("Bí thư", "Đảng ủy " + BODY))
    job = person("Lê Văn Cường", ("Chính ủy", BODY))
    assert ids.person_iri(B, party, "a1") == ids.person_iri(B, job, "a2")


def test_seat_in_a_collective_yields_to_the_job() -> None:
    both = person("Phan Văn Giang", ("Ủy viên", "Bộ Chính trị"), ("Bộ trưởng", "Bộ Quốc phòng"))
    job = person("Phan Văn Giang", ("Bộ trưởng", "Bộ Quốc phòng"))
    seat = person("Phan Văn Giang", ("Ủy viên", "Bộ Chính trị"))
    assert ids.person_iri(B, both, "a1") == ids.person_iri(B, job, "a2")
    assert ids.person_anchor(seat) == "bộ-chính-trị"  # a seat anchors when nothing else does


def test_tone_placement_and_case_do_not_split_entities() -> None:
    hoa1 = person("Nguyễn Văn Hoá", ("Giám đốc", "Tổng công ty Hoá chất"))
    hoa2 = person("Nguyễn Văn Hóa", ("Giám đốc", "Tổng công ty Hóa chất"))
    assert ids.person_iri(B, hoa1, "a1") == ids.person_iri(B, hoa2, "a2")
    assert ids.org_iri(B, "Uỷ ban Kiểm tra Trung ương") == ids.org_iri(
        B, "Ủy ban kiểm tra trung ương"
    )


def test_a_diacritic_is_a_different_name() -> None:
    assert ids.org_iri(B, "Cục Hậu cần") != ids.org_iri(B, "Cục Hậu căn")


def test_document_iri_uses_year_of_issue_where_known() -> None:
    dated = LegalDocument("1780/QĐ-TTg", date="2011-10-12")
    assert ids.document_iri(B, dated).endswith("/document/1780-qđ-ttg--2011")
    assert ids.document_iri(B, LegalDocument("20-NQ/TW")).endswith("/document/20-nq-tw")
    other_year = LegalDocument("1780/QĐ-TTg", date="2015-01-02")
    assert ids.document_iri(B, dated) != ids.document_iri(B, other_year)


def test_article_ids_keep_case_and_escape_the_rest() -> None:
    assert ids.article_iri(B, "000_64a1ae126a39c1e6") == B + "article/000_64a1ae126a39c1e6"
    assert ids.article_iri(B, "Bài") != ids.article_iri(B, "bài")
    assert ids.article_iri(B, "a b/c") == B + "article/a%20b%2Fc"
    assert ids.article_iri(B, "..") == B + "article/%2E%2E"
    with pytest.raises(ValueError):
        ids.article_iri(B, "")


def test_article_local_iris_follow_docs() -> None:
    ev = Evidence(3, 9, 0, "persons", "rank.name")
    assert ids.evidence_iri(B, "a", ev) == B + "article/a/evidence/3-9-rank.name"
    other = Evidence(3, 9, 0, "persons", "rank-name")
    assert ids.evidence_iri(B, "a", ev) != ids.evidence_iri(B, "a", other)
    assert ids.participation_iri(B, "a", 0, "lê văn c", "chair") == (
        B + "article/a/meeting/0/role/lê-văn-c--chair"
    )
    assert ids.document_use_iri(B, "a", 1, "752/CT-CT", "reviews") == (
        B + "article/a/meeting/1/document/752-ct-ct--reviews"
    )
    assert ids.holding_iri(B, "a", "x", "Chính ủy", None) == B + "article/a/holding/x--chính-ủy"
    assert ids.post_iri(B, "Chính ủy", BODY).startswith(B + "post/chính-ủy--tổng-cục")
    assert ids.sentence_iri(B, "a", 2) == B + "article/a/sentence/2"
    assert ids.abbreviation_iri(B, "a", "CNQP") == B + "article/a/abbreviation/cnqp"


def test_base_is_normalized_and_checked() -> None:
    assert ids.org_iri("http://example.org/kg", "Bộ Quốc phòng") == (
        "http://example.org/kg/org/bộ-quốc-phòng"
    )
    assert ids.org_iri("http://example.org/kg#", "A").startswith("http://example.org/kg#org/")
    with pytest.raises(ValueError):
        ids.org_iri("not an iri", "A")


@settings(max_examples=300, deadline=None)
@given(name=st.text(), article=st.text(min_size=1), rule=st.text(min_size=1))
def test_hostile_strings_always_give_valid_iris(name: str, article: str, rule: str) -> None:
    p = Person("k", name, positions=(Position(name, name, EV),))
    entities = [
        ids.person_iri(B, p, article),
        ids.org_iri(B, name),
        ids.place_iri(B, name),
        ids.campaign_iri(B, name),
        ids.author_iri(B, name),
        ids.post_iri(B, name, name),
        ids.document_iri(B, LegalDocument(name, date=name)),
        ids.article_iri(B, article),
    ]
    local = [
        ids.evidence_iri(B, article, Evidence(0, 1, 0, "x", rule)),
        ids.holding_iri(B, article, name, name, name),
        ids.participation_iri(B, article, 0, name, name),
        ids.document_use_iri(B, article, 0, name, name),
        ids.abbreviation_iri(B, article, name, name),
    ]
    for iri in entities + local:
        assert not FORBIDDEN.search(iri), iri
        assert NamedNode(iri).value == iri
    for iri in entities:  # a name never adds path segments
        assert iri[len(B) :].count("/") == 1, iri


def test_script_injection_is_slugged() -> None:
    iri = ids.org_iri(B, '<script>alert("x")</script>\n\t{|}^`\\')
    assert iri == B + "org/script-alert-x-script"


# -- anchors made certain by the article ------------------------------------------------------


def _persons(article: str, text: str) -> dict[str, str]:
    """IRIs of the persons of one article, by name, as the pipeline gives them."""
    from kg.document import Document
    from kg.pipeline import Pipeline

    ex = Pipeline(["organizations", "persons"])(Document.from_text(article, text))
    return {p.name: ids.person_iri(B, p, article) for p in ex.persons}


def test_a_provincial_body_is_qualified_with_the_one_province_of_the_article() -> None:
    before = _persons(
        "a1",
        "Đảng ủy Quân sự tỉnh Bến Tre tổ chức hội nghị. Dự có Thượng tá Lê Văn Tâm, Phó Chỉ "
        "huy trưởng Bộ CHQS tỉnh.",
    )
    after = _persons(
        "a2",
        "Ngày 5/9, Bộ CHQS tỉnh Bến Tre tổ chức lễ ra quân. Đại tá Lê Văn Tâm, Phó Bí thư "
        "Đảng ủy Quân sự tỉnh, Chỉ huy trưởng Bộ CHQS tỉnh chủ trì.",
    )
    assert before["Lê Văn Tâm"] == after["Lê Văn Tâm"]
    assert before["Lê Văn Tâm"].endswith("--quân-sự-tỉnh-bến-tre")


def test_namesakes_of_two_provinces_stay_apart() -> None:
    one = _persons("b1", "Tỉnh ủy Nam Định họp. Ông Trần Văn Minh, Phó Chủ tịch UBND tỉnh dự.")
    two = _persons("b2", "Tỉnh ủy Ninh Bình họp. Ông Trần Văn Minh, Phó Chủ tịch UBND tỉnh dự.")
    assert one["Trần Văn Minh"] != two["Trần Văn Minh"]


def test_no_province_is_made_certain_by_two_provinces_or_a_passing_name() -> None:
    text = "Đoàn tỉnh Bạc Liêu thăm tỉnh Sóc Trăng. Ông Lý Văn Út, Phó Bí thư Tỉnh ủy dự."
    assert _persons("c1", text)["Lý Văn Út"] != _persons("c2", text)["Lý Văn Út"]
    passing = "Gạo Long An được ưa chuộng. Ông Lý Văn Út, Phó Bí thư Tỉnh ủy dự."
    assert _persons("c3", passing)["Lý Văn Út"].endswith("--c3")


def test_a_former_post_ties_a_promoted_person_to_the_earlier_reports() -> None:
    earlier = _persons("d1", "Đại tá Đỗ Văn Hùng, Tư lệnh Vùng 4 Hải quân kiểm tra tàu.")
    later = _persons(
        "d2",
        "Chuẩn Đô đốc Đỗ Văn Hùng, Phó Tư lệnh Quân chủng Hải quân, nguyên Tư lệnh Vùng 4 "
        "Hải quân bàn giao nhiệm vụ.",
    )
    assert earlier["Đỗ Văn Hùng"] == later["Đỗ Văn Hùng"]


def test_a_numbered_body_named_once_in_full_anchors_its_shortened_posts() -> None:
    first = _persons(
        "e1", "Đảng ủy Quân khu 2 họp. Trung tướng Phùng Sĩ Tấn, Tư lệnh Quân khu phát biểu."
    )
    second = _persons("e2", "Trung tướng Phùng Sĩ Tấn, Tư lệnh Quân khu 2 dự lễ.")
    assert first["Phùng Sĩ Tấn"] == second["Phùng Sĩ Tấn"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bộ Tư lệnh Quân khu 7", "Quân khu 7"),
        ("Đảng ủy Quân khu 7", "Quân khu 7"),
        ("Quân chủng Hải quân", "Bộ Tư lệnh Hải quân"),
        ("Đảng ủy Quân sự tỉnh Long An", "Bộ Chỉ huy Quân sự tỉnh Long An"),
        ("Đảng ủy Biên phòng tỉnh An Giang", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh An Giang"),
        ("Đảng ủy Công an tỉnh An Giang", "Công an tỉnh An Giang"),
    ],
)
def test_a_unit_its_command_and_its_party_committee_anchor_alike(a: str, b: str) -> None:
    assert ids.anchor_key(a) == ids.anchor_key(b) is not None


def test_qualification_needs_the_matching_level() -> None:
    from kg.identity_bodies import Province, qualify

    assert qualify("Thành ủy", Province("Hải Phòng", "thành phố")) == "Thành ủy Hải Phòng"
    assert qualify("Bộ CHQS tỉnh", Province("Hải Phòng", "thành phố")) == "Bộ CHQS tỉnh"
    assert qualify("Ban CHQS huyện", Province("Long An", "tỉnh")) == "Ban CHQS huyện"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ban Thường vụ Thành ủy TP.HCM họp. Ông A dự.", ("Hồ Chí Minh", "thành phố")),
        ("Tỉnh ủy Đắc Lắc họp với Thiếu tướng Trần Thái Bình.", ("Đắk Lắk", "tỉnh")),
        ("Huyện Châu Thành của tỉnh Hậu Giang ra quân.", ("Hậu Giang", "tỉnh")),
        ("Ông Trần Thái Bình dự hội nghị.", None),
        ("Tỉnh Tây Ninh và tỉnh Long An ký kết.", None),
    ],
)
def test_the_province_of_an_article(text: str, expected: tuple[str, str] | None) -> None:
    from kg.document import Document
    from kg.extract.provinces import article_province

    found = article_province(Document.from_text("p", text))
    assert (tuple(found) if found else None) == expected


def test_a_bare_head_completed_from_the_body_named_before_it_anchors_across_articles() -> None:
    first = _persons(
        "f1",
        "Đảng ủy, Bộ Tư lệnh Quân đoàn 34 tổng kết năm. Đại tá Hà Văn Sỹ, Phó Chính ủy Quân đoàn "
        "trình bày báo cáo. Quân đoàn 34 được hợp nhất từ Quân đoàn 3 và Quân đoàn 4.",
    )
    second = _persons(
        "f2",
        "Đảng ủy Quân đoàn 34 quán triệt chỉ thị. Thiếu tướng Hà Văn Sỹ, Ủy viên Ban Thường vụ "
        "Đảng ủy, Phó Chính ủy Quân đoàn phát biểu.",
    )
    other = _persons("f3", "Đại tá Hà Văn Sỹ, Phó Chính ủy Sư đoàn 9 dự.")
    assert first["Hà Văn Sỹ"] == second["Hà Văn Sỹ"]
    assert first["Hà Văn Sỹ"].endswith("--quân-đoàn-34")
    assert other["Hà Văn Sỹ"] != first["Hà Văn Sỹ"]


def test_a_generic_body_named_by_level_never_merges_namesakes() -> None:
    text = "Ông Đinh Văn Lũy, Giám đốc Sở Tài chính trình bày tờ trình."
    assert _persons("g1", text)["Đinh Văn Lũy"] != _persons("g2", text)["Đinh Văn Lũy"]


def test_a_post_written_by_kind_alone_anchors_once_completed() -> None:
    bare = _persons(
        "f1",
        "Quân chủng Hải quân tổ chức hội nghị. Phó Tư lệnh Quân chủng, Chuẩn Đô đốc Lương "
        "Văn Hải chủ trì.",
    )
    full = _persons("f2", "Chuẩn Đô đốc Lương Văn Hải, Phó Tư lệnh Quân chủng Hải quân dự lễ.")
    assert bare["Lương Văn Hải"] == full["Lương Văn Hải"]
    # two bodies of that kind make nothing certain: the person stays in the article
    two = _persons(
        "f3",
        "Quân chủng Hải quân và Quân chủng Phòng không - Không quân hiệp đồng. Phó Tư lệnh "
        "Quân chủng, Chuẩn Đô đốc Lương Văn Hải phát biểu.",
    )
    assert two["Lương Văn Hải"].endswith("--f3")


def test_a_school_named_by_nha_truong_anchors_its_rector() -> None:
    first = _persons(
        "g1",
        "Trường Sĩ quan Công binh khai giảng. Thiếu tướng Vũ Đình Lâm, Hiệu trưởng Nhà "
        "trường phát biểu.",
    )
    second = _persons("g2", "Thiếu tướng Vũ Đình Lâm, Hiệu trưởng Trường Sĩ quan Công binh dự.")
    assert first["Vũ Đình Lâm"] == second["Vũ Đình Lâm"]
    other = _persons("g3", "Thiếu tướng Vũ Đình Lâm, Hiệu trưởng Trường Sĩ quan Thông tin dự.")
    assert other["Vũ Đình Lâm"] != second["Vũ Đình Lâm"]
