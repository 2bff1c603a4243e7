"""Dates in the text and the year of a gathering (kg.extract.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import (
    DateMention,
    clock_lines,
    find_dates,
    full_dates,
    publication_date,
)
from kg.extract.years import infer_year


def _first(text: str) -> DateMention:
    found = find_dates(text)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chiều 4/8, Bộ Tư lệnh tổ chức", (4, 8, None, True)),
        ("(BĐBP) - Sáng 23.12, tại", (23, 12, None, True)),
        ("ban hành ngày 20-12-2022", (20, 12, 2022, True)),
        ("Sáng thứ Năm, ngày 9/3/2023, Đảng ủy", (9, 3, 2023, True)),
        ("ký ngày 3 tháng 6 năm 2013", (3, 6, 2013, True)),
        ("Ngày 29/2, đơn vị", (29, 2, None, True)),
        ("kế hoạch 15/7 lượt", (15, 7, None, False)),
        ("Ngày 15 và 16/7, tại", (15, 7, None, True)),
        ("Từ ngày 28 đến 30-3, tại", (28, 3, None, True)),
    ],
)
def test_find_dates_reads_the_genre_forms(text: str, expected: tuple[object, ...]) -> None:
    d = _first(text)
    assert (d.day, d.month, d.year, d.marked) == expected


def test_the_span_covers_the_marker_and_the_date() -> None:
    text = "Tin - Sáng ngày 10/5/2018, tại"
    d = _first(text)
    assert text[d.start : d.end] == "Sáng ngày 10/5/2018"


@pytest.mark.parametrize(
    "text",
    [
        "tỷ lệ tăng từ 10-15% so với",
        "với 1.427 lượt tổ chức và 2.000 đề tài",
        "giai đoạn 2021-2025",
        "ngày 31/2 không có",
        "quân số khỏe đạt 99,1%",
        "phòng, chống dịch Covid-19",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_iso_with_and_without_a_year() -> None:
    d = _first("Ngày 5/7, tại")
    assert d.iso() == "--07-05"
    assert d.iso(2022) == "2022-07-05"
    assert _first("ngày 5/7/2019").iso(2022) == "2019-07-05"


def test_the_page_clock_is_found_and_is_not_a_publication_date() -> None:
    text = "Hôm nay, ngày 3 tháng 4 năm 2020\nCỡ chữ: A+ A-\nNgày 1/4, Sư đoàn tổ chức"
    assert clock_lines(text) == [(0, 32)]
    assert publication_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tiêu đề bài\n04.9.2021 - 09:15\nNội dung", date(2021, 9, 4)),
        ("Tiêu đề\nThứ Hai, 12/06/2023 08:30 (GMT+7)\nNội dung", date(2023, 6, 12)),
        ("Cập nhật lúc 10:20, ngày 5/1/2024\nNội dung", date(2024, 1, 5)),
        ("Ngày 4/9/2021, Bộ Tư lệnh tổ chức Hội nghị\nNội dung", None),
    ],
)
def test_publication_stamp_lines(text: str, expected: date | None) -> None:
    assert publication_date(text) == expected


def test_publication_date_from_metadata_wins() -> None:
    assert publication_date("04.9.2021 - 09:15", "2021-09-05T07:00:00") == date(2021, 9, 5)


def test_a_written_year_wins() -> None:
    guess = infer_year(_first("Sáng ngày 9/3/2023"), label="Hội nghị tổng kết năm 2021")
    assert guess is not None and guess.year == 2023 and guess.basis == "written"


def test_anniversary_from_a_dated_document_in_the_name() -> None:
    label = "Hội nghị sơ kết 5 năm thực hiện Nghị quyết số 1657-NQ/QUTW ngày 20/6/2018"
    guess = infer_year(_first("Ngày 12/4, tại"), label=label)
    assert guess is not None and (guess.year, guess.basis) == (2023, "anniversary")


def test_anniversary_from_a_year_range() -> None:
    label = "Lễ kỷ niệm 70 năm Ngày thành lập Sư đoàn (1949 - 2019)"
    guess = infer_year(_first("Sáng 2/3, tại"), label=label)
    assert guess is not None and guess.year == 2019


@pytest.mark.parametrize(
    ("day_month", "label", "year"),
    [
        ("Chiều 28/12", "Hội nghị tổng kết công tác hậu cần năm 2021, triển khai năm 2022", 2021),
        ("Ngày 20/11", "Hội nghị tổng kết công tác dân vận năm 2019", 2019),
        ("Ngày 15/1", "Hội nghị tổng kết công tác quân sự năm 2019", 2020),
        ("Ngày 7/7", "Hội nghị sơ kết 6 tháng đầu năm 2022", 2022),
        ("Ngày 20/4", "Hội nghị tổng kết công tác năm 2019", None),
        ("Sáng 14/8", "Hội thao thể dục thể thao năm 2023", 2023),
        ("Sáng 14/12", "Hội nghị triển khai nhiệm vụ năm 2024", None),
        ("Sáng 14/12", "Hội nghị quân chính năm 2023", 2023),
        ("Sáng 5/1", "Lễ ra quân huấn luyện năm 2024", 2024),
        ("Sáng 5/1", "Hội nghị quân chính năm 2023", None),
    ],
)
def test_year_of_a_review_or_yearly_event(day_month: str, label: str, year: int | None) -> None:
    guess = infer_year(_first(day_month), label=label)
    assert (guess.year if guess else None) == year


def test_publication_date_bounds_the_year() -> None:
    guess = infer_year(_first("Sáng 10/5"), published=date(2018, 5, 11))
    assert guess is not None and (guess.year, guess.basis) == (2018, "publication date")
    guess = infer_year(_first("Chiều 30/12"), published=date(2020, 1, 3))
    assert guess is not None and guess.year == 2019
    assert infer_year(_first("Sáng 10/5"), published=date(2018, 12, 11)) is None


def test_a_document_issued_shortly_before_bounds_the_year() -> None:
    guess = infer_year(_first("Ngày 15/8"), cited=[date(2016, 5, 3), date(2022, 7, 1)])
    assert guess is not None and (guess.year, guess.basis) == (2022, "document dealt with")
    assert infer_year(_first("Ngày 15/8"), cited=[date(2016, 1, 3)]) is None


def test_without_evidence_the_year_stays_open() -> None:
    assert infer_year(_first("Ngày 15/8"), label="Hội nghị quân chính") is None


def test_full_dates_keeps_only_dates_with_a_year() -> None:
    dates = full_dates(find_dates("ngày 12/6/2021, ngày 15/7 và 3 tháng 6 năm 2013"))
    assert dates == [date(2021, 6, 12), date(2013, 6, 3)]


# The year of a gathering: each kind of evidence (kg.extract.years), in its order.


def test_an_anniversary_counted_from_a_december_base_leaves_the_year_open() -> None:
    # one year after 15/12/2021 completes in 2022-12; a meeting on 10/3 lies 3 months
    # after it (2023) but the count of years names 2022: the two disagree
    label = "Hội nghị sơ kết 1 năm thực hiện Nghị quyết số 09-NQ/ĐU ngày 15/12/2021"
    assert infer_year(_first("Ngày 10/3, tại"), label=label) is None


def test_an_anniversary_from_a_range_of_full_dates() -> None:
    label = "Lễ kỷ niệm 94 năm Ngày thành lập Đảng (3/2/1930 - 3/2/2024)"
    guess = infer_year(_first("Tối 2/2, tại"), label=label)
    assert guess is not None and (guess.year, guess.basis) == (2024, "anniversary")


@pytest.mark.parametrize(
    ("day_month", "label", "year"),
    [
        ("Ngày 12/6", "Đại hội thi đua Quyết thắng lực lượng vũ trang giai đoạn 2020 - 2025", 2025),
        ("Ngày 12/12", "Hội nghị tổng kết thực hiện nhiệm vụ giai đoạn 2020 - 2025", 2025),
        ("Ngày 10/2", "Hội nghị tổng kết công tác giai đoạn 2016 - 2020", 2021),
        ("Ngày 6/4", "Hội nghị tổng kết công tác giai đoạn 2016 - 2020", None),
        ("Ngày 9/9", "Đại hội Đảng bộ nhiệm kỳ 2025 - 2030", None),
        ("Sáng 3/11", "Lễ kỷ niệm Ngày truyền thống (1959 - 2024)", 2024),
    ],
)
def test_a_period_the_gathering_closes(day_month: str, label: str, year: int | None) -> None:
    guess = infer_year(_first(day_month), label=label)
    assert (guess.year if guess else None) == year


@pytest.mark.parametrize(
    ("day_month", "label", "year"),
    [
        ("Ngày 14/3", "Hội nghị sơ kết 6 tháng đầu năm 2024", 2024),
        ("Ngày 8/4", "Hội nghị sơ kết quý I năm 2025", 2025),
        ("Ngày 8/7", "Hội nghị sơ kết, triển khai nhiệm vụ 6 tháng cuối năm 2023", 2023),
        ("Ngày 8/1", "Hội nghị tổng kết 6 tháng cuối năm 2023", 2024),
    ],
)
def test_part_of_a_year(day_month: str, label: str, year: int | None) -> None:
    guess = infer_year(_first(day_month), label=label)
    assert (guess.year if guess else None) == year


@pytest.mark.parametrize(
    ("day_month", "year"),
    [("Chiều 18/12", 2024), ("Sáng 10/1", 2025), ("Sáng 10/6", None)],
)
def test_a_review_that_launches_the_next_year(day_month: str, year: int | None) -> None:
    label = "Hội nghị tổng kết công tác, triển khai nhiệm vụ năm 2025"
    guess = infer_year(_first(day_month), label=label)
    assert (guess.year if guess else None) == year


def test_a_year_in_a_laws_name_is_not_the_gathering_s() -> None:
    label = "Hội nghị quán triệt Luật Dân quân tự vệ năm 2019"
    assert infer_year(_first("Ngày 15/3"), label=label) is None


@pytest.mark.parametrize(("day_month", "year"), [("Ngày 14/3", 2024), ("Ngày 20/8", None)])
def test_turn_of_the_year_from_results_and_tasks(day_month: str, year: int | None) -> None:
    body = (
        "Năm 2023, đơn vị hoàn thành tốt công tác huấn luyện. Kết luận hội nghị, đồng chí "
        "Tư lệnh yêu cầu năm 2024 tiếp tục nâng cao chất lượng, so với năm 2022 phải vượt."
    )
    guess = infer_year(_first(day_month), body=body)
    assert (guess.year if guess else None) == year
    if guess:
        assert guess.basis == "turn of the year"


@pytest.mark.parametrize(("day_month", "year"), [("Ngày 20.12", 2023), ("Ngày 20.3", None)])
def test_the_year_the_lead_sets_the_report_in(day_month: str, year: int | None) -> None:
    lead = (
        "Ngày 20.12, Nhà máy Z tổ chức lễ bàn giao xe cho Lữ đoàn 18. Đây là đợt thứ hai "
        "nhà máy bàn giao trong năm 2023."
    )
    body = lead + "\nCông trình theo Luật Xây dựng năm 2014 được thực hiện."
    guess = infer_year(_first(day_month), lead=lead, body=body)
    assert (guess.year if guess else None) == year


def test_a_lead_year_needs_the_only_year_of_the_text() -> None:
    lead = "Ngày 20.12, Nhà máy Z bàn giao xe. Đây là đợt thứ hai trong năm 2023."
    body = lead + "\nXưởng khởi công năm 2020."
    assert infer_year(_first("Ngày 20.12"), lead=lead, body=body) is None


@pytest.mark.parametrize(("day_month", "year"), [("Ngày 15/12", 2020), ("Ngày 12/1", 2021)])
def test_years_of_a_period_counted_inclusively(day_month: str, year: int) -> None:
    label = "Hội nghị tổng kết 5 năm thực hiện Đề án giai đoạn 2016 - 2020"
    guess = infer_year(_first(day_month), label=label)
    assert guess is not None and (guess.year, guess.basis) == (year, "anniversary")


def test_a_gathering_held_for_an_anniversary_takes_its_year() -> None:
    occasion = (
        "Nhân dịp kỷ niệm 78 năm Ngày Quốc khánh (2/9/1945 – 2/9/2023), sáng 28/8, Đảng ủy "
        "xã tổ chức lễ trao Huy hiệu Đảng"
    )
    guess = infer_year(_first("sáng 28/8"), label="lễ trao Huy hiệu Đảng", occasion=occasion)
    assert guess is not None and (guess.year, guess.basis) == (2023, "occasion")
    # without an anniversary the sentence says nothing of the year
    plain = "Sáng 28/8, Đảng ủy xã tổ chức lễ trao Huy hiệu 30 năm tuổi Đảng"
    assert infer_year(_first("sáng 28/8"), occasion=plain) is None
