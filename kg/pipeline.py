"""Extractor components in a registry, composed by a pipeline that owns error context.

A component is a function ``(Document, ArticleExtraction) -> ArticleExtraction`` that
returns a new extraction with more records (it never mutates its input). Components are
registered by name with :func:`component`; a :class:`Pipeline` runs a list of names in
order and, when one fails, raises :class:`ExtractionError` naming the article and the
component, so one bad article never stops a build.

Example:
    >>> from kg.document import Document
    >>> @component("example.noop")
    ... def noop(doc, ex):
    ...     return ex
    >>> Pipeline(["example.noop"])(Document.from_text("a1", "Văn bản")).article_id
    'a1'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.document import Document
from kg.model import ArticleExtraction

Component = Callable[[Document, ArticleExtraction], ArticleExtraction]

_REGISTRY: dict[str, Component] = {}

# Order matters: abbreviations and bodies first (posts need canonical body names), then
# persons, documents, meetings (which read persons and documents), then the rest.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "organizations",
    "persons",
    "documents",
    "meetings",
    "bylines",
    "awards",
    "campaigns",
)


class ExtractionError(RuntimeError):
    """A component failed on an article; the message names both."""

    def __init__(self, article_id: str, component_name: str, cause: BaseException) -> None:
        super().__init__(f"{article_id}: extractor {component_name!r} failed: {cause!r}")
        self.article_id = article_id
        self.component_name = component_name
        self.cause = cause


def component(name: str) -> Callable[[Component], Component]:
    """Register a component under ``name``; registering a name twice is an error."""

    def register(func: Component) -> Component:
        if name in _REGISTRY and _REGISTRY[name] is not func:
            raise ValueError(f"component {name!r} is registered twice")
        _REGISTRY[name] = func
        return func

    return register


def registered() -> list[str]:
    """Names of every registered component, sorted."""
    _load_builtin()
    return sorted(_REGISTRY)


def get_component(name: str) -> Component:
    """The component registered under ``name``."""
    _load_builtin()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no extractor component named {name!r}; known: {registered()}") from None


class Pipeline:
    """Runs named components in order over a document."""

    def __init__(self, names: Sequence[str] = DEFAULT_PIPELINE) -> None:
        self.names = tuple(names)
        self.components = [get_component(n) for n in self.names]

    def __call__(self, doc: Document) -> ArticleExtraction:
        """Extract everything from one document.

        Raises:
            ExtractionError: when a component raises; it names the article and component.
        """
        extraction = ArticleExtraction(article_id=doc.id)
        for name, func in zip(self.names, self.components, strict=True):
            try:
                extraction = func(doc, extraction)
            except Exception as exc:  # one article's failure must not stop the build
                raise ExtractionError(doc.id, name, exc) from exc
        return extraction


def _load_builtin() -> None:
    # Importing the package registers the built-in components (decorators run on import).
    import kg.extract  # noqa: F401
