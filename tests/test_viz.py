"""The HTML graph: what it draws, what it leaves out, and that it is offline and safe."""

from __future__ import annotations

import html
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from kg.viz import VizInfo, build_network, render_html, write_html

KG = Namespace("https://w3id.org/kgvn/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DCT = Namespace("http://purl.org/dc/terms/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
B = "https://w3id.org/kgvn/id/"

HUNG = B + "person/nguyễn-việt-hùng--quân-khu-1"
BINH = B + "person/lê-văn-bình--a1"
MEETING = B + "article/a1/meeting/0"
BODY = B + "org/quân-khu-1"
DOC = B + "document/752-ct-ct"
CAMPAIGN = B + "campaign/quyết-thắng"
SENTENCES = (
    "Đại tá Nguyễn Việt Hùng, Phó Chính ủy Quân khu 1 chủ trì hội nghị.",
    "Đồng chí Lê Văn Bình phát biểu tại hội nghị tổng kết Chỉ thị 752/CT-CT.",
)


class _Article:
    """Builds one article in the docs/rdf.md shape; evidence points at its sentences."""

    def __init__(self, graph: Graph, article: str, sentences: tuple[str, ...]) -> None:
        self.g, self.article = graph, URIRef(B + "article/" + article)
        self.id = article
        self.add(self.article, RDF.type, KG.Article)
        self.add(self.article, RDF.type, SCHEMA.NewsArticle)
        self.add(self.article, DCT.identifier, Literal(article))
        begin = 0
        for n, text in enumerate(sentences):
            s = URIRef(f"{self.article}/sentence/{n}")
            self.add(s, RDF.type, NIF.Sentence)
            self.add(s, NIF.anchorOf, Literal(text))
            self.add(s, NIF.beginIndex, Literal(begin))
            self.add(s, NIF.referenceContext, self.article)
            begin += len(text) + 1

    def add(self, s: Any, p: Any, o: Any) -> None:
        # Literal is a str too: only plain strings are IRIs here.
        self.g.add((URIRef(s) if type(s) is str else s, p, URIRef(o) if type(o) is str else o))

    def evidence(self, subject: str, sentence: int, rule: str) -> None:
        ev = URIRef(f"{self.article}/evidence/{sentence}-{rule}")
        self.add(ev, RDF.type, KG.Evidence)
        self.add(ev, NIF.sentence, URIRef(f"{self.article}/sentence/{sentence}"))
        self.add(ev, NIF.referenceContext, self.article)
        self.add(subject, KG.evidence, ev)

    def entity(self, iri: str, types: tuple[URIRef, ...], name: str) -> None:
        for t in types:
            self.add(iri, RDF.type, t)
        self.add(iri, SCHEMA.name, Literal(name))
        self.add(iri, RDFS.label, Literal(name))
        self.add(self.article, SCHEMA.mentions, iri)

    def role(self, person: str, meeting: str, role: str, sentence: int) -> None:
        claim = f"{meeting}/role/{person.rsplit('/', 1)[-1]}--{role}"
        self.add(claim, RDF.type, KG.Participation)
        self.add(claim, KG.meeting, meeting)
        self.add(claim, KG.participant, person)
        self.add(claim, KG.role, Literal(role))
        self.add(meeting, SCHEMA.attendee, person)
        self.evidence(claim, sentence, f"role-{role}")


def sample(
    names: tuple[str, str] = ("Nguyễn Việt Hùng", "Lê Văn Bình"),
    sentences: tuple[str, ...] = SENTENCES,
) -> Graph:
    """One article: a meeting chaired by Hùng, Bình speaking, a document reviewed."""
    g = Graph()
    a = _Article(g, "a1", sentences)
    a.entity(HUNG, (SCHEMA.Person,), names[0])
    a.entity(BINH, (SCHEMA.Person,), names[1])
    a.entity(BODY, (ORG.Organization, SCHEMA.Organization), "Quân khu 1")
    rank = f"{a.article}/rank/hung"
    a.add(rank, RDF.type, KG.RankAssignment)
    a.add(rank, KG.person, HUNG)
    a.add(rank, KG.rank, Literal("Đại tá"))
    a.add(rank, KG.asOf, Literal("2024-05-10", datatype=XSD.date))
    a.evidence(rank, 0, "rank")
    hold = f"{a.article}/holding/hung--pcu"
    a.add(hold, RDF.type, ORG.Membership)
    a.add(hold, ORG.member, HUNG)
    a.add(hold, ORG.organization, BODY)
    a.add(hold, KG.title, Literal("Phó Chính ủy"))
    a.add(hold, KG.asOf, Literal("2024-05-10", datatype=XSD.date))
    a.evidence(hold, 0, "post")
    a.add(MEETING, RDF.type, KG.Meeting)
    a.add(MEETING, RDF.type, SCHEMA.Event)
    a.add(MEETING, RDFS.label, Literal("Hội nghị tổng kết Chỉ thị 752"))
    a.add(MEETING, SCHEMA.startDate, Literal("2024-05-10", datatype=XSD.date))
    a.add(MEETING, SCHEMA.organizer, BODY)
    a.add(MEETING, SCHEMA.location, B + "place/hà-nội")
    a.add(MEETING, PROV.wasDerivedFrom, a.article)
    a.add(MEETING, KG.online, Literal(True))
    a.evidence(MEETING, 0, "meeting")
    a.add(B + "place/hà-nội", RDF.type, SCHEMA.Place)
    a.add(B + "place/hà-nội", SCHEMA.name, Literal("Hà Nội"))
    a.role(HUNG, MEETING, "chair", 0)
    a.role(BINH, MEETING, "participant", 1)
    a.role(BINH, MEETING, "speaker", 1)
    a.add(DOC, RDF.type, KG.LegalDocument)
    a.add(DOC, DCT.identifier, Literal("752/CT-CT"))
    a.add(DOC, KG.documentType, Literal("Chỉ thị"))
    use = f"{MEETING}/document/752-ct-ct--reviews"
    a.add(use, RDF.type, KG.DocumentUse)
    a.add(use, KG.meeting, MEETING)
    a.add(use, KG.document, DOC)
    a.add(use, KG.relation, Literal("reviews"))
    a.add(MEETING, KG.reviews, DOC)
    a.entity(CAMPAIGN, (KG.Campaign,), "Quyết thắng")
    return g


def page_data(page: str) -> dict[str, Any]:
    """The JSON block the page draws from."""
    found = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "no data block"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


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


def test_article_strings_are_escaped() -> None:
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
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "p",
        "b",
        "main",
        "div",
        "aside",
        "section",
        "ul",
        "li",
        "span",
        "script",
    }
    assert not [a for _, attrs in found for a, _ in attrs if a.startswith("on")]
    raw = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.S)
    assert raw and not re.search("[<>&]", raw.group(1))
    data = page_data(page)
    hung = next(n for n in data["nodes"] if n["id"] == HUNG)
    # The label arrives escaped (the page script unescapes it for the canvas only).
    assert hung["label"] == html.escape(names[0][:39].rstrip()) + "…"
    assert html.escape(sentences[0]) in hung["title"]
    for text in (*names, *sentences):
        assert text not in hung["title"]
    assert f"<title>kg {html.escape(EVIL[3])}</title>" in page


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
    g = Graph()
    a = _Article(g, "big", ("Câu.",))
    for m in range(40):
        meeting = f"{B}article/big/meeting/{m}"
        a.add(meeting, RDF.type, KG.Meeting)
        a.add(meeting, RDFS.label, Literal(f"Hội nghị {m}"))
        for p in range(50):
            person = f"{B}person/p{m}-{p}"
            a.entity(person, (SCHEMA.Person,), f"Người {m} {p}")
            a.role(person, meeting, "participant", 0)
    net, info = build_network(g, max_nodes=1500)
    assert info.total_nodes == 2041 and info.capped and info.dropped_nodes == 541
    assert all(f"{B}article/big/meeting/{m}" in net for m in range(40))
    data = page_data(render_html(net, info, title="kg"))
    assert len(data["nodes"]) == 1500


