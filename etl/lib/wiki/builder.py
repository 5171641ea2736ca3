"""mwparserfromhell's parser with a leaner builder: the same tree, made in about half the time.

mwparserfromhell tokenizes in C and builds the tree in Python. Its builder makes each node
through the node's public setters, and every setter hands its value to ``parse_anything``,
which imports four names and type-checks a value that is always a finished tree there. That
is most of the cost of a parse. ``LeanBuilder`` makes the nodes that nearly every text holds
(text, templates and their parameters, wikilinks, comments, tags) with their fields set
directly, to the values the setters would store; every other node (a tag's attributes,
external links, headings, entities, arguments) is made by mwparserfromhell's own handler, whose
contents come back through the lean handlers here.

``Parser`` is mwparserfromhell's parser with this builder, and ``Parser().parse`` is the one
entry point (the same method, so whatever counts mwparserfromhell's parses counts these).
The field names are those of mwparserfromhell 0.7, the version the lock file pins; the tests
compare every tree with mwparserfromhell's own, node for node.
"""

from __future__ import annotations

from typing import Any

from mwparserfromhell import parser as mwp_parser
from mwparserfromhell.nodes import Comment, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.parser import builder as mwp_builder
from mwparserfromhell.parser import tokens
from mwparserfromhell.parser.errors import ParserError
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

_new = object.__new__


def code_of(nodes: list[Node]) -> Wikicode:
    """``Wikicode(SmartList(nodes))``, without the constructor's call chain."""
    code = _new(Wikicode)
    code._nodes = SmartList(nodes)
    return code


def text_node(value: str) -> Text:
    """``Text(value)`` for a ``str`` value."""
    node = _new(Text)
    node._value = value
    return node


def wikilink_node(title: Wikicode, text: Wikicode | None) -> Wikilink:
    """``Wikilink(title, text)`` for trees."""
    node = _new(Wikilink)
    node._title, node._text = title, text
    return node


class LeanBuilder(mwp_builder.Builder):
    """``mwparserfromhell``'s ``Builder`` whose common nodes skip the setters (module doc)."""

    def _pop(self) -> Wikicode:  # what mwparserfromhell's own handlers call
        return code_of(self._stacks.pop())

    def _handle_token(self, token: Any) -> Node:
        kind = type(token)
        if kind is tokens.Text:
            return text_node(token.text)
        if kind is tokens.WikilinkOpen:
            return self._wikilink()
        if kind is tokens.TemplateOpen:
            return self._template()
        if kind is tokens.CommentStart:
            return self._comment()
        if kind is tokens.TagOpenOpen:
            return self._tag(token)
        return super()._handle_token(token)

    def _read(self, stops: tuple[type, ...]) -> tuple[Wikicode, Any]:
        """The nodes up to the next token of a kind in ``stops``, and that token."""
        stack: list[Node] = []
        pending = self._tokens
        while pending:
            token = pending.pop()
            if type(token) in stops:
                return code_of(stack), token
            stack.append(self._handle_token(token))
        raise ParserError(f"missed a close token ({stops[-1].__name__})")

    def _wikilink(self) -> Wikilink:
        title, token = self._read(_LINK_STOPS)
        if type(token) is tokens.WikilinkSeparator:
            return wikilink_node(title, self._read(_LINK_END)[0])
        return wikilink_node(title, None)

    def _template(self) -> Template:
        name, token = self._read(_PARAM_END)
        params: list[Parameter] = []
        default = 1
        while type(token) is tokens.TemplateParamSeparator:
            key, (value, token) = None, self._read(_PARAM_STOPS)
            while type(token) is tokens.TemplateParamEquals:  # the last "=" token names it
                key, (value, token) = value, self._read(_PARAM_STOPS)
            param = _new(Parameter)
            if key is None:
                param._name, param._value, param._showkey = code_of([text_node(str(default))]), value, False
                default += 1
            else:
                param._name, param._value, param._showkey = key, value, True
            params.append(param)
        node = _new(Template)
        node._name, node._params = name, params
        return node

    def _tag(self, opening: Any) -> Tag:
        """mwparserfromhell's ``_handle_tag``, the node's fields set as ``Tag.__init__`` sets
        them (attributes are made by its own ``_handle_attribute``)."""
        wiki_markup, invalid = opening.wiki_markup, opening.invalid or False
        separator, closing_markup = None, wiki_markup
        attrs: list[Attribute] = []
        name = contents = closing = None
        padding, implicit = "", False
        stack: list[Node] = []
        pending = self._tokens
        while pending:
            token = pending.pop()
            kind = type(token)
            if kind is tokens.TagAttrStart:
                attrs.append(self._handle_attribute(token))
            elif kind is tokens.TagCloseOpen:
                separator, padding = token.wiki_markup, token.padding or ""
                name, stack = code_of(stack), []
            elif kind is tokens.TagOpenClose:
                closing_markup = token.wiki_markup
                contents, stack = code_of(stack), []
            elif kind is tokens.TagCloseSelfclose or kind is tokens.TagCloseClose:
                self_closing = kind is tokens.TagCloseSelfclose
                if self_closing:
                    closing_markup, padding = token.wiki_markup, token.padding or ""
                    implicit = token.implicit or False
                    name = code_of(stack)
                else:
                    closing = code_of(stack)
                assert name is not None
                if padding and not padding.isspace():
                    raise ValueError("padding must be entirely whitespace")
                node = _new(Tag)
                node._attrs = attrs
                node._tag = node._closing_tag = name
                node._contents = contents if contents is not None else code_of([])
                node._wiki_markup = node._closing_wiki_markup = str(wiki_markup) if wiki_markup else None
                node._self_closing, node._invalid, node._implicit = (
                    self_closing,
                    bool(invalid),
                    bool(implicit),
                )
                node._padding = padding
                if closing is not None:
                    node._closing_tag = closing
                node._wiki_style_separator = str(separator) if separator else None
                if closing_markup is not None:
                    node._closing_wiki_markup = str(closing_markup) if closing_markup else None
                return node
            else:
                stack.append(self._handle_token(token))
        raise ParserError("_tag() missed a close token")

    def _comment(self) -> Comment:
        node = _new(Comment)
        node._contents = str(self._read(_COMMENT_END)[0])
        return node


_LINK_STOPS = (tokens.WikilinkSeparator, tokens.WikilinkClose)
_LINK_END = (tokens.WikilinkClose,)
_PARAM_END = (tokens.TemplateParamSeparator, tokens.TemplateClose)
_PARAM_STOPS = (tokens.TemplateParamEquals, tokens.TemplateParamSeparator, tokens.TemplateClose)
_COMMENT_END = (tokens.CommentEnd,)


class Parser(mwp_parser.Parser):
    """mwparserfromhell's ``Parser`` (C tokenizer included) with the ``LeanBuilder``."""

    def __init__(self) -> None:
        super().__init__()
        self._builder = LeanBuilder()


def parse(text: str, skip_style_tags: bool = False) -> Wikicode:
    """``mwparserfromhell.parse(text, skip_style_tags=...)``, built by the ``LeanBuilder``."""
    return Parser().parse(text, 0, skip_style_tags)
