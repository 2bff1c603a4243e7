"""The HTML graph: what it draws, what it leaves out, and that it is offline and safe.

The page's behaviour in a real browser (search, filters, side panel, no script from
article text) is tested in tests/test_browser.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from kg.cli import main
from kg.viz import VizInfo, build_network, render_html, write_html
from kg.viz_html import csp_hash
from tests.viz_sample import (
    BINH,
    BODY,
    CAMPAIGN,
    DOC,
    HUNG,
    MEETING,
    SENTENCES,
    SOURCE,
    B,
    big_graph,
    fill_store,
    page_data,
    sample,
)


class _Tags(HTMLParser):
    """Start tags and attributes outside raw-text elements, and the script count."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def edges_by_label(net: Any) -> set[tuple[str, str, str]]:
    return {(u, v, d["label"]) for u, v, d in net.edges(data=True)}


def test_entities_and_labelled_claims() -> None:
    net, info = build_network(sample())
    kinds = dict(net.nodes(data="kind"))
    assert kinds[HUNG] == "person" and kinds[MEETING] == "meeting" and kinds[BODY] == "body"
    assert kinds[DOC] == "document" and kinds[B + "article/a1"] == "article"
    # Claims, evidence and sentences are not drawn.
    assert not any("/evidence/" in n or "/sentence/" in n or "/role/" in n for n in net.nodes)
    assert {
        (HUNG, MEETING, "chủ trì / chair"),
        (BINH, MEETING, "dự / participant"),
        (BINH, MEETING, "phát biểu / speaker"),
        (HUNG, BODY, "Phó Chính ủy"),
        (MEETING, BODY, "tổ chức"),
        (MEETING, DOC, "tổng kết / reviews"),
        (MEETING, B + "place/hà-nội", "địa điểm / location"),
        (B + "article/a1", MEETING, "đưa tin / reports"),
    } <= edges_by_label(net)
    # The shortcut kg:reviews and the DocumentUse are one edge; attendance adds none.
    assert net.number_of_edges(MEETING, DOC) == 1
    assert net.number_of_edges(HUNG, MEETING) == 1
    # Only the campaign, which nothing else connects, hangs on the article.
    mentions = {v for u, v, d in net.edges(data=True) if d["kind"] == "mentions"}
    assert mentions == {CAMPAIGN}
    assert info.shown_nodes == net.number_of_nodes() == 8 and not info.capped


def test_side_information() -> None:
    net, _ = build_network(sample())
    hung = net.nodes[HUNG]
    assert hung["label"] == "Nguyễn Việt Hùng"
    assert hung["ranks"] == (("Đại tá", "2024-05-10"),)
    assert hung["posts"] == (("Phó Chính ủy", "Quân khu 1", "2024-05-10"),)
    assert hung["sources"] == (("a1", SENTENCES[0]),)
    assert ("Ngày", "2024-05-10") in net.nodes[MEETING]["facts"]
    assert ("Trực tuyến", "có") in net.nodes[MEETING]["facts"]
    assert net.nodes[DOC]["label"] == "Chỉ thị 752/CT-CT"
    chair = net.edges[HUNG, MEETING, "role:chair"]
    assert chair["sources"] == (("a1", SENTENCES[0]),)


def test_page_draws_every_node_and_edge() -> None:
    net, info = build_network(sample())
    data = page_data(render_html(net, info, title="kg"))
    assert len(data["nodes"]) == net.number_of_nodes()
    assert len(data["edges"]) == net.number_of_edges()
    assert {n["id"] for n in data["nodes"]} == set(net.nodes)
    labels = {(e["from"], e["to"], e["label"]) for e in data["edges"]}
    assert (HUNG, MEETING, "chủ trì / chair") in labels
    assert (BINH, MEETING, "phát biểu / speaker") in labels
    hung = next(n for n in data["nodes"] if n["id"] == HUNG)
    assert "Đại tá" in hung["title"] and "Phó Chính ủy" in hung["title"]
    assert "2024-05-10" in hung["title"] and SENTENCES[0] in hung["title"]
    assert hung["shape"] == "dot"


def test_long_sentences_are_cut_in_tooltips_only() -> None:
    long = "Đồng chí Nguyễn Việt Hùng chủ trì " + "và phát biểu " * 100 + "cuối câu."
    net, info = build_network(sample(sentences=(long, SENTENCES[1])))
    assert net.nodes[HUNG]["sources"] == (("a1", long),)
    hung = next(
        n for n in page_data(render_html(net, info, title="kg"))["nodes"] if n["id"] == HUNG
    )
    assert long[:300] in hung["title"] and "cuối câu." not in hung["title"] and "…" in hung["title"]
    # The side panel shows the whole sentence.
    data = page_data(render_html(net, info, title="kg"))
    assert [data["sentences"][i] for i in hung["kg"]["s"]] == [["a1", long]]


