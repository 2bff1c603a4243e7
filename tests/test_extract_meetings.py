"""Gatherings, their dates, places, organizers, roles and documents (kg.extract.meetings).

Persons are built by hand here (as the persons component would give them: every span
where the person is named, rank included), so these tests do not depend on it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from kg.document import Document
from kg.extract.documents import extract_documents
from kg.extract.meetings import read_meetings
from kg.extract.roles import find_roles
from kg.model import ArticleExtraction, Evidence, Meeting, Organization, Person, Position
from kg.pipeline import Pipeline, get_component
from kg.text import fold

RANKS = r"(?:(?:Đại|Thượng|Trung|Thiếu) (?:tướng|tá)|Đ/c|đồng chí)"


def person(
    doc: Document, name: str, *, posts: tuple[tuple[str, str], ...] = (), **kw: bool
) -> Person:
    """A person named ``name`` with a mention at every place the text names them."""
    mentions = tuple(
        Evidence(m.start(), m.end(), doc.sentence_index(m.start()), "persons", "test")
        for m in re.finditer(rf"(?:{RANKS} )?{re.escape(name)}", doc.text)
    )
    positions = tuple(Position(t, o, Evidence(0, 0, 0, "persons", "test")) for t, o in posts)
    return Person(fold(name), name, positions=positions, mentions=mentions, **kw)


def extract(
    text: str, *names: str, published: str | None = None, **posts: tuple[tuple[str, str], ...]
) -> Meeting | None:
    """The first meeting read from ``text`` with the given persons."""
    doc = Document.from_text("t", text, published=published)
    persons = tuple(person(doc, n, posts=posts.get(fold(n).replace(" ", "_"), ())) for n in names)
    ex = extract_documents(doc, ArticleExtraction("t", persons=persons))
    meetings = read_meetings(doc, ex)
    return meetings[0] if meetings else None


def roles(m: Meeting | None) -> set[tuple[str, str]]:
    assert m is not None
    return {(p.person, p.role) for p in m.participations}


def test_lead_gives_kind_date_place_organizer_and_reviewed_document() -> None:
    m = extract(
        "Sáng 12/4, tại Hội trường Bộ Tư lệnh Quân khu 9, Đảng ủy Quân khu 9 tổ chức Hội nghị "
        "sơ kết 5 năm thực hiện Nghị quyết số 1657-NQ/QUTW ngày 20/6/2018 của Quân ủy Trung "
        "ương về công tác chính sách."
    )
    assert m is not None
    assert (m.kind, m.date, m.location, m.organizer) == (
        "sơ kết",
        "2023-04-12",
        "Hội trường Bộ Tư lệnh Quân khu 9",
        "Đảng ủy Quân khu 9",
    )
    assert m.label.startswith("Hội nghị sơ kết 5 năm thực hiện Nghị quyết số 1657-NQ/QUTW")
    assert [(d.identifier, d.relation) for d in m.documents] == [("1657-NQ/QUTW", "reviews")]
    assert not m.online


def test_co_chairs_listed_before_dong_chu_tri() -> None:
    m = extract(
        "Ngày 8/3, Quân khu 4 tổ chức Hội nghị quân chính. Trung tướng Lê Văn Bình, Tư lệnh "
        "Quân khu; Trung tướng Phạm Quốc Tuấn, Chính ủy Quân khu đồng chủ trì Hội nghị.",
        "Lê Văn Bình",
        "Phạm Quốc Tuấn",
    )
    assert roles(m) == {
        ("lê văn bình", "chair"),
        ("lê văn bình", "participant"),
        ("phạm quốc tuấn", "chair"),
        ("phạm quốc tuấn", "participant"),
    }


def test_passive_chair_list_of_guests_and_fronted_speaker() -> None:
    m = extract(
        "Chiều 20/6, Bộ Chỉ huy Quân sự tỉnh Nam Định tổ chức Hội nghị triển khai nhiệm vụ. "
        "Hội nghị do Đại tá Trần Văn Khải, Chỉ huy trưởng chủ trì. Dự hội nghị có Thiếu tướng "
        "Vũ Hữu Long, Phó Tư lệnh Quân khu 3; Đại tá Hoàng Minh Phú, Phó Chính ủy. "
        "Phát biểu kết luận hội nghị, Đại tá Trần Văn Khải nhấn mạnh yêu cầu huấn luyện.",
        "Trần Văn Khải",
        "Vũ Hữu Long",
        "Hoàng Minh Phú",
    )
    assert roles(m) == {
        ("trần văn khải", "chair"),
        ("trần văn khải", "participant"),
        ("trần văn khải", "speaker"),
        ("vũ hữu long", "participant"),
        ("hoàng minh phú", "participant"),
    }


def test_photo_caption_and_quote_attribution_make_speakers() -> None:
    m = extract(
        "Ngày 2/11, Học viện Hậu cần tổ chức Hội thảo khoa học.\n"
        "Thiếu tướng Đỗ Minh Sơn phát biểu khai mạc hội thảo.\n"
        "“Cần đổi mới phương pháp dạy học”, Đại tá Lưu Thị Hà nói.",
        "Đỗ Minh Sơn",
        "Lưu Thị Hà",
    )
    assert m is not None and m.kind == "hội thảo"
    assert ("đỗ minh sơn", "speaker") in roles(m)
    assert ("lưu thị hà", "speaker") in roles(m)


def test_presenter_hands_over_an_award_and_recipients_are_present() -> None:
    m = extract(
        "Sáng 15/1, Sư đoàn 5 tổ chức Lễ ra quân huấn luyện năm 2024. Thay mặt Đảng ủy, "
        "Thiếu tướng Ngô Văn Tâm trao Cờ thi đua cho Đại tá Lý Văn Hải.",
        "Ngô Văn Tâm",
        "Lý Văn Hải",
    )
    assert m is not None and m.date == "2024-01-15"
    assert roles(m) == {
        ("ngô văn tâm", "presenter"),
        ("ngô văn tâm", "participant"),
        ("lý văn hải", "participant"),
    }


def test_handover_ceremony_with_a_full_date() -> None:
    m = extract(
        "Ngày 20-12-2022, tại Cảng Cam Ranh, Bộ Tư lệnh Vùng 4 Hải quân tổ chức Lễ bàn giao "
        "tàu tuần tra. Đại tá Phan Anh Dũng bàn giao cho Đại tá Mai Xuân Trường tiếp nhận.",
        "Phan Anh Dũng",
        "Mai Xuân Trường",
    )
    assert m is not None
    assert (m.kind, m.date, m.location, m.organizer) == (
        "bàn giao",
        "2022-12-20",
        "Cảng Cam Ranh",
        "Bộ Tư lệnh Vùng 4 Hải quân",
    )
    assert {p for p, r in roles(m) if r == "participant"} == {"phan anh dũng", "mai xuân trường"}


def test_a_working_visit_is_organized_by_the_visiting_body() -> None:
    m = extract(
        "Ngày 5/9, Đoàn công tác của Bộ Quốc phòng do Thượng tướng Hoàng Xuân Chiến, Thứ "
        "trưởng Bộ Quốc phòng làm trưởng đoàn đã đến kiểm tra công tác sẵn sàng chiến đấu.",
        "Hoàng Xuân Chiến",
        hoàng_xuân_chiến=(("Thứ trưởng", "Bộ Quốc phòng"),),
    )
    assert m is not None and m.kind == "kiểm tra" and m.date == "--09-05"
    assert m.organizer == "Bộ Quốc phòng"
    assert ("hoàng xuân chiến", "participant") in roles(m)


def test_online_meeting_with_bridge_points_has_no_place() -> None:
    m = extract(
        "Sáng 9/6, Tỉnh ủy tổ chức Hội nghị trực tuyến quán triệt Chỉ thị số 21-CT/TW ngày "
        "21/3/2023 của Ban Bí thư. Tại điểm cầu các huyện có lãnh đạo huyện ủy."
    )
    assert m is not None and m.online
    assert (m.kind, m.location, m.date) == ("quán triệt", None, "2023-06-09")
    assert [(d.identifier, d.relation) for d in m.documents] == [("21-CT/TW", "disseminates")]


def test_documents_outside_the_name_are_cited() -> None:
    m = extract(
        "Ngày 22/12, Cục Chính trị tổ chức Hội nghị tổng kết công tác năm 2023. Đại tá Nông "
        "Văn Lâm yêu cầu tiếp tục quán triệt Nghị quyết số 847-NQ/QUTW của Quân ủy Trung ương.",
        "Nông Văn Lâm",
    )
    assert m is not None and m.date == "2023-12-22"
    assert [(d.identifier, d.relation) for d in m.documents] == [("847-NQ/QUTW", "cites")]
    assert ("nông văn lâm", "speaker") in roles(m)


def test_mere_mentions_of_gatherings_make_no_meeting() -> None:
    text = (
        "Năm qua, đơn vị tổ chức sơ kết, tổng kết các nghị quyết của cấp trên; lãnh đạo đại "
        "hội chi bộ nhiệm kỳ 2022-2025 đúng quy định."
    )
    assert read_meetings(Document.from_text("t", text), ArticleExtraction("t")) == ()


def test_only_mentioned_persons_take_no_part() -> None:
    doc = Document.from_text(
        "t", "Ngày 3/2, Đảng ủy Sư đoàn tổ chức Hội nghị. Hội nghị do Đại tá Vi Văn Mạnh chủ trì."
    )
    p = person(doc, "Vi Văn Mạnh", mention_only=True)
    m = read_meetings(doc, ArticleExtraction("t", persons=(p,)))[0]
    assert m.participations == ()


def test_a_distant_speech_verb_is_not_tied_to_a_name() -> None:
    m = extract(
        "Ngày 4/4, Lữ đoàn 131 tổ chức Hội nghị. Theo Đại tá Châu Văn Tú, Chính ủy Lữ đoàn, "
        "năm qua đơn vị đã hoàn thành tốt nhiệm vụ, được cấp trên đánh giá cao.",
        "Châu Văn Tú",
    )
    assert roles(m) == set()


def test_the_page_clock_is_not_the_date_and_the_stamp_gives_the_year() -> None:
    m = extract(
        "Hôm nay, ngày 21 tháng 2 năm 2024\nTIN HOẠT ĐỘNG\n03.8.2023 - 10:12\n"
        "Sáng 2/8, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị báo cáo viên."
    )
    assert m is not None and m.date == "2023-08-02"
    assert m.organizer == "Ban Tuyên giáo Tỉnh ủy"


def test_publication_metadata_gives_the_year() -> None:
    m = extract(
        "Chiều 30/12, Bộ Tư lệnh Thủ đô tổ chức Hội nghị quân chính.", published="2024-01-02"
    )
    assert m is not None and m.date == "2023-12-30"


def test_organizer_named_after_the_gathering() -> None:
    m = extract(
        "Sáng 26/9, Hội nghị Ban Chấp hành Đảng bộ Quân khu 7 lần thứ 12 do Đảng ủy Quân khu 7 "
        "tổ chức đã khai mạc."
    )
    assert m is not None and m.organizer == "Đảng ủy Quân khu 7"


def test_organizer_from_the_chairs_body_when_the_text_names_none() -> None:
    m = extract(
        "Các đại biểu dự hội nghị.\nHội nghị do Trung tướng Lê Quang Minh, Chính ủy Quân khu 5 "
        "chủ trì.",
        "Lê Quang Minh",
        lê_quang_minh=(("Chính ủy", "Quân khu 5"),),
    )
    assert m is not None and m.organizer == "Quân khu 5"
    bare = extract(
        "Hội nghị do đồng chí Lò Văn Sơn, Phó Bí thư Tỉnh ủy chủ trì.",
        "Lò Văn Sơn",
        lò_văn_sơn=(("Phó Bí thư", "Tỉnh ủy"),),
    )
    assert bare is not None and bare.organizer is None


def test_find_roles_masks_role_words_inside_posts() -> None:
    doc = Document.from_text("t", "Đại tá Hà Văn Thái, Trưởng ban chỉ đạo, có mặt.")
    p = person(doc, "Hà Văn Thái", posts=())
    post = Evidence(20, 38, 0, "persons", "test")
    p = Person(
        p.key, p.name, positions=(Position("Trưởng ban chỉ đạo", None, post),), mentions=p.mentions
    )
    hits = find_roles(doc, ArticleExtraction("t", persons=(p,)))
    assert {(h.person, h.role) for h in hits} == {("hà văn thái", "participant")}
    ev = hits[0].evidence
    assert doc.text[ev.start : ev.end].startswith("Đại tá Hà Văn Thái")


def test_reception_verb_is_both_the_gathering_and_the_act() -> None:
    m = extract(
        "Chiều 6/6, tại Trụ sở Bộ Quốc phòng, Thượng tướng Hoàng Văn Đồng, Thứ trưởng Bộ Quốc "
        "phòng đã tiếp đoàn đại biểu Bộ Quốc phòng Lào.",
        "Hoàng Văn Đồng",
    )
    assert m is not None and m.kind == "tiếp"
    assert (m.date, m.location) == ("--06-06", "Trụ sở Bộ Quốc phòng")
    assert ("hoàng văn đồng", "participant") in roles(m)


def test_a_span_of_days_opens_on_the_first_and_a_lowercase_place_noun() -> None:
    m = extract(
        "Ngày 15 và 16/7, tại thành phố Hồ Chí Minh, Quân khu 7 tổ chức Hội thao quốc phòng "
        "năm 2021."
    )
    assert m is not None
    assert (m.kind, m.date, m.location, m.organizer) == (
        "hội thao",
        "2021-07-15",
        "thành phố Hồ Chí Minh",
        "Quân khu 7",
    )


def test_a_dated_lead_wins_over_a_headline() -> None:
    m = extract(
        "Bộ đội Biên phòng tỉnh tổ chức Hội nghị quân chính\n"
        "Sáng 9/1, tại Hội trường Bộ Chỉ huy, Bộ đội Biên phòng tỉnh tổ chức Hội nghị quân chính."
    )
    assert m is not None and m.evidence.sentence == 1
    assert (m.date, m.location) == ("--01-09", "Hội trường Bộ Chỉ huy")


def test_guests_after_ve_phia_and_a_list_after_su_tham_du_cua() -> None:
    m = extract(
        "Ngày 3/3, Lữ đoàn 162 tổ chức Lễ ra quân với sự tham dự của Chuẩn Đô đốc Trần Thanh "
        "Nghiêm, Tư lệnh Vùng 2. Về phía địa phương có đồng chí Cao Tiến Dũng, Bí thư Thành ủy.",
        "Trần Thanh Nghiêm",
        "Cao Tiến Dũng",
    )
    assert roles(m) == {("trần thanh nghiêm", "participant"), ("cao tiến dũng", "participant")}


def test_anniversary_of_a_document_dated_elsewhere_and_a_place_given_after_the_lead() -> None:
    m = extract(
        "Chiều 24/10, Đảng ủy Quân sự tỉnh tổ chức Hội nghị tổng kết 10 năm thực hiện Nghị quyết "
        "28-NQ/TW. Hội nghị diễn ra tại Hội trường Bộ Chỉ huy Quân sự tỉnh. Nghị quyết 28-NQ/TW "
        "ngày 25/10/2013 của Ban Chấp hành Trung ương về Chiến lược bảo vệ Tổ quốc."
    )
    assert m is not None
    assert (m.date, m.location) == ("2023-10-24", "Hội trường Bộ Chỉ huy Quân sự tỉnh")
    assert [(d.identifier, d.relation) for d in m.documents] == [("28-NQ/TW", "reviews")]


def test_chairs_and_speakers_listed_after_co() -> None:
    m = extract(
        "Sáng 4/5, Bộ Tư lệnh Cảnh sát biển tổ chức Hội nghị. Chủ trì hội nghị có Trung tướng "
        "Bùi Quốc Oai, Chính ủy. Dự và chỉ đạo hội nghị có Thượng tướng Võ Minh Lương, Thứ "
        "trưởng Bộ Quốc phòng. Phát biểu tại hội nghị có Trung tướng Bùi Quốc Oai.",
        "Bùi Quốc Oai",
        "Võ Minh Lương",
    )
    # "dự và chỉ đạo" is the formula for a senior guest's presence, not a speech
    assert roles(m) == {
        ("bùi quốc oai", "chair"),
        ("bùi quốc oai", "participant"),
        ("bùi quốc oai", "speaker"),
        ("võ minh lương", "participant"),
    }


def test_the_first_of_two_organizing_bodies_and_a_body_read_by_the_organizations_step() -> None:
    m = extract("Sáng 7/4, Bộ CHQS tỉnh phối hợp với Sở Y tế tổ chức Hội nghị quân dân y.")
    assert m is not None and m.organizer in ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh")
    text = "Sáng 7/4, Cục Dân quân tự vệ phối hợp với Sở Y tế tổ chức Hội nghị quân dân y."
    doc = Document.from_text("t", text)
    start = text.index("Cục")
    body = Organization("Cục Dân quân tự vệ", evidence=(Evidence(start, start + 18, 0, "o", "t"),))
    (m,) = read_meetings(doc, ArticleExtraction("t", organizations=(body,)))
    assert m.organizer == "Cục Dân quân tự vệ"


def test_chair_after_la_and_a_committee_name_is_not_a_kind() -> None:
    m = extract(
        "Sáng 3/4, Đảng ủy Quân sự tỉnh tổ chức Hội nghị Ủy ban Kiểm tra lần thứ 5. Chủ trì hội "
        "nghị là Đại tá Lê Văn Hoàng, Phó Bí thư Đảng ủy.",
        "Lê Văn Hoàng",
    )
    assert m is not None and m.kind == "hội nghị"
    assert roles(m) == {("lê văn hoàng", "chair"), ("lê văn hoàng", "participant")}


def test_a_list_of_documents_in_the_name_is_all_reviewed() -> None:
    m = extract(
        "Sáng 4/4, Tỉnh ủy tổ chức Hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW, Kết luận "
        "số 01-KL/TW của Bộ Chính trị, Quân khu 7 cử đại diện dự."
    )
    assert m is not None and m.label.endswith("Kết luận số 01-KL/TW của Bộ Chính trị")
    assert [(d.identifier, d.relation) for d in m.documents] == [
        ("05-CT/TW", "reviews"),
        ("01-KL/TW", "reviews"),
    ]


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        (
            "Ngày 5.6, tại quân cảng Vùng 3 Hải quân (TP Đà Nẵng), Nhà máy Z tổ chức lễ bàn giao.",
            "quân cảng Vùng 3 Hải quân",
        ),
        (
            "Sáng 2/8, Bộ Y tế tổ chức hội nghị trực tuyến từ điểm cầu tại Hà Nội tới 40 điểm "
            "cầu các tỉnh.",
            "Hà Nội",
        ),
        ("Sáng 2/8, tại sân bay, Sư đoàn 370 tổ chức lễ xuất quân.", None),
    ],
)
def test_a_place_as_written_cut_at_where_the_clause_goes_on(lead: str, place: str | None) -> None:
    m = extract(lead)
    assert m is not None and m.location == place


def test_the_ends_of_an_anniversary_span_are_not_the_day() -> None:
    m = extract(
        "Quân khu 7 tổ chức lễ kỷ niệm 49 năm Ngày giải phóng miền Nam (30/4/1975 - 30/4/2024) "
        "vào sáng 29/4 tại Hội trường Quân khu."
    )
    assert m is not None and m.date == "2024-04-29"


def test_a_working_visit_led_by_a_delegation_of_a_command() -> None:
    m = extract(
        "Ngày 9/10, Đoàn công tác Bộ Tư lệnh Quân khu 5 do Thiếu tướng Lê Văn Tám, Phó Tư lệnh "
        "Quân khu làm trưởng đoàn đã kiểm tra công tác dân quân tại Bộ CHQS tỉnh Quảng Nam.",
        "Lê Văn Tám",
        lê_văn_tám=(("Phó Tư lệnh", "Quân khu 5"),),
    )
    assert m is not None and (m.kind, m.organizer) == ("kiểm tra", "Bộ Tư lệnh Quân khu 5")
    assert m.location == "Bộ CHQS tỉnh Quảng Nam"


def test_a_standing_committee_working_with_a_unit_organizes_the_session() -> None:
    m = extract(
        "Sáng 12/5, Thường trực Huyện ủy làm việc với Ban CHQS huyện về công tác tuyển quân."
    )
    assert m is not None and (m.kind, m.organizer) == ("làm việc", "Thường trực Huyện ủy")


def test_a_subject_that_is_no_body_does_not_organize_a_visit() -> None:
    m = extract("Ngày 4/3, thành phố lập đoàn kiểm tra an toàn thực phẩm tại các chợ.")
    assert m is not None and m.kind == "kiểm tra" and m.organizer is None


def test_organizer_from_posts_skips_memberships_and_issuers() -> None:
    m = extract(
        "Hội nghị do Thượng tướng Đỗ Văn Hùng, Ủy viên Trung ương Đảng, Tư lệnh Quân chủng "
        "Phòng không - Không quân chủ trì. Hội nghị quán triệt Nghị quyết số 12-NQ/QUTW của "
        "Quân ủy Trung ương.",
        "Đỗ Văn Hùng",
        đỗ_văn_hùng=(
            ("Ủy viên", "Trung ương Đảng"),
            ("Bí thư", "Quân ủy Trung ương"),
            ("Tư lệnh", "Quân chủng Phòng không - Không quân"),
        ),
    )
    assert m is not None and m.organizer == "Quân chủng Phòng không - Không quân"


def test_organizer_from_posts_prefers_the_office_named_last_on_a_tie() -> None:
    m = extract(
        "Sáng 3/4, hội nghị do Phó Đô đốc Trần Văn Lâm, Phó Bí thư Đảng ủy Quân chủng, Tư lệnh "
        "Quân chủng Hải quân chủ trì.",
        "Trần Văn Lâm",
        trần_văn_lâm=(
            ("Phó Bí thư", "Đảng ủy Quân chủng Hải quân"),
            ("Tư lệnh", "Quân chủng Hải quân"),
        ),
    )
    assert m is not None and m.organizer == "Quân chủng Hải quân"


def test_a_decision_announced_at_the_ceremony_is_disseminated_and_dates_it() -> None:
    m = extract(
        "Chiều 2-5, Bộ Tư lệnh Vùng 4 Hải quân tổ chức hội nghị công bố quyết định về công tác "
        "cán bộ. Tại hội nghị, đại diện Cục Chính trị đã công bố Quyết định số 1234/QĐ-BQP "
        "ngày 20-4-2025 của Bộ trưởng Bộ Quốc phòng bổ nhiệm Đại tá Phan Văn Bảy."
    )
    assert m is not None and m.date == "2025-05-02" and m.organizer == "Bộ Tư lệnh Vùng 4 Hải quân"
    assert [(d.identifier, d.relation) for d in m.documents] == [("1234/QĐ-BQP", "disseminates")]


def test_results_of_years_of_a_resolution_are_reviewed() -> None:
    m = extract(
        "Ngày 6/6, Ban Thường vụ Huyện ủy làm việc với Đảng ủy Quân sự huyện về kết quả 5 năm "
        "thực hiện Nghị quyết số 07-NQ/HU ngày 2/6/2019 của Ban Thường vụ Huyện ủy."
    )
    assert m is not None and m.date == "2024-06-06"
    assert [(d.identifier, d.relation) for d in m.documents] == [("07-NQ/HU", "reviews")]


def test_co_chairs_joined_by_va_with_their_ranks_and_titles() -> None:
    m = extract(
        "Sáng 8/8, hai bộ tổ chức hội nghị. Thứ trưởng Bộ Nội vụ Trần Thị Hoa và Trung tướng "
        "Vũ Văn Nam, Phó Chủ nhiệm Tổng cục Chính trị đồng chủ trì hội nghị.\n"
        "Các đồng chí Trần Thị Hoa, Vũ Văn Nam và Lê Minh Khoa đồng chủ trì hội nghị.",
        "Trần Thị Hoa",
        "Vũ Văn Nam",
        "Lê Minh Khoa",
    )
    assert {p for p, r in roles(m) if r == "chair"} == {
        "trần thị hoa",
        "vũ văn nam",
        "lê minh khoa",
    }


def test_handing_over_talking_with_a_crew_and_receiving_are_no_speech() -> None:
    m = extract(
        "Ngày 3/9, Lữ đoàn 125 tổ chức lễ bàn giao tàu. Ngay sau khi công bố quyết định, Đại tá "
        "Hồ Văn Tư đã bàn giao nhiệm vụ cho Đại tá Lý Văn Năm. Đại tá Hồ Văn Tư trao đổi với "
        "kíp tàu sau buổi lễ. Đại tá Lý Văn Năm nhận Bằng khen. Đại tá Lý Văn Năm hứa hoàn "
        "thành tốt nhiệm vụ. Thượng tá Đinh Văn Sáu trình bày tham luận về huấn luyện.",
        "Hồ Văn Tư",
        "Lý Văn Năm",
        "Đinh Văn Sáu",
    )
    assert roles(m) == {
        ("hồ văn tư", "participant"),
        ("lý văn năm", "participant"),
        ("lý văn năm", "speaker"),
        ("đinh văn sáu", "participant"),
        ("đinh văn sáu", "speaker"),
    }


# --- the seeds against the gold annotation -------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD_PATH = ROOT / "tests" / "data" / "seeds.gold.json"
_EDGE = "\"'“”‘’«»()[]{}.,;:!?…"
# Every measure of this part of the pipeline (see ../shared/eval/README.md).
MEASURES = (
    "participants",
    "chairs",
    "speakers",
    "meeting_date",
    "meeting_location",
    "meeting_organizer",
    "documents",
    "document_type",
    "document_date",
    "document_issuer",
    "meeting_documents",
    "authors",
)


def _gold() -> dict[str, Any]:
    assert SEEDS, "seeds/ is part of the project"
    return dict(json.loads(GOLD_PATH.read_text(encoding="utf-8"))["articles"])


def _norm(value: object) -> str | None:
    """score.py's comparison key: folded, without surrounding quotes and punctuation."""
    if value is None:
        return None
    return fold(str(value)).strip(_EDGE).strip() or None


