"""Numbered legal and party documents (kg.extract.documents)."""

from __future__ import annotations

import pytest

from kg.document import Document
from kg.extract.documents import (
    code_type,
    find_references,
    find_short_references,
    read_documents,
)
from kg.extract.symbols import symbol_issuer
from kg.model import ArticleExtraction, LegalDocument
from kg.rules import load_rules


def _docs(text: str) -> dict[str, LegalDocument]:
    doc = Document.from_text("t", text)
    return {d.identifier: d for d in read_documents(doc, ArticleExtraction("t"))}


def test_party_document_with_date_issuer_and_quoted_title() -> None:
    text = (
        "Hội nghị quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về "
        "“Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”."
    )
    d = _docs(text)["05-CT/TW"]
    assert (d.type, d.date, d.issuer) == ("Chỉ thị", "2016-05-15", "Bộ Chính trị")
    assert d.title == "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    ev = d.evidence[0]
    assert text[ev.start : ev.end] == "05-CT/TW"


def test_state_documents_and_normative_numbers_with_years() -> None:
    text = (
        "Thực hiện Thông tư số 160/2014/TT-BQP ngày 3/11/2014 của Bộ Quốc phòng và "
        "Nghị định 30/2020/NĐ-CP, đơn vị triển khai Quyết định số 1269/QĐ-BQP."
    )
    docs = _docs(text)
    assert list(docs) == ["160/2014/TT-BQP", "30/2020/NĐ-CP", "1269/QĐ-BQP"]
    assert (docs["160/2014/TT-BQP"].type, docs["160/2014/TT-BQP"].date) == (
        "Thông tư",
        "2014-11-03",
    )
    assert docs["160/2014/TT-BQP"].issuer == "Bộ Quốc phòng"
    assert docs["30/2020/NĐ-CP"].type == "Nghị định"
    assert docs["1269/QĐ-BQP"].type == "Quyết định"


def test_issuer_before_a_signing_verb() -> None:
    d = _docs("theo Quyết định số 48/QĐ-BQP do Bộ trưởng Bộ Quốc phòng ký ban hành")["48/QĐ-BQP"]
    assert d.issuer == "Bộ trưởng Bộ Quốc phòng"


def test_a_list_sharing_one_symbol_gives_one_document_each() -> None:
    refs = find_references("thực hiện Quyết định 217, 218-QĐ/TW của Bộ Chính trị")
    assert [(r.identifier, r.type, r.issuer) for r in refs] == [
        ("217-QĐ/TW", "Quyết định", "Bộ Chính trị"),
        ("218-QĐ/TW", "Quyết định", "Bộ Chính trị"),
    ]
    refs = find_references("các Nghị quyết số 1652, 1653 và 1661-NQ/QUTW của Quân ủy Trung ương")
    assert [r.identifier for r in refs] == ["1652-NQ/QUTW", "1653-NQ/QUTW", "1661-NQ/QUTW"]
    assert {r.issuer for r in refs} == {"Quân ủy Trung ương"}


def test_the_type_word_in_the_text_wins_over_the_symbol_code() -> None:
    d = _docs("ban hành Chương trình hành động số 08-NQ/TU của Tỉnh ủy")["08-NQ/TU"]
    assert d.type == "Chương trình hành động"
    assert code_type("NQ", "party") == "Nghị quyết"


def test_without_a_type_word_the_code_gives_the_type() -> None:
    docs = _docs("theo 1234/KH-BCH và 56-KL/TW, cùng 12/2021/TT-BQP")
    assert [docs[k].type for k in docs] == ["Kế hoạch", "Kết luận", "Thông tư"]


def test_thong_tu_and_thong_tri_share_a_code() -> None:
    assert code_type("TT", "state") == "Thông tư"
    assert code_type("TT", "party") == "Thông tri"
    assert _docs("Thực hiện 20-TT/TW của Ban Bí thư")["20-TT/TW"].type == "Thông tri"


def test_documents_listed_before_one_subject_share_it() -> None:
    text = (
        "sơ kết Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương (khóa XI) và Kế hoạch "
        "số 45-KH/TU của Ban Thường vụ Tỉnh ủy về “Chiến lược bảo vệ Tổ quốc trong tình hình mới”."
    )
    docs = _docs(text)
    assert docs["28-NQ/TW"].issuer == "Ban Chấp hành Trung ương"
    assert docs["45-KH/TU"].issuer == "Ban Thường vụ Tỉnh ủy"
    assert {d.title for d in docs.values()} == {"Chiến lược bảo vệ Tổ quốc trong tình hình mới"}


def test_type_word_covers_a_list_of_full_identifiers() -> None:
    docs = _docs("quán triệt các Nghị quyết số 36-NQ/TW, 37-NQ/TW và Kế hoạch 9/KH-UBND")
    assert [(k, d.type) for k, d in docs.items()] == [
        ("36-NQ/TW", "Nghị quyết"),
        ("37-NQ/TW", "Nghị quyết"),
        ("9/KH-UBND", "Kế hoạch"),
    ]


