"""The persons component: names, ranks, posts and mentions, on sentences of the genre.

The sentences below are written for these tests in the style of army, party and
government reports; none is copied from the seeds. The last tests run the seeds against
their gold annotation with the scorer's normalisation.
"""

from __future__ import annotations

import json

import pytest

from kg.document import Document
from kg.model import ArticleExtraction, Person
from kg.pipeline import Pipeline
from kg.text import fold
from tests.conftest import GOLD, SEEDS

PIPELINE = Pipeline(["organizations", "persons"])


def run(text: str) -> ArticleExtraction:
    return PIPELINE(Document.from_text("t", text))


def people(text: str) -> dict[str, Person]:
    return {p.name: p for p in run(text).persons}


def posts(person: Person) -> set[str]:
    """Posts as the scorer reads them: title and body as one folded string."""
    return {fold(f"{p.title} {p.organization or ''}") for p in person.positions}


def one(text: str) -> Person:
    found = run(text).persons
    assert len(found) == 1, [p.name for p in found]
    return found[0]


# -- ranks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [
        (
            "Chuẩn Đô đốc Lâm Quang Bảo, Phó Tư lệnh Vùng 3 Hải quân dự lễ.",
            "Lâm Quang Bảo",
            "Chuẩn Đô đốc",
        ),
        ("Dự buổi làm việc có Phó Đô đốc Đinh Hữu Lực.", "Đinh Hữu Lực", "Phó Đô đốc"),
        ("Đô đốc Trương Văn Khải thăm đơn vị.", "Trương Văn Khải", "Đô đốc"),
        ("Đại úy QNCN Mai Thị Thanh Xuân nhận Giấy khen.", "Mai Thị Thanh Xuân", "Đại úy"),
        ("Thượng úy Hà Văn Quyết báo cáo kết quả huấn luyện.", "Hà Văn Quyết", "Thượng úy"),
        (
            "Thiếu tướng, PGS.TS Bùi Quang Tiến trình bày tham luận.",
            "Bùi Quang Tiến",
            "Thiếu tướng",
        ),
        ("Chúc mừng thượng tá Đoàn Văn Hiếu được thăng quân hàm.", "Đoàn Văn Hiếu", "Thượng tá"),
    ],
)
def test_rank_of_every_service_is_read_and_kept_out_of_the_name(
    text: str, name: str, rank: str
) -> None:
    person = one(text)
    assert person.name == name
    assert person.rank is not None and person.rank.value == rank
    assert text[person.rank.evidence.start : person.rank.evidence.end].lower() == rank.lower()


def test_academic_titles_go_to_titles_not_to_the_name() -> None:
    person = one("Đại tá, Tiến sĩ Kha Văn Thịnh, Giám đốc Bệnh viện Quân y 121 phát biểu.")
    assert person.name == "Kha Văn Thịnh"
    assert person.titles == ("Tiến sĩ",)
    assert posts(person) == {fold("Giám đốc Bệnh viện Quân y 121")}


# -- post chains ------------------------------------------------------------------------


def test_a_chain_of_posts_after_the_name_each_with_its_body() -> None:
    person = one(
        "Đại tướng Trịnh Công Sơn, Ủy viên Bộ Chính trị, Phó Bí thư Quân ủy Trung ương, "
        "Bộ trưởng Bộ Quốc phòng chủ trì hội nghị."
    )
    assert posts(person) == {
        fold("Ủy viên Bộ Chính trị"),
        fold("Phó Bí thư Quân ủy Trung ương"),
        fold("Bộ trưởng Bộ Quốc phòng"),
    }


def test_a_body_named_once_belongs_to_each_post_of_the_list() -> None:
    person = one("Thiếu tướng Tạ Quang Vinh, Phó Tư lệnh, Tham mưu trưởng Quân khu 9 kiểm tra.")
    assert posts(person) == {fold("Phó Tư lệnh Quân khu 9"), fold("Tham mưu trưởng Quân khu 9")}


def test_party_committee_posts_take_the_unit_named_after_them() -> None:
    person = one(
        "Đại tá Lò Văn Pọm, Ủy viên Thường vụ Đảng ủy, Phó Chính ủy Bộ CHQS tỉnh Sơn La dự."
    )
    assert posts(person) == {
        fold("Ủy viên Thường vụ Đảng ủy Bộ Chỉ huy Quân sự tỉnh Sơn La"),
        fold("Phó Chính ủy Bộ Chỉ huy Quân sự tỉnh Sơn La"),
    }


def test_a_standing_board_post_belongs_to_the_party_committee_named_after_it() -> None:
    person = one("Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy Lường Thị Hoa dự họp.")
    assert posts(person) == {
        fold("Ủy viên Ban Thường vụ Tỉnh ủy"),
        fold("Trưởng ban Ban Tổ chức Tỉnh ủy"),
    }


def test_title_that_names_its_board_gets_the_board_back() -> None:
    person = one("Đ/c Hầu A Lềnh - Trưởng Ban Dân vận Tỉnh ủy điều hành thảo luận.")
    assert [(p.title, p.organization) for p in person.positions] == [
        ("Trưởng Ban", "Ban Dân vận Tỉnh ủy")
    ]


def test_dash_inside_a_body_name_is_not_a_chain_separator() -> None:
    person = one(
        "Dự có Trung tướng Vương Đình Cường - Chính ủy Tổng cục Hậu cần - Kỹ thuật; "
        "đại diện các cục."
    )
    assert posts(person) == {fold("Chính ủy Tổng cục Hậu cần - Kỹ thuật")}