def _doc_id(value: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"^số\s*", "", _norm(value) or ""))


def _alts(value: object) -> list[object]:
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def _f1(gold: list[set[object]], predicted: set[object]) -> float:
    accepted = set().union(*gold) if gold else set()
    tp = sum(1 for g in gold if g & predicted)
    fp = len(predicted - accepted)
    fn = len(gold) - tp
    return 1.0 if not (tp or fp or fn) else 2 * tp / (2 * tp + fp + fn)


def seed_scores(results: dict[str, ArticleExtraction], gold: dict[str, Any]) -> dict[str, float]:
    """F1 of each measure of :data:`MEASURES` over the seeds, as score.py counts it."""
    g: dict[str, list[set[object]]] = {m: [] for m in MEASURES}
    p: dict[str, set[object]] = {m: set() for m in MEASURES}
    docs: dict[str, dict[str, Any]] = {}
    for a, art in gold.items():
        for m in art["meetings"]:
            for key, measure in (
                ("participants", "participants"),
                ("chairs", "chairs"),
                ("speakers", "speakers"),
            ):
                g[measure] += [{(a, _norm(n))} for n in m[key]]
            for field in ("date", "location", "organizer"):
                if _alts(m.get(field)):
                    g[f"meeting_{field}"].append({(a, _norm(v)) for v in _alts(m[field])})
            for rel in ("reviews", "disseminates", "cites"):
                g["meeting_documents"] += [{(a, _doc_id(d), rel)} for d in m.get(rel, [])]
        g["authors"] += [{(a, _norm(n))} for n in art["authors"]]
        for d in art["documents"]:
            docs.setdefault(_doc_id(d["id"]), d)
    g["documents"] = [{k} for k in docs]
    for field in ("type", "date", "issuer"):
        g[f"document_{field}"] = [
            {(k, _norm(v)) for v in _alts(d.get(field))}
            for k, d in docs.items()
            if _alts(d.get(field))
        ]
    wanted = {"participants": None, "chairs": "chair", "speakers": "speaker"}
    for a, ex in results.items():
        for m in ex.meetings:
            for part in m.participations:
                person = ex.person(part.person)
                name = _norm(person.name if person else part.person)
                for measure, role in wanted.items():
                    if role in (None, part.role):
                        p[measure].add((a, name))
            for field in ("date", "location", "organizer"):
                if getattr(m, field):
                    p[f"meeting_{field}"].add((a, _norm(getattr(m, field))))
            p["meeting_documents"] |= {(a, _doc_id(d.identifier), d.relation) for d in m.documents}
        p["authors"] |= {(a, _norm(au.name)) for au in ex.authors}
        for d in ex.documents:
            p["documents"].add(_doc_id(d.identifier))
            for field in ("type", "date", "issuer"):
                if getattr(d, field):
                    p[f"document_{field}"].add((_doc_id(d.identifier), _norm(getattr(d, field))))
    return {m: _f1(g[m], p[m]) for m in MEASURES}