def test_unquoted_subject_after_ve() -> None:
    d = _docs("Kết luận số 21-KL/TW của Ban Chấp hành Trung ương về đẩy mạnh xây dựng Đảng; tiếp")
    assert d["21-KL/TW"].title == "đẩy mạnh xây dựng Đảng"


def test_dd_mm_yyyy_issue_dates_and_spaces_in_the_symbol() -> None:
    docs = _docs("Kế hoạch số 75 /KH-BCH, ngày 20-12-2022 và Nghị quyết 12 - NQ/ĐU")
    assert docs["75/KH-BCH"].date == "2022-12-20"
    assert "12-NQ/ĐU" in docs


def test_short_reference_is_an_alias_not_a_document() -> None:
    text = (
        "Qua 5 năm thực hiện Chỉ thị số 87/CT-BQP của Bộ trưởng Bộ Quốc phòng (gọi tắt là "
        "Chỉ thị 87), đơn vị đạt kết quả tốt. Chỉ thị 87 được quán triệt sâu rộng."
    )
    docs = _docs(text)
    assert list(docs) == ["87/CT-BQP"]
    d = docs["87/CT-BQP"]
    assert d.aliases == ("Chỉ thị 87",)
    assert len(d.evidence) == 3
    assert d.issuer == "Bộ trưởng Bộ Quốc phòng"


def test_issuer_starting_with_an_accented_capital_and_a_short_reference_with_a_zero() -> None:
    d = _docs("Kế hoạch số 02/KH-UBND của Ủy ban nhân dân tỉnh về phòng thủ. Kế hoạch 2 nêu rõ.")
    assert d["02/KH-UBND"].issuer == "Ủy ban nhân dân tỉnh"
    assert d["02/KH-UBND"].aliases == ("Kế hoạch 2",)


def test_a_short_reference_without_its_full_identifier_makes_no_document() -> None:
    assert _docs("Nghị quyết 23 của Quân ủy Trung ương được triển khai.") == {}


def test_short_reference_of_another_type_is_not_merged() -> None:
    docs = _docs("Chỉ thị số 16/CT-TTg và Quyết định 16 của Bộ trưởng")
    assert docs["16/CT-TTg"].aliases == ()


@pytest.mark.parametrize(
    "text",
    [
        "Sư đoàn 3/Trung đoàn 2 tổ chức",
        "ngày 15/7/2021 và 12/6",
        "phòng chống dịch COVID-19/2020",
        "nhiệm kỳ 2020 - 2025",
        "Tiểu đoàn 5/Lữ đoàn 971",
    ],
)
def test_things_that_are_not_identifiers(text: str) -> None:
    assert find_references(text) == []


def test_find_short_references() -> None:
    shorts = find_short_references("Nghị quyết 20 và nghị quyết số 7, Nghị quyết Trung ương 4")
    assert [(s.alias, s.number) for s in shorts] == [("Nghị quyết 20", "20"), ("Nghị quyết 7", "7")]


def test_mentions_of_one_document_merge_and_keep_the_first_details() -> None:
    text = (
        "Thực hiện 35-KL/TW. Sau đó, Kết luận số 35-KL/TW ngày 5/5/2022 của Bộ Chính trị "
        "được phổ biến."
    )
    doc = Document.from_text("t", text)
    docs = read_documents(doc, ArticleExtraction("t"))
    assert len(docs) == 1
    d = docs[0]
    assert (d.type, d.date, d.issuer, len(d.evidence)) == (
        "Kết luận",
        "2022-05-05",
        "Bộ Chính trị",
        2,
    )
    assert [doc.sentence_index(e.start) for e in d.evidence] == [0, 1]


def test_a_type_word_after_a_generic_word_is_the_type() -> None:
    docs = _docs("Đơn vị làm theo quy định tại Thông tư số 12/2019/TT-BQP về quản lý vũ khí.")
    assert docs["12/2019/TT-BQP"].type == "Thông tư"


@pytest.mark.parametrize(
    "text",
    [
        "ký Chương trình phối hợp số 15/CTPH-BCA-BQP ngày 2/3/2022",
        "thực hiện Chương trình số 15/CTPH-BCA-BQP giữa hai bộ",
        "theo văn bản số 15/CTPH-BCA-BQP",
    ],
)
def test_a_multi_word_type_and_a_code_that_refines_the_word(text: str) -> None:
    assert _docs(text)["15/CTPH-BCA-BQP"].type == "Chương trình phối hợp"