def test_lower_case_title_right_after_a_name_is_a_post() -> None:
    person = one("Thượng tá Kiều Văn Lâm, chỉ huy trưởng Ban CHQS huyện Ba Vì, cho biết.")
    assert posts(person) == {fold("chỉ huy trưởng Ban Chỉ huy Quân sự huyện Ba Vì")}


def test_post_in_brackets_after_a_name() -> None:
    person = one("Trung tá Ông Văn Toàn (Phó Đồn trưởng Đồn Biên phòng Ia Mơ) trao quà.")
    assert posts(person) == {fold("Phó Đồn trưởng Đồn Biên phòng Ia Mơ")}


def test_photo_aside_between_name_and_post_is_skipped() -> None:
    person = one("Thượng tá Chu Văn Tú (thứ hai từ trái sang), Chính ủy Lữ đoàn 454 tặng hoa.")
    assert posts(person) == {fold("Chính ủy Lữ đoàn 454")}


def test_photo_aside_with_a_comma_inside_is_skipped_too() -> None:
    person = one("Đại tá Chu Văn Ba (thứ hai, bên phải), Phó Chính ủy Sư đoàn 325 trao quà.")
    assert posts(person) == {fold("Phó Chính ủy Sư đoàn 325")}


def test_body_named_after_a_comma_is_the_parent_of_the_post_body() -> None:
    person = one("Đại tá Ngô Văn Cẩn, Cục trưởng Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật dự.")
    assert posts(person) == {fold("Cục trưởng Cục Chính trị, Tổng cục Hậu cần - Kỹ thuật")}


def test_a_list_of_bodies_after_a_post_is_not_a_parent() -> None:
    person = one("Đại tá Lã Văn Tư, Chính ủy Sư đoàn 5, Quân đoàn 4, Bộ Quốc phòng, các đơn vị dự.")
    assert posts(person) == {fold("Chính ủy Sư đoàn 5")}


def test_board_of_a_body_goes_into_the_title() -> None:
    person = one(
        "Cùng dự có Đại tá Lữ Văn Tín, Ủy viên Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam."
    )
    assert [(p.title, p.organization) for p in person.positions] == [
        ("Ủy viên Đoàn Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam")
    ]


def test_command_post_takes_the_unit_not_its_party_committee() -> None:
    person = one(
        "Đại tá Tống Văn Lê, Phó Chính ủy, Phó Bí thư Đảng ủy Bộ đội Biên phòng tỉnh Nghệ An."
    )
    assert [(p.title, p.organization) for p in person.positions] == [
        ("Phó Chính ủy", "Bộ đội Biên phòng tỉnh Nghệ An"),
        ("Phó Bí thư Đảng ủy", "Bộ đội Biên phòng tỉnh Nghệ An"),
    ]


def test_rank_written_after_the_name() -> None:
    found = people("Đến dự có Thái Văn Hòa, Thiếu tướng, Thứ trưởng Bộ Công an và nhiều đại biểu.")
    person = found["Thái Văn Hòa"]
    assert person.rank is not None and person.rank.value == "Thiếu tướng"
    assert posts(person) == {fold("Thứ trưởng Bộ Công an")}


def test_two_bodies_joined_by_a_dash_are_one_name() -> None:
    person = one("Trung tướng Doãn Văn Hùng, Tư lệnh Quân đoàn 12 - Binh đoàn Trường Sơn dự lễ.")
    assert posts(person) == {fold("Tư lệnh Quân đoàn 12 - Binh đoàn Trường Sơn")}


def test_abbreviated_post_of_its_own_takes_no_body() -> None:
    person = one("Đ/c Mạc Thị Lan, TUV, Bí thư Huyện ủy Cam Lâm phát biểu.")
    assert posts(person) == {fold("Tỉnh ủy viên"), fold("Bí thư Huyện ủy Cam Lâm")}


def test_post_that_goes_on_in_lower_case_borrows_no_body() -> None:
    person = one("Ông Ninh Văn Ba - Phó Giám đốc Sở Y tế, Trưởng đoàn kiểm tra làm việc.")
    assert posts(person) == {fold("Phó Giám đốc Sở Y tế"), fold("Trưởng đoàn")}


def test_ministry_name_with_va_and_lower_case_nouns() -> None:
    person = one("Ông Khổng Văn Nam, Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn phát biểu.")
    assert posts(person) == {fold("Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn")}


def test_ethnic_names_after_a_rank() -> None:
    assert one("Đại tá Y Thanh Hà Niê Kđăm dự lễ.").name == "Y Thanh Hà Niê Kđăm"


def test_former_posts_are_not_positions() -> None:
    person = one("Trung tướng Quách Văn Khánh, nguyên Phó Tư lệnh Quân khu 3 về dự.")
    assert person.rank is not None and person.rank.value == "Trung tướng"
    assert person.positions == ()


def test_nguyen_covers_the_posts_listed_after_it() -> None:
    person = one("Đồng chí Thân Văn Hải, nguyên Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh phát biểu.")
    assert person.positions == ()


# -- posts before the name ----------------------------------------------------------------


def test_post_before_name_with_place_in_the_body() -> None:
    found = people(
        "Bí thư Tỉnh ủy Bình Dương Võ Thành Đạt và Chủ tịch UBND tỉnh Đặng Văn Kiên dự lễ."
    )
    assert posts(found["Võ Thành Đạt"]) == {fold("Bí thư Tỉnh ủy Bình Dương")}
    assert posts(found["Đặng Văn Kiên"]) == {fold("Chủ tịch Ủy ban nhân dân tỉnh")}