def _gold_persons(doc: Document, art: dict[str, Any]) -> tuple[Person, ...]:
    """The gold persons, named where the text names them (a stand-in for the persons component)."""
    out = []
    for gp in art["persons"]:
        found = person(doc, gp["name"], mention_only=bool(gp.get("mention_only")))
        posts = [
            (t, _alts(pos.get("org"))[0] if pos.get("org") else None)
            for pos in gp["positions"]
            for t in _alts(pos["title"])[:1]
        ]
        anaphora = [
            Evidence(m.start(), m.end(), doc.sentence_index(m.start()), "persons", "test")
            for t, _ in posts
            for m in re.finditer(rf"đồng chí {re.escape(str(t))}", doc.text)
        ]
        positions = tuple(
            Position(str(t), o, Evidence(0, 0, 0, "persons", "test")) for t, o in posts
        )
        out.append(
            dataclasses.replace(
                found, positions=positions, mentions=found.mentions + tuple(anaphora)
            )
        )
    return tuple(out)


def test_seeds_with_hand_built_persons_meet_the_bar() -> None:
    gold = _gold()
    results = {}
    for path in SEEDS:
        doc = Document.from_text(path.stem, path.read_text(encoding="utf-8"))
        ex = ArticleExtraction(doc.id, persons=_gold_persons(doc, gold[doc.id]))
        for name in ("documents", "meetings", "bylines", "awards", "campaigns"):
            ex = get_component(name)(doc, ex)
        results[doc.id] = ex
    scores = seed_scores(results, gold)
    # organizers need the organizations component's expansion of abbreviations
    assert {m: f for m, f in scores.items() if f < 0.97 and m != "meeting_organizer"} == {}
    assert scores["meeting_organizer"] >= 0.75


