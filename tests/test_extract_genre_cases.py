"""Cases of the genre found in a fresh blind set, through the whole pipeline: each is a
rule for many publishers (years, organizers, bylines, commune names, document dates)."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.model import ArticleExtraction
from kg.pipeline import Pipeline


def run(text: str, title: str | None = None) -> ArticleExtraction:
    return Pipeline()(Document.from_text("x", text, title=title))


def meeting_date(text: str, title: str | None = None) -> str | None:
    meetings = run(text, title).meetings
    assert meetings, text
    return meetings[0].date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # a check of the results of the first four months of 2025, held on 14/5
        (
            "Ngày 14/5, Đoàn công tác Bộ Tư lệnh Quân khu 4 đã kiểm tra kết quả thực hiện "
            "nhiệm vụ 4 tháng đầu năm 2025 tại Bộ CHQS tỉnh Nghệ An.",
            "2025-05-14",
        ),
        # the headline names the year the lead leaves out
        (
            "Vùng 4 Hải quân sơ kết công tác 6 tháng đầu năm 2025\n\nSáng 8/7, tại Cam Ranh, "
            "Bộ Tư lệnh Vùng 4 Hải quân tổ chức hội nghị sơ kết 6 tháng đầu năm.",
            "2025-07-08",
        ),
        # the anniversary is in the sentence after the one that reports the gathering
        (
            "Chiều 26-7, tại xã Lưu Kiếm, Lữ đoàn 147, Vùng 1 Hải quân tổ chức lễ bàn giao "
            "nhà đồng đội. Hoạt động nhằm kỷ niệm 77 năm Ngày Thương binh - Liệt sĩ "
            "(27/7/1947 - 27/7/2024).",
            "2024-07-26",
        ),
        # a headline ending with a document: the lead's date is the meeting's, not its
        (
            "Huyện ủy X sơ kết 3 năm thực hiện Kết luận số 01-KL/TW\n\nNgày 22/5/2024, Ban "
            "Thường vụ Huyện ủy X tổ chức hội nghị sơ kết 3 năm thực hiện Kết luận số "
            "01-KL/TW ngày 18/5/2021 của Bộ Chính trị.",
            "2024-05-22",
        ),
    ],
)
def test_the_year_the_text_makes_certain(text: str, iso: str) -> None:
    assert meeting_date(text) == iso


def test_a_headline_with_a_year_of_its_own_is_no_guess_without_a_review() -> None:
    text = "Tin hoạt động\n\nSáng 8/7, Sư đoàn 5 tổ chức hội nghị quân chính."
    assert meeting_date(text) == "--07-08"


def test_a_document_at_the_end_of_a_headline_takes_no_date_from_the_lead() -> None:
    text = (
        "Huyện ủy X sơ kết Kết luận số 01-KL/TW\n\nNgày 22/5/2024, Huyện ủy X tổ chức hội "
        "nghị sơ kết Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị."
    )
    (document,) = run(text).documents
    assert document.date == "2021-05-18"


@pytest.mark.parametrize(
    ("lead", "organizer"),
    [
        ("Chiều 26-7, tại xã A, Lữ đoàn 147, Vùng 1 Hải quân tổ chức lễ bàn giao.", "Lữ đoàn 147"),
        (
            "Ngày 5/1, tại Trung đoàn 921, Sư đoàn 371, Quân chủng Hải quân tổ chức Lễ ra quân.",
            "Quân chủng Hải quân",
        ),
        (
            "Sáng 8/7, Đảng ủy, Bộ Tư lệnh Vùng 4 Hải quân tổ chức hội nghị sơ kết.",
            "Bộ Tư lệnh Vùng 4 Hải quân",
        ),
        # the partners after "phối hợp với" run over a comma
        (
            "Chiều 15/8, Bộ Tư lệnh Vùng Cảnh sát biển 2 phối hợp với Huyện ủy, UBND huyện "
            "Bình Sơn tổ chức hội nghị tuyên truyền pháp luật.",
            "Bộ Tư lệnh Vùng Cảnh sát biển 2",
        ),
        # an abbreviation defined inside the delegation's body
        (
            "Ngày 14/5, Đoàn công tác Bộ Tư lệnh (BTL) Quân khu 4 do Thiếu tướng Phạm Quốc "
            "Thịnh làm trưởng đoàn đã kiểm tra công tác sẵn sàng chiến đấu tại Bộ CHQS tỉnh.",
            "Bộ Tư lệnh Quân khu 4",
        ),
        # "và" inside a ministry's name
        (
            "Bộ Tài nguyên và Môi trường làm việc với tỉnh Cà Mau\n\nSáng 12-4, Đoàn công tác "
            "Bộ Tài nguyên và Môi trường (TN&MT) do Thứ trưởng Trương Quang Hiếu dẫn đầu đã "
            "làm việc với UBND tỉnh Cà Mau.",
            "Bộ Tài nguyên và Môi trường",
        ),
    ],
)
def test_who_holds_the_gathering(lead: str, organizer: str) -> None:
    assert run(lead).meetings[0].organizer == organizer


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("NGUYỄN HÀ (Báo Quân khu 4)", "Nguyễn Hà"),
        ("Quàng Hương (Trung tâm VH-TT&TT huyện Điện Biên Đông)", "Quàng Hương"),
        ("Lê Hà (Bộ CHQS tỉnh Thanh Hóa)", "Lê Hà"),
    ],
)
def test_a_byline_with_the_writers_unit_in_brackets(byline: str, author: str) -> None:
    text = f"Sáng 8/7, Sư đoàn 5 tổ chức hội nghị. Đại tá Trần Văn Nam chủ trì.\n\n{byline}"
    extraction = run(text)
    assert [a.name for a in extraction.authors] == [author]
    assert [p.name for p in extraction.persons] == ["Trần Văn Nam"]  # the writer is no person


@pytest.mark.parametrize(
    ("post", "holder", "body"),
    [
        ("bà Đỗ Thị Nhàn, Chủ tịch UBND xã Lưu Kiếm", "Đỗ Thị Nhàn", "Ủy ban nhân dân xã Lưu Kiếm"),
        ("Phó Chủ tịch UBND tỉnh Nguyễn Văn Sơn", "Nguyễn Văn Sơn", "Ủy ban nhân dân tỉnh"),
        ("Chủ tịch UBND huyện Trần Văn Ba", "Trần Văn Ba", "Ủy ban nhân dân huyện"),
    ],
)
def test_a_commune_named_by_a_surname_is_a_place(post: str, holder: str, body: str) -> None:
    (person,) = run(f"Dự hội nghị có {post}.").persons
    assert (person.name, person.positions[0].organization) == (holder, body)


def positions(text: str) -> dict[str, list[tuple[str, str | None]]]:
    return {p.name: [(q.title, q.organization) for q in p.positions] for p in run(text).persons}


def test_a_pair_of_holders_shares_the_body_named_once_at_its_end() -> None:
    got = positions(
        "Tiếp đoàn có Đại tá Lương Minh Tuấn, Chỉ huy trưởng và Đại tá Thái Văn Cường, "
        "Chính ủy Bộ CHQS tỉnh Nghệ An."
    )
    body = "Bộ Chỉ huy Quân sự tỉnh Nghệ An"
    assert got == {
        "Lương Minh Tuấn": [("Chỉ huy trưởng", body)],
        "Thái Văn Cường": [("Chính ủy", body)],
    }


def test_the_school_named_with_its_second_name_in_brackets_is_nha_truong() -> None:
    got = positions(
        "Trường Sĩ quan Lục quân 2 (Trường Đại học Nguyễn Huệ) tổ chức hội thảo. "
        "Trung tướng Phùng Bá Lãm, Hiệu trưởng Nhà trường chủ trì."
    )
    assert got["Phùng Bá Lãm"] == [("Hiệu trưởng", "Trường Sĩ quan Lục quân 2")]


def test_a_deputy_minister_belongs_to_the_one_ministry_named() -> None:
    got = positions(
        "Sáng 12/4, Bộ Tài nguyên và Môi trường làm việc với tỉnh Cà Mau. "
        "Thứ trưởng Trương Quang Hiếu chủ trì."
    )
    assert got["Trương Quang Hiếu"] == [("Thứ trưởng", "Bộ Tài nguyên và Môi trường")]


def test_a_post_named_again_with_less_of_its_body_is_the_same_post() -> None:
    got = positions(
        "Phó Chủ tịch UBND tỉnh Cà Mau Huỳnh Chí Nguyện dự. "
        "Phó Chủ tịch UBND tỉnh Huỳnh Chí Nguyện phát biểu."
    )
    assert got["Huỳnh Chí Nguyện"] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Cà Mau")]


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        (
            "Phát biểu, đồng chí Đặng Quang Huy đã triển khai Kế hoạch số 120/KH-BCH.",
            "disseminates",
        ),
        ("Đại tá Phạm Văn An, Phó Tư lệnh giới thiệu Chương trình số 1120-CTr/ĐU.", "disseminates"),
        # what a participant reports others did is no act at the gathering
        ("Đại tá Phạm Văn An cho biết: đơn vị đã triển khai Kế hoạch số 120/KH-BCH.", "cites"),
    ],
)
def test_a_participants_act_on_a_document_at_the_gathering(sentence: str, relation: str) -> None:
    text = (
        "Sáng 8/7, Tỉnh đoàn tổ chức lễ ra quân. Đồng chí Đặng Quang Huy, Đại tá Phạm Văn An "
        f"dự lễ. {sentence}"
    )
    (meeting,) = run(text).meetings
    assert [d.relation for d in meeting.documents] == [relation]


@pytest.mark.parametrize(
    ("follow", "place"),
    [
        ("Hội nghị được tổ chức tại điểm cầu chính Bộ Y tế (Hà Nội).", "điểm cầu chính Bộ Y tế"),
        (
            "Hội nghị được kết nối từ điểm cầu Trung tâm tại Hội trường Tỉnh ủy đến 15 điểm cầu.",
            "Hội trường Tỉnh ủy",
        ),
        ("Tại điểm cầu Bộ CHQS tỉnh Quảng Nam có Đại tá Trần Văn An dự.", None),
    ],
)
def test_an_online_gathering_is_held_at_its_main_bridge_point(
    follow: str, place: str | None
) -> None:
    text = f"Chiều 5/11, Bộ Y tế tổ chức hội nghị sơ kết trực tuyến. {follow}"
    assert run(text).meetings[0].location == place


def test_a_unit_named_with_and_without_its_arm_is_one_unit() -> None:
    got = positions(
        "Sư đoàn 375 sơ kết nghị quyết\n\nSư đoàn Phòng không 375 (Quân chủng PK-KQ) tổ "
        "chức hội nghị. Đại tá Hoàng Minh Chiến, Bí thư Đảng ủy, Chính ủy Sư đoàn chủ trì."
    )
    assert got["Hoàng Minh Chiến"] == [
        ("Bí thư Đảng ủy", "Sư đoàn 375"),
        ("Chính ủy", "Sư đoàn 375"),
    ]


@pytest.mark.parametrize(
    ("sentence", "holder", "posts"),
    [
        (
            "Dự có Đại tá Trương Đình Khôi, Chỉ huy trưởng Bộ Chỉ huy Quân sự (CHQS) tỉnh Kon Tum.",
            "Trương Đình Khôi",
            [("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Kon Tum")],
        ),
        (
            "Dự có ông Trần Văn Khiêm, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Giao Thủy.",
            "Trần Văn Khiêm",
            [("Phó Bí thư", "Huyện ủy Giao Thủy"), ("Chủ tịch", "Ủy ban nhân dân huyện Giao Thủy")],
        ),
        (
            "Đại úy Trần Văn Toản, Trợ lý Thanh niên, Phòng Chính trị Sư đoàn 312 điều hành.",
            "Trần Văn Toản",
            [("Trợ lý Thanh niên", "Phòng Chính trị Sư đoàn 312")],
        ),
        (
            "Thượng sĩ Hà Văn Tuấn, Tiểu đội trưởng Tiểu đội Thông tin, Tiểu đoàn 18 phát biểu.",
            "Hà Văn Tuấn",
            [("Tiểu đội trưởng", "Tiểu đội Thông tin, Tiểu đoàn 18")],
        ),
        (
            "Ông Vũ Quang Định, Cục trưởng Cục Kiểm tra văn bản quy phạm pháp luật dự.",
            "Vũ Quang Định",
            [("Cục trưởng", "Cục Kiểm tra văn bản quy phạm pháp luật")],
        ),
    ],
)
def test_posts_of_the_genre(sentence: str, holder: str, posts: list[tuple[str, str]]) -> None:
    assert positions(sentence)[holder] == posts


def test_a_defined_short_form_inside_a_body_is_not_part_of_its_name() -> None:
    text = (
        "Sáng 14/2, Hội đồng nghĩa vụ quân sự (NVQS) thành phố Kon Tum tổ chức Lễ giao "
        "nhận quân năm 2025."
    )
    assert run(text).meetings[0].organizer == "Hội đồng nghĩa vụ quân sự thành phố Kon Tum"


def test_a_session_named_by_its_activity_is_a_gathering() -> None:
    text = (
        "Vừa qua, tại xã Giao Hải, Bộ Tư lệnh Vùng Cảnh sát biển 1 phối hợp với UBND huyện "
        "Giao Thủy tổ chức tuyên truyền Luật Cảnh sát biển Việt Nam cho ngư dân. Tham dự có "
        "Đại tá Vũ Trọng Nghĩa, Chính ủy Vùng."
    )
    (meeting,) = run(text).meetings
    assert (meeting.kind, meeting.organizer) == ("tuyên truyền", "Bộ Tư lệnh Vùng Cảnh sát biển 1")
    assert [p.person for p in meeting.participations] == ["vũ trọng nghĩa"]


def test_a_recruit_named_by_his_status_speaks() -> None:
    text = (
        "Sáng 14/2, Hội đồng nghĩa vụ quân sự thành phố tổ chức Lễ giao nhận quân. Tân binh "
        "A Đức (phường Thắng Lợi) thay mặt các tân binh phát biểu, hứa quyết tâm phấn đấu."
    )
    extraction = run(text)
    assert [p.name for p in extraction.persons] == ["A Đức"]
    roles = {p.role for p in extraction.meetings[0].participations}
    assert roles == {"participant", "speaker"}


def test_making_points_clear_at_a_working_session_is_speaking() -> None:
    text = (
        "Sáng 10/10, Huyện ủy Lục Ngạn làm việc với Đảng ủy Quân sự huyện. Tại buổi làm việc, "
        "Trung tá Lục Văn Quân, Chính trị viên Ban CHQS huyện đã làm rõ thêm một số nội dung."
    )
    roles = {(p.person, p.role) for p in run(text).meetings[0].participations}
    assert ("lục văn quân", "speaker") in roles


def test_an_anniversary_counted_from_before_1900() -> None:
    text = (
        "Sáng 16/5, Đoàn Thanh niên Sư đoàn 312 tổ chức Diễn đàn nhân kỷ niệm 135 năm Ngày "
        "sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)."
    )
    assert meeting_date(text) == "2025-05-16"


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        (
            "Chiều 5/8, Cục Tuyên huấn, Tổng cục Chính trị Quân đội nhân dân Việt Nam tổ chức "
            "hội nghị quán triệt Quy định số 144-QĐ/TW.",
            "Cục Tuyên huấn",
        ),
        # the headline names the holder the lead leaves out
        (
            "Thường trực Huyện ủy Lục Ngạn làm việc với Đảng ủy Quân sự huyện\n\nNgày 10-10, "
            "đồng chí Nguyễn Đức Thắng, Bí thư Huyện ủy chủ trì buổi làm việc với Đảng ủy "
            "Quân sự huyện.",
            "Thường trực Huyện ủy Lục Ngạn",
        ),
        # a dateline is no body
        (
            "QĐND Online - Ngày 11-7-2022, ĐUQS tỉnh Long An tổ chức hội nghị sơ kết.",
            "Đảng ủy Quân sự tỉnh Long An",
        ),
    ],
)
def test_more_holders(text: str, organizer: str) -> None:
    assert run(text).meetings[0].organizer == organizer


@pytest.mark.parametrize(
    "text",
    [
        "Tại một cuộc họp về nhân sự, có người kể một câu chuyện vui.",
        "Mục tiêu mà Kỳ họp thứ 6 Quốc hội đã đề ra sẽ khó thực hiện.",
    ],
)
def test_some_gathering_only_referred_to_is_not_reported(text: str) -> None:
    assert run(text).meetings == ()


@pytest.mark.parametrize(
    ("sentence", "holder", "posts"),
    [
        (
            "Dự có Đại tá Hà Văn Chung, Cục trưởng Cục Quân nhu/Tổng cục Hậu cần.",
            "Hà Văn Chung",
            [("Cục trưởng", "Cục Quân nhu, Tổng cục Hậu cần")],
        ),
        (
            "Dự có Thiếu tướng Bùi Đức Thuận, Cục trưởng Cục Cứu hộ - Cứu nạn/BTTM.",
            "Bùi Đức Thuận",
            [("Cục trưởng", "Cục Cứu hộ - Cứu nạn, Bộ Tổng Tham mưu")],
        ),
        (
            "Sáng 28/6, Nhà máy Z147/Tổng cục Công nghiệp quốc phòng tổ chức Lễ kỷ niệm. "
            "Đại tá Hoàng Hữu Lộc, Giám đốc Nhà máy đọc diễn văn.",
            "Hoàng Hữu Lộc",
            [("Giám đốc", "Nhà máy Z147")],
        ),
    ],
)
def test_a_slash_names_the_parent_body(
    sentence: str, holder: str, posts: list[tuple[str, str]]
) -> None:
    assert positions(sentence)[holder] == posts


@pytest.mark.parametrize(
    ("sentence", "holder", "posts"),
    [
        (
            "Đại tá Nguyễn Văn Hải và Thượng tá Đặng Minh Quyết, Lữ đoàn trưởng, Chính ủy "
            "Lữ đoàn 162 đồng chủ trì.",
            "Đặng Minh Quyết",
            [("Chính ủy", "Lữ đoàn 162")],
        ),
        (
            "Đại tá Nguyễn Văn Hải và Thượng tá Đặng Minh Quyết, Lữ đoàn trưởng, Chính ủy "
            "Lữ đoàn 162 đồng chủ trì.",
            "Nguyễn Văn Hải",
            [("Lữ đoàn trưởng", "Lữ đoàn 162")],
        ),
        (
            "Bộ Khoa học và Công nghệ dự. Thượng tá Phạm Thị Thu Hà, Chủ nhiệm Bộ môn Chẩn "
            "đoán, Bệnh viện Quân y 103 trình bày.",
            "Phạm Thị Thu Hà",
            [("Chủ nhiệm", "Bộ môn Chẩn đoán, Bệnh viện Quân y 103")],
        ),
    ],
)
def test_two_holders_two_posts_and_small_bodies(
    sentence: str, holder: str, posts: list[tuple[str, str]]
) -> None:
    assert positions(sentence)[holder] == posts


@pytest.mark.parametrize(
    ("text", "organizer"),
    [
        (
            "Sáng 28/6, Nhà máy Z147/Tổng cục Công nghiệp quốc phòng (TCCNQP) long trọng tổ "
            "chức Lễ kỷ niệm.",
            "Nhà máy Z147",
        ),
        (
            "Sáng 5/3, Ban CHQS huyện Na Rì (tỉnh Bắc Kạn) tổ chức lễ ra quân huấn luyện.",
            "Ban Chỉ huy Quân sự huyện Na Rì",
        ),
    ],
)
def test_a_parent_after_a_slash_or_a_place_in_brackets_is_not_the_holder(
    text: str, organizer: str
) -> None:
    assert run(text).meetings[0].organizer == organizer


def test_what_the_delegates_are_taught_is_disseminated() -> None:
    text = (
        "Sáng 26/12, Bộ CHQS tỉnh Sơn La tổ chức hội nghị tổng kết. Các đại biểu cũng được "
        "quán triệt Chỉ thị số 3001/CT-BTL ngày 14/12/2023 của Tư lệnh Quân khu 2."
    )
    (meeting,) = run(text).meetings
    assert [(d.identifier, d.relation) for d in meeting.documents] == [
        ("3001/CT-BTL", "disseminates")
    ]


def test_a_lunar_new_year_visit_is_dated_by_its_year() -> None:
    text = (
        "Bộ CHQS tỉnh gặp mặt đón Xuân Ất Tỵ 2025\n\nSáng 20/12, Bộ CHQS tỉnh tổ chức buổi gặp "
        "mặt cán bộ hưu trí."
    )
    assert meeting_date(text) == "2024-12-20"


@pytest.mark.parametrize(
    "text",
    [
        "Language Link sẽ tổ chức Lễ hội Giáng sinh vào tối ngày 11/12 tại 36 Cát Linh.",
        "Từ ngày 25 đến 27-4, Ủy ban Trung ương MTTQ VN sẽ tổ chức lễ tiếp nhận Quỹ.",
        "Lễ hội tết Ất Dậu tại TP.HCM: quy mô và rực rỡ.",
    ],
)
def test_an_announced_gathering_or_a_festival_is_not_reported(text: str) -> None:
    assert run(text).meetings == ()


def test_an_anniversary_date_in_brackets_is_the_anniversary_itself() -> None:
    text = (
        "Sáng 30/3, Tỉnh ủy Khánh Hòa tổ chức hội nghị biểu dương. Hoạt động nhằm kỷ niệm "
        "30 năm giải phóng tỉnh Khánh Hòa (2-4-2005)."
    )
    assert meeting_date(text) == "2005-03-30"


def test_a_week_is_no_ceremony_and_a_gathering_that_will_be_is_not_reported() -> None:
    text = "Hội thảo sẽ quy tụ đại biểu của 29 vịnh trong Tuần lễ du lịch Nha Trang."
    assert run(text).meetings == ()


def test_asking_a_body_to_lead_a_task_is_not_chairing() -> None:
    text = (
        "Sáng 5/3, BĐBP tỉnh Bình Thuận tổ chức lễ ra quân. Dự buổi lễ có đồng chí Võ Thành "
        "Công, Phó Chủ tịch UBND tỉnh. Phát biểu chỉ đạo, đồng chí Võ Thành Công đề nghị BĐBP "
        "tỉnh chủ trì, phối hợp với các sở thực hiện đồng bộ các giải pháp."
    )
    roles = {p.role for p in run(text).meetings[0].participations}
    assert "chair" not in roles and "speaker" in roles


def test_an_academician_keeps_his_rank() -> None:
    (person,) = run("Nhà máy được Thiếu tướng, GS, Viện sĩ Trần Đại Nghĩa về thăm.").persons
    assert (person.name, person.rank and person.rank.value) == ("Trần Đại Nghĩa", "Thiếu tướng")


@pytest.mark.parametrize(
    ("text", "kind", "organizer"),
    [
        (
            "Ngày 20/1, Đoàn công tác của Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang do Đại tá "
            "Nông Văn Khiêm làm trưởng đoàn đã đến thăm, chúc Tết cán bộ, chiến sĩ Đồn Biên "
            "phòng Lũng Cú.",
            "thăm",
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Giang",
        ),
        (
            "Ngày 15/4/2025, tại xã Bình Châu, Hải đoàn 33 phối hợp với UBND huyện Xuyên Mộc "
            'tổ chức Chương trình "Cảnh sát biển đồng hành với ngư dân".',
            "chương trình",
            "Hải đoàn 33",
        ),
        (
            "Sáng 6/1, Trung đoàn Không quân 921 (Sư đoàn 371, Quân chủng Phòng không - Không "
            "quân) tổ chức lễ ra quân huấn luyện bay năm 2025.",
            "lễ",
            "Trung đoàn Không quân 921",
        ),
        (
            "Ngày 7/6, Cục Chính trị Quân khu 5 tổ chức bế mạc và trao giải Hội thi Tuyên truyền "
            "viên giỏi về bảo vệ nền tảng tư tưởng của Đảng lần thứ III.",
            "hội thi",
            "Cục Chính trị Quân khu 5",
        ),
    ],
)
def test_visits_programmes_and_their_holders(text: str, kind: str, organizer: str) -> None:
    (meeting,) = run(text).meetings
    assert (meeting.kind, meeting.organizer) == (kind, organizer)


def test_the_military_party_committee_takes_the_level_of_its_chain() -> None:
    got = positions(
        "Dự có Trung tá Xa Văn Hòa, Phó Bí thư Đảng ủy Quân sự, Chỉ huy trưởng Ban CHQS "
        "huyện Mai Châu."
    )
    assert got["Xa Văn Hòa"] == [
        ("Phó Bí thư", "Đảng ủy Quân sự huyện Mai Châu"),
        ("Chỉ huy trưởng", "Ban Chỉ huy Quân sự huyện Mai Châu"),
    ]


@pytest.mark.parametrize(
    ("sentence", "identifier", "relation"),
    [
        (
            "Tại buổi lễ, Thượng tá Nguyễn Văn Thiệp đã quán triệt Mệnh lệnh huấn luyện năm "
            "2025 của Tư lệnh Quân chủng và Chỉ thị số 1055/CT-BQP của Bộ trưởng Bộ Quốc phòng.",
            "1055/CT-BQP",
            "disseminates",
        ),
        (
            "Báo cáo sơ kết do Đại tá Lưu Văn Thành trình bày đã đánh giá kết quả 6 tháng thực "
            "hiện Nghị quyết số 125-NQ/ĐU của Đảng ủy Vùng.",
            "125-NQ/ĐU",
            "reviews",
        ),
        # a directive to others is no act at the gathering
        (
            "Phát biểu chỉ đạo, ông Tô Thành Danh yêu cầu các sở quán triệt, thực hiện nghiêm "
            "Chỉ thị số 05/CT-TTg của Thủ tướng Chính phủ.",
            "05/CT-TTg",
            "cites",
        ),
    ],
)
def test_documents_acted_on_at_the_gathering(sentence: str, identifier: str, relation: str) -> None:
    text = (
        "Sáng 8/7, Vùng 3 Hải quân tổ chức hội nghị sơ kết. Dự có Thượng tá Nguyễn Văn Thiệp, "
        f"Đại tá Lưu Văn Thành và ông Tô Thành Danh. {sentence}"
    )
    (meeting,) = run(text).meetings
    assert [(d.identifier, d.relation) for d in meeting.documents] == [(identifier, relation)]


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        ("Trung đoàn 2 lần được Nhà nước tuyên dương.", []),
        ("Quân khu 7 năm 2024 đạt nhiều kết quả.", ["Quân khu 7"]),
        ("Sư đoàn 312 có 5 đơn vị đạt vững mạnh.", ["Sư đoàn 312"]),
    ],
)
def test_a_count_after_a_unit_word_is_not_its_number(text: str, bodies: list[str]) -> None:
    assert [o.name for o in run(text).organizations] == bodies


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("Sáng 5/3, tại TP.HCM, Sở Y tế tổ chức hội nghị.", "TP.HCM"),
        (
            "Sáng 5/3, Bộ GDĐT tổ chức hội nghị trực tuyến. Hội nghị được kết nối từ điểm cầu "
            "chính tại trụ sở Bộ GDĐT (Hà Nội) tới 63 điểm cầu.",
            "trụ sở Bộ Giáo dục và Đào tạo",
        ),
    ],
)
def test_places_keep_their_dots_and_name_their_body_in_full(lead: str, place: str) -> None:
    assert run(lead).meetings[0].location == place