def test_post_then_rank_then_name() -> None:
    person = one("Tư lệnh Quân khu 7, Trung tướng Nguyễn Trường Giang trao quà cho các gia đình.")
    assert person.name == "Nguyễn Trường Giang"
    assert posts(person) == {fold("Tư lệnh Quân khu 7")}


def test_several_posts_before_the_name() -> None:
    # the chain names the province once, for the Tỉnh ủy too
    person = one("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Cà Mau Huỳnh Quốc Việt phát biểu.")
    assert posts(person) == {
        fold("Phó Bí thư Tỉnh ủy Cà Mau"),
        fold("Chủ tịch Ủy ban nhân dân tỉnh Cà Mau"),
    }


def test_state_leaders_named_after_their_titles() -> None:
    found = people("Tổng Bí thư Tô Lâm và Thủ tướng Phạm Minh Chính dự lễ kỷ niệm.")
    assert posts(found["Tô Lâm"]) == {fold("Tổng Bí thư")}
    assert posts(found["Phạm Minh Chính"]) == {fold("Thủ tướng")}


def test_list_of_people_each_with_their_posts() -> None:
    found = people(
        "Cùng dự có các đồng chí: Đại tá Dương Văn Tâm, Phó Chính ủy Sư đoàn 5; "
        "Thượng tá Lê Hữu Phước, Phó Sư đoàn trưởng; "
        "đồng chí Lý Thị Bé, Chủ tịch Hội Liên hiệp Phụ nữ huyện."
    )
    assert set(found) == {"Dương Văn Tâm", "Lê Hữu Phước", "Lý Thị Bé"}
    assert posts(found["Dương Văn Tâm"]) == {fold("Phó Chính ủy Sư đoàn 5")}
    # the title names its unit's kind, and the text names one unit of that kind
    assert posts(found["Lê Hữu Phước"]) == {fold("Phó Sư đoàn trưởng Sư đoàn 5")}
    assert posts(found["Lý Thị Bé"]) == {fold("Chủ tịch Hội Liên hiệp Phụ nữ huyện")}


def test_two_officers_joined_by_va_keep_their_own_posts() -> None:
    found = people(
        "Tham dự có Trung tướng Phùng Sĩ Tấn, Chính ủy Quân khu 2 và Thiếu tướng Mạc Văn Định, "
        "Phó Tư lệnh Quân khu 2."
    )
    assert posts(found["Phùng Sĩ Tấn"]) == {fold("Chính ủy Quân khu 2")}
    assert posts(found["Mạc Văn Định"]) == {fold("Phó Tư lệnh Quân khu 2")}


# -- abbreviations in posts ---------------------------------------------------------------


def test_abbreviations_in_posts_are_expanded() -> None:
    found = people(
        "Trung tướng Triệu Văn Sáu, Tư lệnh QK7 và "
        "Đại tá Cù Văn Nhất, Chính ủy BĐBP tỉnh Kiên Giang dự."
    )
    assert posts(found["Triệu Văn Sáu"]) == {fold("Tư lệnh Quân khu 7")}
    assert posts(found["Cù Văn Nhất"]) == {fold("Chính ủy Bộ đội Biên phòng tỉnh Kiên Giang")}


def test_abbreviation_defined_by_the_article_is_expanded_in_later_posts() -> None:
    text = (
        "Cục Kỹ thuật binh chủng (KTBC) tổ chức hội nghị. "
        "Đại tá Văn Đức Long, Cục trưởng Cục KTBC chủ trì."
    )
    person = {p.name: p for p in run(text).persons}["Văn Đức Long"]
    assert posts(person) == {fold("Cục trưởng Cục Kỹ thuật binh chủng")}


# -- names ---------------------------------------------------------------------------------


def test_given_name_that_is_also_a_body_word_stays_in_the_name() -> None:
    assert one("Đại tá Phan Văn Hội phát biểu.").name == "Phan Văn Hội"


def test_name_in_capitals_is_title_cased() -> None:
    assert one("Thiếu tướng TRẦN VĂN LỰC kiểm tra đơn vị.").name == "Trần Văn Lực"


def test_places_and_streets_are_not_persons() -> None:
    text = "Lễ ra quân diễn ra tại Hà Nội, trên đường Lê Duẩn và số 12 Trần Khánh Dư, Hà Tĩnh."
    assert run(text).persons == ()


def test_person_named_only_in_passing_is_mention_only() -> None:
    text = (
        "Cán bộ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, "
        "xứng danh Bộ đội Cụ Hồ."
    )
    person = one(text)
    assert person.name == "Hồ Chí Minh" and person.mention_only
    assert person.positions == ()


def test_bodies_named_after_a_person_hold_no_person() -> None:
    text = (
        "Đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh "
        "của Học viện Chính trị quốc gia Hồ Chí Minh."
    )
    assert run(text).persons == ()


def test_byline_names_are_not_persons() -> None:
    text = "Thiếu tướng Vi Văn Mạnh dự hội nghị.\nTin, ảnh: NGUYỄN HỒNG\nTrần Anh Tuấn"
    assert [p.name for p in run(text).persons] == ["Vi Văn Mạnh"]


def test_photo_credit_inside_a_caption_is_not_a_person_but_the_caption_is_read() -> None:
    text = "Đại tá Kim Văn Sang trao quà cho các gia đình chính sách (Ảnh: Nguyễn Hải)"
    assert [p.name for p in run(text).persons] == ["Kim Văn Sang"]