def test_seeds_through_the_full_pipeline_meet_the_bar() -> None:
    gold = _gold()
    pipeline = Pipeline()
    results = {
        path.stem: pipeline(Document.from_text(path.stem, path.read_text(encoding="utf-8")))
        for path in SEEDS
    }
    scores = seed_scores(results, gold)
    assert {m: f for m, f in scores.items() if f < 0.97} == {}


def test_a_council_session_opened_by_its_body_and_reviewing_a_resolution() -> None:
    text = (
        "Sáng 4/7, HĐND tỉnh Bình Định khóa XII, nhiệm kỳ 2021 – 2026 khai mạc Kỳ họp thứ 15. "
        "Ông Trần Văn Hòa, Chủ tịch HĐND tỉnh chủ trì kỳ họp. Dự khai mạc có các đồng chí: "
        "Lê Minh Tâm, Bí thư Tỉnh ủy; Võ Thị Lan, Phó Chủ tịch UBND tỉnh. Kỳ họp cũng đánh giá "
        "kết quả 2 năm thực hiện Nghị quyết số 12/2022/NQ-HĐND ngày 15/7/2022 của HĐND tỉnh "
        "về hỗ trợ học phí."
    )
    m = Pipeline()(Document.from_text("t", text)).meetings[0]
    assert (m.kind, m.organizer) == ("kỳ họp", "Hội đồng nhân dân tỉnh Bình Định")
    # attending the opening is no speech
    assert {(p.person, p.role) for p in m.participations} == {
        ("trần văn hòa", "chair"),
        ("trần văn hòa", "participant"),
        ("lê minh tâm", "participant"),
        ("võ thị lan", "participant"),
    }
    assert [(d.identifier, d.relation) for d in m.documents] == [("12/2022/NQ-HĐND", "reviews")]