# Runs the page script against stand-ins for the DOM and vis-network: checks that
# every inline script compiles, labels reach the canvas unescaped, tooltips become
# elements, and physics stops after stabilization. No browser is needed.
_HARNESS = r"""
const page = require("fs").readFileSync(process.argv[2], "utf8");
const data = page.match(/<script id="kg-data" type="application\/json">([\s\S]*?)<\/script>/)[1];
const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
scripts.forEach((src) => new Function(src));
const el = {
  "kg-data": { textContent: data }, "kg-status": { textContent: "" },
  "kg-panel": { innerHTML: "", textContent: "" }, "kg-network": {},
};
globalThis.document = {
  getElementById: (id) => el[id],
  createElement: () => ({ innerHTML: "" }),
};
const seen = { handlers: {} };
globalThis.vis = {
  DataSet: function (items) { this.items = items; },
  Network: function (box, d, options) {
    seen.nodes = d.nodes.items; seen.edges = d.edges.items; seen.options = options;
    this.on = (name, f) => { seen.handlers[name] = f; };
    this.once = this.on;
    this.setOptions = (o) => { seen.after = o; };
  },
};
new Function(scripts[scripts.length - 1])();
seen.handlers.stabilizationIterationsDone();
seen.handlers.selectNode({ nodes: [seen.nodes[0].id] });
console.log(JSON.stringify({
  labels: Object.fromEntries(seen.nodes.map((n) => [n.id, n.label])),
  edgeLabels: seen.edges.map((e) => e.label),
  tip: seen.nodes[0].title.innerHTML, panel: el["kg-panel"].innerHTML,
  after: seen.after, solver: seen.options.physics.solver,
}));
"""


def test_page_script_runs(tmp_path: Path) -> None:
    names = (f"An {EVIL[2]} & Cô", "Lê Văn Bình")
    info = write_html(sample(names), tmp_path / "graph.html")
    script = tmp_path / "harness.js"
    script.write_text(_HARNESS, encoding="utf-8")
    run = subprocess.run(
        ["node", str(script), str(tmp_path / "graph.html")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    out = json.loads(run.stdout)
    assert len(out["labels"]) == info.shown_nodes
    assert out["labels"][HUNG] == names[0] and out["labels"][BINH] == "Lê Văn Bình"
    assert "chủ trì / chair" in out["edgeLabels"]
    assert out["tip"].startswith('<div class="kg-name">') and out["tip"] == out["panel"]
    assert out["after"] == {"physics": {"enabled": False}} and out["solver"] == "barnesHut"