def test_credit_line_with_a_rank_is_a_byline() -> None:
    text = "Hội nghị kết thúc tốt đẹp.\nBài, ảnh: Thượng tá NGUYỄN VĂN LỘC"
    assert run(text).persons == ()


def test_streets_listed_after_a_street_are_not_persons() -> None:
    text = "Xe đi theo đường Phạm Hùng, Trần Duy Hưng và Lê Văn Lương để vào nội thành."
    assert run(text).persons == ()


def test_related_news_after_the_list_heading_is_not_read() -> None:
    text = "Đại tá Lưu Văn Đông phát biểu.\nCÁC TIN KHÁC\nĐại tá Hoàng Văn Nam thăm đơn vị"
    assert [p.name for p in run(text).persons] == ["Lưu Văn Đông"]


# -- mentions --------------------------------------------------------------------------------


def test_every_mention_is_kept_including_rank_and_given_name_only() -> None:
    text = (
        "Thiếu tướng Đậu Văn Thìn, Chính ủy Sư đoàn 3 dự. "
        "Thiếu tướng Đậu Văn Thìn phát biểu. Thiếu tướng Thìn nhấn mạnh yêu cầu."
    )
    person = one(text)
    surfaces = [text[m.start : m.end] for m in person.mentions]
    assert surfaces == ["Đậu Văn Thìn", "Đậu Văn Thìn", "Thìn"]
    assert all(m.extractor == "persons" and 0 < m.confidence <= 1 for m in person.mentions)


def test_post_with_dong_chi_refers_back_to_its_holder() -> None:
    text = (
        "Đồng chí Châu Văn Lâm, Phó Bí thư Tỉnh ủy chủ trì hội nghị. "
        "Kết luận hội nghị, đồng chí Phó Bí thư Tỉnh ủy yêu cầu các cấp ủy tập trung."
    )
    person = one(text)
    surfaces = [text[m.start : m.end] for m in person.mentions]
    assert surfaces[0] == "Châu Văn Lâm"
    assert surfaces[1] == "đồng chí Phó Bí thư Tỉnh ủy"
    assert person.mentions[1].rule == "anaphora.address"


def test_post_with_shortened_body_refers_back_to_its_holder() -> None:
    text = (
        "Thiếu tướng Ngô Văn Tuấn, Phó Chính ủy Tổng cục Công nghiệp quốc phòng (CNQP) dự. "
        "Đồng chí Phó Chính ủy Tổng cục CNQP đề nghị các đơn vị quán triệt."
    )
    assert len(one(text).mentions) == 2


def test_same_given_name_is_not_linked_when_two_people_carry_it() -> None:
    text = "Đại tá Trần Văn Tài và Đại tá Lê Minh Tài dự họp. Đại tá Tài phát biểu."
    found = people(text)
    assert {len(p.mentions) for p in found.values()} == {1}


def test_same_name_twice_is_one_person_with_one_key() -> None:
    text = "Thượng tá Bạch Văn Hòa dự họp.\nThượng tá Bạch Văn Hoà phát biểu tại hội nghị."
    person = one(text)
    assert person.key == fold("Bạch Văn Hòa")
    assert len(person.mentions) == 2


def test_decomposed_text_and_old_tone_placement_read_the_same() -> None:
    import unicodedata

    text = "Đại tá Hoàng Văn Thuỷ, Chính uỷ Bộ CHQS tỉnh Thanh Hoá dự."
    nfd = unicodedata.normalize("NFD", text)
    assert run(nfd) == run(text)
    person = one(text)
    assert person.key == fold("Hoàng Văn Thủy")
    assert posts(person) == {fold("Chính ủy Bộ Chỉ huy Quân sự tỉnh Thanh Hóa")}


def test_output_is_deterministic_and_in_text_order() -> None:
    text = "Đại tá Giáp Văn Ba và Thượng tá Ân Văn Chín cùng dự. Đại tá Giáp Văn Ba phát biểu."
    first = run(text)
    assert first == run(text)
    assert [p.name for p in first.persons] == ["Giáp Văn Ba", "Ân Văn Chín"]


# -- the seeds against the gold annotation -----------------------------------------------------