@pytest.mark.parametrize(
    ("clause", "relation"),
    [
        ("đồng thời triển khai thực hiện Kế hoạch số 88/KH-BCH", "disseminates"),
        ("tiếp tục triển khai thực hiện Kế hoạch số 88/KH-BCH", "cites"),
    ],
)
def test_a_directive_at_the_gathering_launching_a_plan_disseminates_it(
    clause: str, relation: str
) -> None:
    m = extract(
        "Sáng 9/1, Bộ Chỉ huy Quân sự tỉnh tổ chức Hội nghị quân chính. Kết luận hội nghị, "
        f"Đại tá Phạm Văn Nam yêu cầu các cơ quan quán triệt nhiệm vụ năm 2024; {clause} "
        "ngày 20/12/2023 của Bộ Chỉ huy.",
        "Phạm Văn Nam",
    )
    assert m is not None
    assert [(d.identifier, d.relation) for d in m.documents] == [("88/KH-BCH", relation)]


def test_results_reported_at_the_gathering_only_cite_a_document() -> None:
    m = extract(
        "Sáng 9/1, Bộ Chỉ huy Quân sự tỉnh tổ chức Hội nghị quân chính. Báo cáo cho thấy, năm "
        "qua đơn vị đã giải quyết hồ sơ đề nghị hưởng chế độ; triển khai Nghị định số "
        "27/2016/NĐ-CP của Chính phủ."
    )
    assert m is not None
    assert [(d.identifier, d.relation) for d in m.documents] == [("27/2016/NĐ-CP", "cites")]


