"""What the HTML graph draws: node classes, their look, and the edge labels.

One table drives classification (:func:`classify`), node shapes and colours, and the
legend, so the three never disagree. The namespace IRIs are spelled out here, as in
``docs/rdf.md``, so the page can be drawn from any graph of that shape.

Example:
    >>> classify({SCHEMA.Person, KG.Author}).key
    'author'
    >>> CLASS_BY_KEY["meeting"].shape
    'diamond'
    >>> ROLE_LABELS["chair"]
    'chủ trì / chair'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

KG = Namespace("https://w3id.org/kgvn/ontology#")
# A plain namespace: rdflib's SDO warns on every unknown attribute lookup.
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


@dataclass(frozen=True, slots=True)
class NodeClass:
    """How one kind of entity is drawn.

    Attributes:
        key: Stable English key, stored as the ``kind`` node attribute.
        label: Vietnamese name shown in the legend and tooltips.
        english: English name, shown next to the Vietnamese one in the legend.
        types: RDF classes that make a node this kind.
        shape: vis-network shape.
        color: Fill colour.
        symbol: Character that stands for the shape in the legend.
    """

    key: str
    label: str
    english: str
    types: tuple[URIRef, ...]
    shape: str
    color: str
    symbol: str


# Order matters twice: it is the classification priority (an author is also a
# schema:Person, an article also mentions everything) and the legend order.
CLASSES: tuple[NodeClass, ...] = (
    NodeClass(
        "article", "Bài báo", "article", (KG.Article, SCHEMA.NewsArticle), "box", "#d5d0cb", "▭"
    ),
    NodeClass("author", "Tác giả", "author", (KG.Author,), "dot", "#9c755f", "●"),
    NodeClass(
        "meeting",
        "Hội nghị, sự kiện",
        "meeting",
        (KG.Meeting, SCHEMA.Event),
        "diamond",
        "#e15759",
        "◆",
    ),
    NodeClass("document", "Văn bản", "document", (KG.LegalDocument,), "triangle", "#76b7b2", "▲"),
    NodeClass("award", "Khen thưởng", "award", (KG.Award,), "hexagon", "#b07aa1", "⬢"),
    NodeClass("campaign", "Phong trào", "campaign", (KG.Campaign,), "star", "#edc948", "★"),
    NodeClass("place", "Địa điểm", "place", (SCHEMA.Place,), "triangleDown", "#59a14f", "▼"),
    NodeClass(
        "body",
        "Cơ quan, đơn vị",
        "body",
        (ORG.Organization, SCHEMA.Organization),
        "square",
        "#f28e2b",
        "■",
    ),
    NodeClass("person", "Người", "person", (SCHEMA.Person,), "dot", "#4e79a7", "●"),
)
CLASS_BY_KEY: dict[str, NodeClass] = {c.key: c for c in CLASSES}
ENTITY_TYPES: tuple[URIRef, ...] = tuple(t for c in CLASSES for t in c.types)

ROLE_LABELS: dict[str, str] = {
    "chair": "chủ trì / chair",
    "participant": "dự / participant",
    "speaker": "phát biểu / speaker",
    "presenter": "trao / presenter",
}
RELATION_LABELS: dict[str, str] = {
    "reviews": "tổng kết / reviews",
    "disseminates": "quán triệt / disseminates",
    "cites": "trích dẫn / cites",
}
ORGANIZER = "tổ chức"
LOCATION = "địa điểm / location"
ISSUED_BY = "ban hành / issued by"
AWARD_ISSUER = "cấp / issuer"
AUTHOR = "tác giả / author"
REPORTS = "đưa tin / reports"
MENTIONS = "nhắc đến / mentions"

# The properties each kind of node shows as facts: (Vietnamese field name, property).
FACT_FIELDS: dict[str, tuple[tuple[str, URIRef], ...]] = {
    "meeting": (("Ngày", SCHEMA.startDate), ("Loại", KG.kind)),
    "document": (
        ("Số hiệu", DCTERMS.identifier),
        ("Loại", KG.documentType),
        ("Ngày ban hành", DCTERMS.issued),
        ("Cơ quan ban hành", KG.issuerName),
        ("Trích yếu", DCTERMS.title),
    ),
    "article": (
        ("Mã", DCTERMS.identifier),
        ("Tiêu đề", DCTERMS.title),
        ("Ngày đăng", SCHEMA.datePublished),
    ),
    "award": (("Năm", KG.year),),
    "body": (("Viết tắt", SKOS.altLabel),),
}


def classify(types: Iterable[URIRef]) -> NodeClass | None:
    """The class a node with these ``rdf:type`` values is drawn as, or None.

    Args:
        types: The node's RDF types.

    Returns:
        The first matching class in :data:`CLASSES` order, or None for nodes the page
        does not draw (claims, evidence, sentences).

    >>> classify([ORG.Organization]).label
    'Cơ quan, đơn vị'
    >>> classify([KG.Evidence]) is None
    True
    """
    present = set(types)
    return next((c for c in CLASSES if present.intersection(c.types)), None)