def _gold_sets() -> dict[str, tuple[set[str], set[tuple[str, str]], list[set[tuple[str, str]]]]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    out = {}
    for article, annotation in gold.items():
        names = {fold(p["name"]) for p in annotation["persons"]}
        ranks = {(fold(p["name"]), fold(p["rank"])) for p in annotation["persons"] if p.get("rank")}
        positions = [
            {
                (fold(p["name"]), fold(f"{t} {o}"))
                for t in pos["title"]
                for o in (pos.get("org") or [""])
            }
            for p in annotation["persons"]
            for pos in p["positions"]
        ]
        out[article] = (names, ranks, positions)
    return out


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def test_seeds_persons_ranks_and_positions_match_the_gold() -> None:
    counts = {"persons": [0, 0, 0], "ranks": [0, 0, 0], "positions": [0, 0, 0]}
    for article, (names, ranks, positions) in _gold_sets().items():
        extraction = PIPELINE(Document.from_text(article, (SEEDS / f"{article}.txt").read_text()))
        got_names = {fold(p.name) for p in extraction.persons}
        got_ranks = {(fold(p.name), fold(p.rank.value)) for p in extraction.persons if p.rank}
        got_posts = {
            (fold(p.name), fold(f"{q.title} {q.organization or ''}"))
            for p in extraction.persons
            for q in p.positions
        }
        for key, gold_items, got in (
            ("persons", [{n} for n in names], got_names),
            ("ranks", [{r} for r in ranks], got_ranks),
            ("positions", positions, got_posts),
        ):
            tp = sum(1 for alts in gold_items if alts & got)
            accepted = set().union(*gold_items) if gold_items else set()
            counts[key][0] += tp
            counts[key][1] += len(got - accepted)
            counts[key][2] += len(gold_items) - tp
    figures = {key: _f1(*c) for key, c in counts.items()}
    assert all(f >= 0.97 for f in figures.values()), figures


def test_seed_bylines_never_become_persons() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        extraction = PIPELINE(Document.from_text(path.stem, path.read_text()))
        names = {fold(p.name) for p in extraction.persons}
        assert not names & {
            "anh khôi",
            "thuy hoa",
            "hải linh",
            "thăng bảy",
            "phương anh",
            "tuấn minh",
        }


# -- the genre: numbered bodies, ranks before titles, seats on standing boards ---------------


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Hội nghị của Đảng ủy Quân khu 4 có Trung tướng Hà Văn Tuấn, Phó Bí thư Đảng ủy "
            "Quân khu, Tư lệnh Quân khu dự.",
            "Hà Văn Tuấn",
            {"phó bí thư đảng ủy quân khu 4", "tư lệnh quân khu 4"},
        ),
        (
            "Bộ Tư lệnh Quân đoàn 34 tổ chức lễ. Đại tá Lò Văn Hải, Phó Chính ủy Quân đoàn "
            "phát biểu.",
            "Lò Văn Hải",
            {"phó chính ủy quân đoàn 34"},
        ),
        (
            "Thượng tá Kiều Văn Sơn, Phó Bí thư Đảng ủy Sư đoàn, Sư đoàn trưởng Sư đoàn 308 "
            "báo cáo.",
            "Kiều Văn Sơn",
            {"phó bí thư đảng ủy sư đoàn 308", "sư đoàn trưởng sư đoàn 308"},
        ),
    ],
)
def test_a_body_named_by_its_kind_alone_is_the_numbered_one_of_the_text(
    text: str, name: str, expected: set[str]
) -> None:
    assert posts(people(text)[name]) == expected


def test_a_kind_of_body_named_twice_with_numbers_stays_as_written() -> None:
    text = (
        "Quân khu 3 và Quân khu 4 phối hợp diễn tập. Thiếu tướng Mạc Văn Tiến, "
        "Phó Tư lệnh Quân khu chỉ đạo."
    )
    assert posts(one(text)) == {"phó tư lệnh quân khu"}
    two = "Lữ đoàn 125 và Lữ đoàn 126 hiệp đồng. Thượng tá Lê Văn Hai, Lữ đoàn trưởng dự."
    assert posts(one(two)) == {"lữ đoàn trưởng"}


def test_a_title_naming_its_unit_kind_belongs_to_the_one_unit_of_the_text() -> None:
    text = (
        "Ngày 3/2, Đồn Biên phòng Cửa khẩu Lao Bảo tổ chức lễ. Thiếu tá Hồ Văn Lâm, Đồn "
        "trưởng chủ trì; Trung tá Đinh Văn Ba, Chính trị viên Đồn phát biểu."
    )
    found = people(text)
    assert posts(found["Hồ Văn Lâm"]) == {"đồn trưởng đồn biên phòng cửa khẩu lao bảo"}
    assert posts(found["Đinh Văn Ba"]) == {"chính trị viên đồn biên phòng cửa khẩu lao bảo"}


def test_a_faculty_and_a_department_keep_their_whole_names() -> None:
    text = (
        "Thượng tá Đỗ Thị Hoa, Chủ nhiệm Khoa Chỉ huy tham mưu Lục quân, Học viện Lục quân "
        "trình bày. Bà Vi Thị Mai, Vụ trưởng Vụ Người có công, Bộ Nội vụ phát biểu."
    )
    found = people(text)
    assert posts(found["Đỗ Thị Hoa"]) == {
        "chủ nhiệm khoa chỉ huy tham mưu lục quân, học viện lục quân"
    }
    assert posts(found["Vi Thị Mai"]) == {"vụ trưởng vụ người có công, bộ nội vụ"}


def test_tham_muu_as_a_verb_does_not_extend_a_body() -> None:
    text = "Đại tá Tống Văn Hai cho biết Phòng Kỹ thuật tham mưu cho Đảng ủy về công tác này."
    assert run(text).organizations[0].name == "Phòng Kỹ thuật"


def test_a_surname_that_is_also_a_form_of_address_after_a_rank() -> None:
    person = one("Tại điểm cầu có Đại tá Ông Văn Toàn, Chính ủy Lữ đoàn 126.")
    assert (person.name, person.rank and person.rank.value) == ("Ông Văn Toàn", "Đại tá")


@pytest.mark.parametrize(
    "text",
    [
        "Đại tá, tiến sĩ Hoàng Văn Dũng, Trưởng khoa trình bày tham luận.",
        "Chuẩn Đô đốc, PGS, TS Trần Quang Huy phát biểu đề dẫn.",
        "Thiếu tướng, phó giáo sư, tiến sĩ Lê Văn Hà chủ trì.",
    ],
)
def test_rank_survives_academic_titles_after_a_comma(text: str) -> None:
    person = one(text)
    assert person.rank is not None and person.rank.value.split()[0] in ("Đại", "Chuẩn", "Thiếu")


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        (
            "Dự có đồng chí Lê Thị Hồng, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh.",
            "Ủy viên Ban Thường vụ",
            "Tỉnh ủy",
        ),
        (
            "Trung tá Vũ Đình Lâm, Ủy viên BTV Đảng ủy Quân sự tỉnh, Phó Chỉ huy trưởng Bộ "
            "CHQS tỉnh báo cáo.",
            "Ủy viên Ban Thường vụ",
            "Đảng ủy Quân sự tỉnh",
        ),
    ],
)
def test_a_seat_on_an_abbreviated_standing_board_keeps_the_board_in_its_title(
    text: str, title: str, body: str
) -> None:
    first = run(text).persons[0].positions[0]
    assert (first.title, first.organization) == (title, body)