def test_theo_bao_cao_cua_names_the_reporter_and_a_bare_theo_bao_cao_no_one() -> None:
    m = extract(
        "Ngày 14/6, Ban Chỉ huy Quân sự huyện tổ chức hội nghị rút kinh nghiệm diễn tập. "
        "Theo báo cáo của Trung tá Lý Văn Hùng, lực lượng dân quân hoàn thành tốt nhiệm vụ. "
        "Theo báo cáo, Thiếu tá Đào Minh Khoa đã chuẩn bị chu đáo.",
        "Lý Văn Hùng",
        "Đào Minh Khoa",
    )
    assert roles(m) == {("lý văn hùng", "speaker"), ("lý văn hùng", "participant")}


def test_a_role_word_running_past_a_post_read_too_long_still_counts() -> None:
    text = (
        "Sáng 3/5, Bộ Chỉ huy tổ chức hội nghị giao ban. Thiếu tá Hồ Văn Dũng, Đồn trưởng Đồn "
        "Biên phòng Cửa khẩu Cầu Treo báo cáo kết quả tuần tra."
    )
    doc = Document.from_text("t", text)
    post_end = text.index("báo cáo") + len("báo")  # the post swallowed half the verb
    post = Position(
        "Đồn trưởng",
        "Đồn Biên phòng Cửa khẩu Cầu Treo báo",
        Evidence(text.index("Đồn trưởng"), post_end, 1, "persons", "test"),
    )
    found = dataclasses.replace(person(doc, "Hồ Văn Dũng"), positions=(post,))
    m = read_meetings(doc, ArticleExtraction("t", persons=(found,)))[0]
    assert roles(m) == {("hồ văn dũng", "speaker"), ("hồ văn dũng", "participant")}