def test_legend_lists_the_classes_present() -> None:
    net, info = build_network(sample())
    page = render_html(net, info, title="kg")
    legend = [
        dict(attrs)["data-class"]
        for tag, attrs in tags(page)
        if tag == "li" and "data-class" in dict(attrs)
    ]
    assert legend == ["article", "meeting", "document", "campaign", "place", "body", "person"]
    assert "Hội nghị, sự kiện" in page and "award" not in legend
    assert info.classes[-1] == ("person", 2)


def test_capped_view_says_so() -> None:
    net, info = build_network(sample(), max_nodes=3)
    assert info.capped and info.dropped_nodes == 5 and info.total_nodes == 8
    # The best-connected nodes stay: the meeting, and the body (4 edges).
    assert MEETING in net and BODY in net and net.number_of_nodes() == 3
    page = render_html(net, info, title="kg")
    assert 'id="kg-capped"' in page and "bỏ 5 nút" in page and "capped at 3" in page
    assert len(page_data(page)["nodes"]) == 3
    full, full_info = build_network(sample())
    assert 'id="kg-capped"' not in render_html(full, full_info, title="kg")


def test_focus_by_name_without_diacritics_and_by_iri() -> None:
    one, info = build_network(sample(), focus="nguyen viet hung", depth=1)
    assert info.focus_nodes == (HUNG,)
    assert set(one.nodes) == {HUNG, MEETING, BODY}
    two, _ = build_network(sample(), focus="Nguyễn Việt Hùng", depth=2)
    assert {BINH, DOC, B + "article/a1"} <= set(two.nodes) and CAMPAIGN not in two
    by_iri, _ = build_network(sample(), focus=BINH, depth=0)
    assert set(by_iri.nodes) == {BINH}
    _, partial_info = build_network(sample(), focus="quân khu", depth=0)
    assert partial_info.focus_nodes == (BODY,)
    page = render_html(one, info, title="kg")
    assert 'id="kg-focus"' in page and "nguyen viet hung" in page
    with pytest.raises(LookupError):
        build_network(sample(), focus="Trần Văn Không")


def test_no_remote_resources() -> None:
    net, info = build_network(sample())
    page = render_html(net, info, title="kg")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    for tag, attrs in tags(page):
        for name, value in attrs:
            assert not (name in {"src", "href"} and value and "//" in value), (tag, name)
    assert "bootstrap" not in page and "cdnjs" not in page and "jsdelivr" not in page
    assert "new vis.Network" in page and len(page) > 400_000  # vis-network is inlined


EVIL = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</script><script>alert(2)//",
)