def test_a_title_repeated_without_its_body_adds_no_post() -> None:
    text = (
        "Thứ trưởng Bộ Nội vụ Trần Anh Thư dự. Phát biểu tại hội nghị, Thứ trưởng "
        "Trần Anh Thư đề nghị các địa phương rà soát hồ sơ."
    )
    assert posts(one(text)) == {"thứ trưởng bộ nội vụ"}


# -- false persons of general news ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Du khách ghé thăm đền An Dương Vương vào dịp lễ.",
        "Đoàn đã sang Bồ Đào Nha và Tây Ban Nha dự hội chợ.",
        "Văn phòng đặt tại số 12 Bis Lê Thánh Tôn, quận 1.",
        "Khách tham quan Vạn Lý Trường Thành rất đông.",
        "Quỹ hỗ trợ trẻ em Việt Nam có hoàn cảnh khó khăn.",
        "Ghi chú: Đối với các đơn vị chưa nộp báo cáo.",
        "Đoàn Luật sư tỉnh tổ chức đại hội nhiệm kỳ mới.",
    ],
)
def test_names_of_places_and_things_that_hold_a_surname_are_no_persons(text: str) -> None:
    assert run(text).persons == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Đại sứ Việt Nam tại Malaysia Nguyễn Quốc Tuấn cho biết như vậy.", "Nguyễn Quốc Tuấn"),
        ("Thầy Nguyễn Văn Lành, Hiệu trưởng nhà trường cho biết.", "Nguyễn Văn Lành"),
        ("Buổi lễ có sự tham dự của Th.S Trần Thị Hoa.", "Trần Thị Hoa"),
        ("Theo cô Đặng Thị Lan, giáo viên chủ nhiệm, lớp học có 40 em.", "Đặng Thị Lan"),
    ],
)
def test_persons_after_a_country_or_a_form_of_address_are_kept(text: str, name: str) -> None:
    assert one(text).name == name


@pytest.mark.parametrize("text", ["Thiếu tướng", "Đại tá,", "Đồng chí"])
def test_a_prefix_that_ends_the_text_reads_no_person(text: str) -> None:
    assert run(text).persons == ()


# -- where a body name ends, and how posts chain (second development set) -------------------


@pytest.mark.parametrize(
    ("text", "name", "post"),
    [
        (
            "Thượng tá Lò Văn Dũng, Đồn trưởng Đồn Biên phòng Cửa khẩu Quốc tế Cầu Treo báo "
            "cáo tình hình tuyến biên giới.",
            "Lò Văn Dũng",
            "đồn trưởng đồn biên phòng cửa khẩu quốc tế cầu treo",
        ),
        (
            "Đại tá Lương Văn Tùng, Trưởng khoa Công tác Đảng trình bày tham luận.",
            "Lương Văn Tùng",
            "trưởng khoa khoa công tác đảng",
        ),
        (
            "Thượng tá Mạc Văn Hưng, Chủ nhiệm Khoa Hồi sức tích cực giới thiệu mô hình mới.",
            "Mạc Văn Hưng",
            "chủ nhiệm khoa hồi sức tích cực",
        ),
        (
            "TS Tạ Thị Huyền, Phó Viện trưởng Viện Khoa học tổ chức nhà nước phát biểu.",
            "Tạ Thị Huyền",
            "phó viện trưởng viện khoa học tổ chức nhà nước",
        ),
        (
            "Ông Ninh Văn Quý, Cục trưởng Cục Quản lý Khám, chữa bệnh làm việc với bệnh viện.",
            "Ninh Văn Quý",
            "cục trưởng cục quản lý khám, chữa bệnh",
        ),
    ],
)
def test_a_body_name_ends_before_the_verb_and_keeps_its_nouns(
    text: str, name: str, post: str
) -> None:
    assert posts(people(text)[name]) == {post}


def test_a_lecturer_of_a_faculty_and_a_lecturer_without_a_body() -> None:
    found = people(
        "Thạc sĩ Kha Thị Nga, giảng viên Khoa Ngữ văn phát biểu. TS Lục Văn Tân, giảng viên "
        "Việt kiều, chia sẻ kinh nghiệm."
    )
    assert posts(found["Kha Thị Nga"]) == {"giảng viên khoa ngữ văn"}
    assert posts(found["Lục Văn Tân"]) == {"giảng viên"}


@pytest.mark.parametrize(
    ("text", "post"),
    [
        (
            "Ông Bạc Văn Cầm, Bí thư Tỉnh ủy, Trưởng Đoàn ĐBQH tỉnh Lai Châu dự.",
            "trưởng đoàn đoàn đại biểu quốc hội tỉnh lai châu",
        ),
        (
            "Ông Bạc Văn Cầm, Trưởng Ban Chỉ đạo phòng, chống tham nhũng tỉnh phát biểu.",
            "trưởng ban ban chỉ đạo phòng, chống tham nhũng tỉnh",
        ),
    ],
)
def test_a_title_naming_the_head_of_its_body_keeps_it(text: str, post: str) -> None:
    assert post in posts(people(text)["Bạc Văn Cầm"])