def test_a_gathering_yet_to_come_is_not_the_one_reported() -> None:
    m = extract(
        "Sáng 28/3, Ban Thường vụ Tỉnh ủy cho ý kiến về công tác chuẩn bị Đại hội đại biểu "
        "Đảng bộ tỉnh lần thứ XX. Hội nghị diễn ra tại Hội trường Tỉnh ủy."
    )
    assert m is not None and (m.kind, m.date) == ("hội nghị", "--03-28")


def test_a_speech_opening_the_gathering_is_no_organizer() -> None:
    m = extract(
        "Phát biểu khai mạc Hội nghị quân chính sáng 5/1, Đại tá Lương Văn Tư nêu rõ yêu cầu.",
        "Lương Văn Tư",
    )
    assert m is not None and m.organizer is None


def test_persons_at_a_bridge_point_of_an_online_gathering_attend_it() -> None:
    m = extract(
        "Sáng 20/5, Tổng cục Hậu cần tổ chức hội nghị trực tuyến sơ kết công tác hậu cần. "
        "Tại điểm cầu Quân khu 3 có Thiếu tướng Nông Văn Bắc, Phó Tư lệnh Quân khu.",
        "Nông Văn Bắc",
    )
    assert roles(m) == {("nông văn bắc", "participant")}


def test_a_briefing_is_a_speech_and_the_gathering_hears_it() -> None:
    m = extract(
        "Sáng 14/3, Ban Dân vận Huyện ủy tổ chức hội nghị giao ban công tác dân vận quý I. "
        "Hội nghị đã nghe Trung tá Vi Văn Khải – Chính trị viên Ban Chỉ huy Quân sự huyện "
        "thông tin về tình hình an ninh biên giới; bà Hà Thị Yến, Phó Trưởng phòng Lao động "
        "huyện thông tin kết quả giải quyết việc làm.",
        "Vi Văn Khải",
        "Hà Thị Yến",
    )
    assert roles(m) == {
        ("vi văn khải", "participant"),
        ("vi văn khải", "speaker"),
        ("hà thị yến", "participant"),
        ("hà thị yến", "speaker"),
    }


def test_information_as_a_noun_makes_no_speaker() -> None:
    m = extract(
        "Ngày 9/8, Sở Khoa học tổ chức hội thảo ứng dụng bản đồ số. Theo thông tin từ ban tổ "
        "chức, ông Lù Văn Páo, Giám đốc Trung tâm tích hợp dữ liệu dự hội thảo. Bà Đinh Thu "
        "Trang, tác giả đề tài tra cứu thông tin trên điện thoại, cũng có mặt.",
        "Lù Văn Páo",
        "Đinh Thu Trang",
    )
    assert ("lù văn páo", "speaker") not in roles(m)
    assert ("đinh thu trang", "speaker") not in roles(m)
    assert ("lù văn páo", "participant") in roles(m)