@pytest.mark.parametrize(
    ("text", "identifier", "issuer"),
    [
        (
            "Nghị định số 15/2021/NĐ-CP ngày 3/3/2021 của Chính phủ quy định chi tiết một số điều",
            "15/2021/NĐ-CP",
            "Chính phủ",
        ),
        (
            "công bố Quyết định số 88/QĐ-BQP ngày 2-4-2025 của Bộ trưởng Bộ Quốc phòng điều động",
            "88/QĐ-BQP",
            "Bộ trưởng Bộ Quốc phòng",
        ),
        (
            "Thông tư số 20/2022/TT-BNNPTNT của Bộ Nông nghiệp và Phát triển nông thôn về rừng",
            "20/2022/TT-BNNPTNT",
            "Bộ Nông nghiệp và Phát triển nông thôn",
        ),
        (
            "Chỉ thị số 07/CT-BCA của Bộ Công an và Bộ Quốc phòng về phối hợp",
            "07/CT-BCA",
            "Bộ Công an",
        ),
    ],
)
def test_the_issuer_ends_before_its_verb_or_another_body(
    text: str, identifier: str, issuer: str
) -> None:
    assert _docs(text)[identifier].issuer == issuer


def test_without_an_issuer_in_the_text_an_unambiguous_code_names_it() -> None:
    docs = _docs(
        "Thực hiện Nghị định 72/2020/NĐ-CP, Quyết định 1780/QĐ-TTg, Quyết định 2145/QĐ-BQP, "
        "Nghị quyết 1657-NQ/QUTW, Nghị quyết 44-NQ/TW và Kế hoạch 05-KH/TU."
    )
    assert {k: d.issuer for k, d in docs.items()} == {
        "72/2020/NĐ-CP": "Chính phủ",
        "1780/QĐ-TTg": "Thủ tướng Chính phủ",
        "2145/QĐ-BQP": "Bộ Quốc phòng",
        "1657-NQ/QUTW": "Quân ủy Trung ương",
        "44-NQ/TW": None,
        "05-KH/TU": None,
    }


def test_an_issuer_in_the_text_wins_over_the_code_even_when_named_later() -> None:
    text = (
        "Theo Quyết định 61/QĐ-BQP, đơn vị kiện toàn. Quyết định 61/QĐ-BQP của Tổng Tham mưu trưởng"
    )
    assert _docs(text)["61/QĐ-BQP"].issuer == "Tổng Tham mưu trưởng"


def test_symbol_codes_read_by_the_symbols_module() -> None:
    assert symbol_issuer("123/BQP-VP") == "Bộ Quốc phòng"  # a Công văn: no type code
    assert symbol_issuer("22/2018/QH14") == "Quốc hội"
    assert symbol_issuer("36-HD/VPTW") == "Văn phòng Trung ương Đảng"
    assert symbol_issuer("20-NQ/TW") is None
    assert code_type("QĐi", "party") == "Quy định" and code_type("CTPH", "party")


def test_issuer_codes_are_well_formed() -> None:
    rules = load_rules("issuer_codes")
    assert {r.label for r in rules} == {"ISSUER"}
    assert all(r.get("issuer") and r.get("system") in ("state", "party") for r in rules)
    assert not {r.pattern for r in rules} & {"TW", "TU", "UBND"}  # shared by several organs


def test_a_number_and_symbol_need_a_type_word_or_a_type_code() -> None:
    text = (
        "Phần mềm chạy được trên Windows 98/ME, văn phòng đặt tại 45/B12 đường Trần Phú; "
        "Sở đã có Công văn số 315/SNV-TCBC và áp dụng NĐ 91/CP ngày 5/8/1998."
    )
    refs = {r.identifier: r.type for r in find_references(text)}
    assert refs == {"315/SNV-TCBC": "Công văn", "91/CP": "Nghị định"}


def test_the_issuer_ends_before_a_clause_joining_other_work() -> None:
    text = (
        "Đảng bộ tiếp tục thực hiện Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành "
        "Trung ương gắn với xây dựng tổ chức đảng trong sạch, vững mạnh."
    )
    d = _docs(text)["21-KL/TW"]
    assert (d.type, d.date, d.issuer) == ("Kết luận", "2021-10-25", "Ban Chấp hành Trung ương")


def test_a_body_that_issued_a_document_may_be_the_subject_before_it() -> None:
    d = _docs(
        "Đồng chí đề nghị rà soát những việc Ban Thường vụ Huyện ủy đã chỉ ra tại Thông báo "
        "kết luận số 312-TB/HU ngày 5/3/2024; thực hiện nghiêm Kế hoạch số 40-KH/ĐU."
    )
    assert d["312-TB/HU"].issuer == "Ban Thường vụ Huyện ủy"
    assert d["40-KH/ĐU"].issuer is None


def test_the_symbol_issuer_wins_over_a_subject_before_the_document() -> None:
    d = _docs("Năm 2022, Thủ tướng ban hành Quyết định số 640/QĐ-TTg về phát triển cây dược liệu.")
    assert d["640/QĐ-TTg"].issuer == "Thủ tướng Chính phủ"