def test_a_post_given_after_giu_chuc_vu_is_the_persons_and_tung_giu_is_former() -> None:
    found = people(
        "Bộ Quốc phòng công bố quyết định bổ nhiệm Đại tá Tăng Văn Khoa giữ chức vụ Phó Tư lệnh "
        "Quân khu 3. Trước đó, Đại tá Tăng Văn Khoa từng giữ các chức vụ Sư đoàn trưởng Sư đoàn "
        "395, Tham mưu trưởng Quân khu 3."
    )
    person = found["Tăng Văn Khoa"]
    assert posts(person) == {"phó tư lệnh quân khu 3"}
    assert person.anchor == "Sư đoàn 395"


def test_a_bare_head_is_the_body_of_that_kind_named_before_it() -> None:
    person = people(
        "Đảng ủy, Bộ Tư lệnh Quân đoàn 34 tổ chức hội nghị. Thiếu tướng Mai Văn Tám, Phó Bí thư "
        "Đảng ủy, Tư lệnh Quân đoàn chủ trì. Quân đoàn 34 được tổ chức lại trên cơ sở hợp nhất "
        "Quân đoàn 3 và Quân đoàn 4."
    )["Mai Văn Tám"]
    assert posts(person) == {"phó bí thư đảng ủy quân đoàn 34", "tư lệnh quân đoàn 34"}


def test_the_party_committee_beside_a_communes_peoples_committee_is_the_communes() -> None:
    person = one("Ông Điểu Văn Hà, Bí thư Đảng ủy, Chủ tịch UBND xã Đắk Nhau dự buổi lễ.")
    assert [(p.title, p.organization) for p in person.positions] == [
        ("Bí thư", "Đảng ủy xã Đắk Nhau"),
        ("Chủ tịch", "Ủy ban nhân dân xã Đắk Nhau"),
    ]


def test_a_place_the_article_names_as_a_unit_is_no_holder_and_no_person() -> None:
    text = (
        "Lâm Hà: Trao Huy hiệu Đảng cho đảng viên lão thành\n"
        "Huyện ủy Lâm Hà tổ chức lễ trao Huy hiệu Đảng. Đồng chí Trần Văn Quý, Bí thư Huyện ủy "
        "Lâm Hà chủ trì."
    )
    found = people(text)
    assert list(found) == ["Trần Văn Quý"]
    assert posts(found["Trần Văn Quý"]) == {"bí thư huyện ủy lâm hà"}
    assert {o.name for o in run(text).organizations} == {"Huyện ủy Lâm Hà"}


def test_a_holder_after_a_committee_is_still_read_where_no_unit_bears_the_name() -> None:
    assert list(people("Bí thư Huyện ủy Lê Văn Hòa phát biểu chỉ đạo.")) == ["Lê Văn Hòa"]
    found = people("Phó Chủ tịch UBND tỉnh Trần Văn Túc dự và phát biểu.")
    assert posts(found["Trần Văn Túc"]) == {"phó chủ tịch ủy ban nhân dân tỉnh"}


# -- bodies written by their kind alone ---------------------------------------------------


def test_a_bare_head_is_the_one_body_of_its_kind_even_with_a_dash_in_its_name() -> None:
    text = (
        "Quân chủng Hậu cần - Kỹ thuật tổ chức giao ban. Thiếu tướng Đỗ Minh Khang, Phó "
        "Tư lệnh Quân chủng chủ trì."
    )
    assert posts(one(text)) == {"phó tư lệnh quân chủng hậu cần-kỹ thuật"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Học viện Hậu cần khai giảng năm học. Thiếu tướng Mai Văn Tuấn, Giám đốc "
            "Nhà trường phát biểu.",
            {"giám đốc học viện hậu cần"},
        ),
        (
            "Trường Cao đẳng Kỹ thuật Vĩnh Phúc tổ chức lễ. TS Hà Thị Nga, Hiệu trưởng "
            "Nhà trường trao bằng.",
            {"hiệu trưởng trường cao đẳng kỹ thuật vĩnh phúc"},
        ),
        (
            "Trường Cao đẳng Kỹ thuật Vĩnh Phúc tổ chức lễ. ThS Đào Văn Chiến, Phó Hiệu "
            "trưởng trao bằng.",
            {"phó hiệu trưởng trường cao đẳng kỹ thuật vĩnh phúc"},
        ),
    ],
)
def test_the_school_is_the_one_school_or_academy_of_the_article(
    text: str, expected: set[str]
) -> None:
    assert posts(one(text)) == expected


def test_the_school_stays_as_written_when_the_article_names_two() -> None:
    text = (
        "Trường Tiểu học Kim Đồng và Trường Tiểu học Võ Thị Sáu giao lưu. Bà Lê Thị Thu, "
        "Hiệu trưởng Nhà trường phát biểu."
    )
    assert posts(people(text)["Lê Thị Thu"]) == {"hiệu trưởng nhà trường"}


def test_a_department_is_the_one_department_named_and_qualified() -> None:
    text = (
        "Sở Tư pháp tỉnh Hòa Bình tổ chức hội nghị. Ông Bùi Văn Hạnh, Giám đốc Sở Tư pháp "
        "chủ trì; bà Quách Thị Liên, Phó Giám đốc Sở báo cáo."
    )
    found = people(text)
    assert posts(found["Quách Thị Liên"]) == {"phó giám đốc sở tư pháp tỉnh hòa bình"}