def test_a_briefing_verb_swallowed_by_a_post_still_counts() -> None:
    text = (
        "Chiều 2/4, Ủy ban nhân dân huyện tổ chức hội nghị trực ban. Ông Lò Văn Chiến, "
        "Trưởng phòng Tài chính - Kế hoạch thông tin tình hình thu ngân sách."
    )
    doc = Document.from_text("t", text)
    post_end = text.index("thông tin") + len("thông tin")  # the post ran into the verb
    post = Position(
        "Trưởng phòng",
        "Phòng Tài chính - Kế hoạch thông tin",
        Evidence(text.index("Trưởng phòng"), post_end, 1, "persons", "test"),
    )
    found = dataclasses.replace(person(doc, "Lò Văn Chiến"), positions=(post,))
    m = read_meetings(doc, ArticleExtraction("t", persons=(found,)))[0]
    assert roles(m) == {("lò văn chiến", "speaker"), ("lò văn chiến", "participant")}


def test_a_bracket_after_a_name_says_who_the_speaker_is() -> None:
    m = extract(
        "Chiều 11/11, Trường Cao đẳng Y tế tổ chức buổi đối thoại với học sinh. Học sinh "
        "Nông Thị Huệ (lớp điều dưỡng 3B) kiến nghị bố trí thêm giờ thực hành.",
        "Nông Thị Huệ",
    )
    assert roles(m) == {("nông thị huệ", "participant"), ("nông thị huệ", "speaker")}


def test_a_subject_with_its_own_role_word_is_not_listed_with_the_next() -> None:
    m = extract(
        "Ngày 6/6, Lữ đoàn 279 tổ chức hội nghị quân chính. Đại tá Mai Văn Hòa, Phó Chính ủy "
        "Quân đoàn dự và chỉ đạo hội nghị; Thượng tá Đoàn Minh Sơn, Lữ đoàn trưởng chủ trì hội "
        "nghị.",
        "Mai Văn Hòa",
        "Đoàn Minh Sơn",
    )
    assert ("mai văn hòa", "chair") not in roles(m)
    assert ("đoàn minh sơn", "chair") in roles(m)
    assert ("mai văn hòa", "participant") in roles(m)


def test_an_online_gathering_takes_place_at_its_main_bridge_point() -> None:
    m = extract(
        "Sáng 7/9, Cục Dân quân tự vệ tổ chức hội nghị trực tuyến tập huấn công tác dân quân. "
        "Hội nghị được kết nối từ điểm cầu chính tại Bộ Tổng Tham mưu tới 9 điểm cầu quân khu."
    )
    assert m is not None and m.location == "Bộ Tổng Tham mưu"


def test_a_place_noun_is_named_by_its_owner() -> None:
    m = extract(
        "Sáng 18-4, tại trường bắn của Lữ đoàn 164, Bộ Tư lệnh Vùng 4 tổ chức khai mạc Hội thao "
        "bắn súng quân dụng năm 2024."
    )
    assert m is not None and m.location == "trường bắn của Lữ đoàn 164"


def test_a_gathering_word_in_a_building_name_is_the_venue() -> None:
    m = extract(
        "Ngày 15/1, tại Cung Hội nghị tỉnh, Hội Nông dân (HND) tỉnh Quảng Bình tổ chức Hội nghị "
        "tổng kết công tác Hội năm 2023."
    )
    assert m is not None
    assert (m.kind, m.location) == ("tổng kết", "Cung Hội nghị tỉnh")
    assert m.label.startswith("Hội nghị tổng kết công tác Hội")
    assert m.organizer == "Hội Nông dân tỉnh Quảng Bình"


def test_the_publisher_tag_of_a_lead_is_no_part_of_the_organizer() -> None:
    m = extract(
        "QK7 - Phòng Chính trị Sư đoàn 5 vừa tổ chức Hội nghị tập huấn công tác đảng, công tác "
        "chính trị năm 2024."
    )
    assert m is not None and m.organizer == "Phòng Chính trị Sư đoàn 5"


def test_a_dual_named_unit_is_named_by_its_first_name() -> None:
    m = extract(
        "Chiều 27/12, Đảng ủy, Bộ Tư lệnh Binh đoàn 15 - Tổng công ty 15 tổ chức Hội nghị tổng "
        "kết công tác năm 2023."
    )
    assert m is not None and m.organizer == "Bộ Tư lệnh Binh đoàn 15"


def test_what_is_done_at_the_gathering_with_a_document() -> None:
    m = extract(
        "Ngày 4/10, Phòng Hậu cần Lữ đoàn 26 tổ chức lớp tập huấn nghiệp vụ quân nhu. Tại lớp "
        "tập huấn, các học viên được phổ biến Hướng dẫn số 88/HD-HC ngày 2/9/2024 của Cục Hậu "
        "cần Quân khu về bảo đảm quân trang. Tại lớp tập huấn, báo cáo cho thấy năm qua đơn vị "
        "đã triển khai Thông tư số 41/2023/TT-BQP đúng quy định."
    )
    assert m is not None
    assert {(d.identifier, d.relation) for d in m.documents} == {
        ("88/HD-HC", "disseminates"),
        ("41/2023/TT-BQP", "cites"),
    }


def test_a_gathering_that_guides_how_to_apply_a_document_disseminates_it() -> None:
    m = extract(
        "Sáng 3/7, Sở Tư pháp tổ chức hội nghị hướng dẫn thực hiện Thông tư số 05/2024/TT-BTP "
        "cho cán bộ tư pháp cấp xã."
    )
    assert m is not None
    assert [(d.identifier, d.relation) for d in m.documents] == [("05/2024/TT-BTP", "disseminates")]
