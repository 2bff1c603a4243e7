"""The items a sentence is read into: names, posts, bodies, separators and other words.

:mod:`kg.extract.person_parse` reads them, :mod:`kg.extract.chains` gives posts to
names, and :mod:`kg.extract.organizations` reads the bodies.

Example:
    >>> Sep(3, ",").text, isinstance(OTHER, Other)
    (',', True)
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.bodies import BodySpan
from kg.extract.names import Prefix
from kg.extract.posts import PostSpan

__all__ = ["OTHER", "BodyItem", "Item", "NameItem", "Other", "PostItem", "Sep"]


@dataclass(frozen=True)
class Sep:
    """A separator token."""

    index: int
    text: str


@dataclass(frozen=True)
class Other:
    """Words that are nothing of interest (one item for a run); they end chains."""

    index: int


OTHER = Other(-1)  # the one item for a run of other words


@dataclass(frozen=True)
class NameItem:
    """A personal name: tokens ``[start, end)`` after ``prefix``.

    Attributes:
        start: First token of the name.
        end: Token after the name.
        prefix: What stands before it (may be empty).
        rule: How the name was found (``name.rank``, ``name.address``, ``name.post``,
            ``name.surname``, ``name.historical``).
        blocked: Something named after a person (``đường Nguyễn Huệ``), not a person.
        mentioned: The context only mentions the person (``phong cách Hồ Chí Minh``).
    """

    start: int
    end: int
    prefix: Prefix
    rule: str
    blocked: bool = False
    mentioned: bool = False


@dataclass(frozen=True)
class PostItem:
    """A post; ``address`` is set when a form of address or rank stands before it."""

    post: PostSpan
    address: Prefix | None = None
    genitive: bool = False


@dataclass(frozen=True)
class BodyItem:
    """A body named outside any post."""

    span: BodySpan


Item = Sep | Other | NameItem | PostItem | BodyItem