def test_a_body_ending_in_a_bare_head_gets_the_one_body_of_that_kind() -> None:
    text = (
        "Cục Hậu cần Quân khu 9 tổ chức tập huấn. Trung tá Lâm Văn Hậu, Trưởng phòng Quân "
        "nhu, Cục Hậu cần Quân khu giới thiệu chuyên đề."
    )
    assert posts(one(text)) == {"trưởng phòng phòng quân nhu, cục hậu cần quân khu 9"}


def test_the_head_of_a_working_group_leads_the_group_the_article_names() -> None:
    text = (
        "Đoàn công tác của Bộ Tư lệnh Quân khu 5 do Thiếu tướng Võ Văn Lực, Phó Tư lệnh "
        "Quân khu làm Trưởng đoàn đã làm việc tại Sư đoàn 315."
    )
    assert posts(one(text)) == {"phó tư lệnh quân khu 5", "trưởng đoàn đoàn công tác"}


def test_the_head_of_a_numbered_inspection_group() -> None:
    text = (
        "Đoàn kiểm tra số 3 của Ủy ban Kiểm tra Tỉnh ủy làm việc tại huyện. Ông Nông Văn "
        "Kiên, Ủy viên Ủy ban Kiểm tra Tỉnh ủy, Trưởng đoàn kiểm tra phát biểu."
    )
    assert posts(one(text)) == {
        "ủy viên ủy ban kiểm tra tỉnh ủy",
        "trưởng đoàn đoàn kiểm tra số 3",
    }


def test_a_post_introduced_for_a_list_of_names_goes_to_each() -> None:
    text = (
        "Dự có các đồng chí Phó Tư lệnh Quân khu 3: Thiếu tướng Lê Quang Minh, Thiếu tướng "
        "Trần Hồng Quân."
    )
    found = people(text)
    assert posts(found["Lê Quang Minh"]) == {"phó tư lệnh quân khu 3"}
    assert posts(found["Trần Hồng Quân"]) == {"phó tư lệnh quân khu 3"}


def test_a_post_given_by_order_of_its_holder_is_not_the_readers() -> None:
    text = (
        "Thừa lệnh Tư lệnh Quân khu 1, Đại tá Hà Văn Sơn, Tham mưu trưởng Quân khu 1 đọc mệnh lệnh."
    )
    assert posts(one(text)) == {"tham mưu trưởng quân khu 1"}


# -- where a body's name ends ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Trung tá Phùng Văn Tài, Trưởng phòng Phòng chống ma túy và tội phạm, Bộ Chỉ "
            "huy Bộ đội Biên phòng tỉnh Lạng Sơn phát biểu.",
            "trưởng phòng phòng phòng chống ma túy và tội phạm, bộ chỉ huy bộ đội biên phòng tỉnh "
            "lạng sơn",
        ),
        (
            "Thiếu tá Vi Văn Thắng, Phó Trưởng phòng An ninh mạng và phòng, chống tội phạm "
            "sử dụng công nghệ cao, Công an tỉnh Cao Bằng trình bày.",
            "phó trưởng phòng phòng an ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao, "
            "công an tỉnh cao bằng",
        ),
        (
            "Ông Lò Văn Pánh, Trưởng phòng Công tác học sinh, sinh viên giải đáp.",
            "trưởng phòng phòng công tác học sinh, sinh viên",
        ),
        (
            "Thiếu tá Lý Văn Sầu, Đồn trưởng Đồn Biên phòng cửa khẩu Hữu Nghị báo cáo.",
            "đồn trưởng đồn biên phòng cửa khẩu hữu nghị",
        ),
        (
            "Đại tá Lục Văn Hòa, Chủ tịch Hội đồng thành viên Tổng công ty Sông Thu phát biểu.",
            "chủ tịch hội đồng thành viên tổng công ty sông thu",
        ),
    ],
)
def test_body_names_with_lower_case_tails_commas_and_parents(text: str, expected: str) -> None:
    assert posts(one(text)) == {expected}


def test_a_commission_with_posts_of_its_own_is_the_posts_body() -> None:
    person = one("Bà Lương Thị Hoa, Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy dự.")
    assert [(p.title, p.organization) for p in person.positions] == [
        ("Phó Chủ nhiệm", "Ủy ban Kiểm tra Tỉnh ủy")
    ]


def test_a_name_written_like_a_head_stays_a_name() -> None:
    person = one("Thượng tá Nguyễn Hải Quân, Chính ủy Lữ đoàn 170 dự.")
    assert person.name == "Nguyễn Hải Quân"


def test_leading_a_group_in_lower_case_is_the_role_of_the_day_not_a_post() -> None:
    text = (
        "Đoàn công tác của Bộ Tư pháp do ông Phan Chí Hiếu, Thứ trưởng Bộ Tư pháp làm "
        "trưởng đoàn đã làm việc với tỉnh."
    )
    assert posts(one(text)) == {"thứ trưởng bộ tư pháp"}


def test_a_post_held_concurrently_may_be_written_in_lower_case() -> None:
    text = "Ông Đặng Văn Tâm, Giám đốc Sở Y tế kiêm giám đốc Bệnh viện Đa khoa tỉnh dự."
    assert posts(one(text)) == {"giám đốc sở y tế", "giám đốc bệnh viện đa khoa tỉnh"}


def test_a_body_named_after_a_head_is_not_completed_as_a_unit() -> None:
    text = (
        "Công an tỉnh Đồng Tháp tổ chức hội nghị. Trung tướng Lê Văn Tuyến, Thứ trưởng Bộ "
        "Công an dự."
    )
    assert posts(one(text)) == {"thứ trưởng bộ công an"}