def test_article_strings_never_become_markup() -> None:
    names = (f"An {EVIL[0]} {EVIL[1]}", f"Bình {EVIL[2]} {EVIL[3]}")
    sentences = (f"Câu {EVIL[0]} {EVIL[3]}", f"Câu {EVIL[1]} {EVIL[2]}")
    net, info = build_network(sample(names, sentences))
    page = render_html(net, info, title=f"kg {EVIL[3]}")
    lowered = page.lower()
    assert "<script>alert" not in lowered and "<img" not in lowered and "<svg onload" not in lowered
    found = tags(page)
    # Three scripts (data, vis-network, page), each closed once: nothing ended one early.
    assert [t for t, _ in found].count("script") == lowered.count("</script") == 3
    assert {t for t, _ in found} <= {
        *("html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "b"),
        *("main", "div", "aside", "section", "ul", "li", "span", "script"),
        *("label", "input", "button"),
    }
    assert not [a for _, attrs in found for a, _ in attrs if a.startswith("on")]
    raw = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert raw and not re.search("[<>&]", raw.group(1))
    data = page_data(page)
    hung = next(n for n in data["nodes"] if n["id"] == HUNG)
    # Strings travel as plain text; the page shows them as text (textContent, innerText,
    # canvas), so there is nothing to unescape and nothing is parsed as markup.
    assert hung["label"] == names[0][:39].rstrip() + "…"
    assert hung["kg"]["n"] == names[0] and sentences[0] in hung["title"]
    assert ["a1", sentences[0]] in data["sentences"]
    assert f"<title>kg {html.escape(EVIL[3])}</title>" in page


def test_page_script_never_writes_markup() -> None:
    script = (Path(__file__).parent.parent / "kg" / "viz_assets" / "page.js").read_text("utf-8")
    code = "\n".join(line for line in script.splitlines() if not line.strip().startswith("//"))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code, sink
    assert "textContent" in code


def test_source_files_become_safe_links_only() -> None:
    net, info = build_network(sample(source="seeds/bài #1.txt"))
    data = page_data(render_html(net, info, title="kg"))
    assert data["files"] == {"a1": "seeds/bài %231.txt"}
    hung = next(n for n in data["nodes"] if n["id"] == HUNG)
    assert data["sentences"][hung["kg"]["s"][0]] == ["a1", SENTENCES[0]]
    article = next(n for n in data["nodes"] if n["id"] == B + "article/a1")
    assert article["kg"]["art"] == "a1"
    for bad in ("javascript:alert(1)", "data:text/html,<b>x</b>", " vbscript:x"):
        net, info = build_network(sample(source=bad))
        assert page_data(render_html(net, info, title="kg"))["files"] == {}


def test_meeting_dates_feed_the_date_filter() -> None:
    net, info = build_network(sample())
    data = page_data(render_html(net, info, title="kg"))
    dated = {n["id"]: n["kg"]["d"] for n in data["nodes"] if n["kg"]["d"]}
    assert dated == {MEETING: "2024-05-10"}
    post = next(e for e in data["edges"] if e["from"] == HUNG and e["to"] == BODY)
    assert post["kg"]["d"] == ["2024-05-10"] and post["kg"]["k"] == "post"
    assert net.graph["files"] == {"a1": SOURCE}


def test_deterministic_bytes(tmp_path: Path) -> None:
    graph = sample()
    shuffled = Graph()
    for triple in sorted(graph, key=lambda t: tuple(map(str, t)), reverse=True):
        shuffled.add(triple)
    first = render_html(*build_network(graph), title="kg")
    assert render_html(*build_network(graph), title="kg") == first
    assert render_html(*build_network(shuffled), title="kg") == first
    write_html(graph, tmp_path / "a.html")
    write_html(shuffled, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_write_html_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(LookupError):
        write_html(sample(), target, focus="nobody")
    assert target.read_text(encoding="utf-8") == "old"
    info = write_html(sample(), target, title="Tin hoạt động")
    assert isinstance(info, VizInfo) and info.shown_nodes == 8
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
    assert "<h1>Tin hoạt động</h1>" in target.read_text(encoding="utf-8")


def test_dataset_is_read_as_the_union_of_its_graphs() -> None:
    ds = Dataset()
    named = ds.graph(URIRef(B + "article/a1"))
    for triple in sample():
        named.add(triple)
    net, _ = build_network(ds)
    assert net.number_of_nodes() == 8


def test_physics_settles_fast() -> None:
    net, info = build_network(sample())
    options = page_data(render_html(net, info, title="kg"))["options"]
    assert options["physics"]["solver"] == "barnesHut"
    assert options["physics"]["stabilization"]["iterations"] <= 200
    assert options["edges"]["smooth"] is False


def test_large_graph_is_capped_in_the_page() -> None:
    net, info = build_network(big_graph(), max_nodes=1500)
    assert info.total_nodes == 2041 and info.capped and info.dropped_nodes == 541
    assert all(f"{B}article/big/meeting/{m}" in net for m in range(40))
    data = page_data(render_html(net, info, title="kg"))
    assert len(data["nodes"]) == 1500


def test_viz_command(tmp_path: Path) -> None:
    fill_store(sample(), tmp_path)
    run = CliRunner().invoke(main, ["viz", "--store", str(tmp_path)])
    assert run.exit_code == 0, run.output
    assert run.stdout == f"8 nodes, 9 edges written to {tmp_path / 'graph.html'}\n"
    assert len(page_data((tmp_path / "graph.html").read_text("utf-8"))["nodes"]) == 8
    focus = ["viz", "--store", str(tmp_path), "--focus", "nguyen viet hung", "--depth", "1"]
    run = CliRunner().invoke(main, focus)
    target = tmp_path / "focus-nguyen-viet-hung.html"
    assert run.exit_code == 0 and run.stdout.endswith(f"written to {target}\n"), run.output
    page = target.read_text("utf-8")
    assert {n["id"] for n in page_data(page)["nodes"]} == {HUNG, MEETING, BODY}
    assert "<title>kg: nguyen viet hung</title>" in page
    out = tmp_path / "sub" / "capped.html"
    run = CliRunner().invoke(
        main, ["viz", "--store", str(tmp_path), "--max-nodes", "3", "-o", str(out)]
    )
    assert run.exit_code == 0 and "capped: the 5 least connected of 8 nodes" in run.stdout
    assert 'id="kg-capped"' in out.read_text("utf-8")


def test_viz_unknown_focus_is_one_line(tmp_path: Path) -> None:
    fill_store(sample(), tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    run = CliRunner().invoke(main, ["viz", "--store", str(tmp_path), "--focus", "Trần Văn Không"])
    assert run.exit_code == 1 and run.stdout == ""
    assert run.stderr.startswith("kg: error: no node matches the focus 'Trần Văn Không'")
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    run = CliRunner().invoke(main, ["viz", "--store", str(tmp_path / "none")])
    assert run.exit_code == 1 and run.stderr.startswith("kg: error: no kg store")


def test_content_security_policy_allows_only_the_page_own_code() -> None:
    page = render_html(*build_network(sample()), title="kg")
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert found
    csp = html.unescape(found.group(1))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 2 and len(styles) == 3
    assert all(csp_hash(text) in csp for text in scripts + styles)
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe" not in csp
    # No style attribute either: the policy would refuse it.
    assert not [a for _, attrs in tags(page) for a, _ in attrs if a == "style"]
