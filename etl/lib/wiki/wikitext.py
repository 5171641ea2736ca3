"""Wikitext helpers: one template registry, a plain-text renderer, list splitting, sections.

mwparserfromhell parses wikitext but expands no template, and its ``strip_code`` drops every
template and keeps the body of ``<ref>`` tags. Everything that turns wikitext into text goes
through ``render`` here instead, so each template is interpreted in exactly one place:

- ``TEMPLATES`` maps a normalised template name to a handler that returns its text;
- templates known to carry nothing a reader needs (citations, maintenance tags, ...) render
  as nothing on purpose (``SILENT``);
- any other template renders as nothing too, but its name is counted in ``Context.unknown``,
  which the assets report as metadata. Nothing is dropped without a trace.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from mwparserfromhell.definitions import is_scheme
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

from etl.lib.model import DAY, MONTH, Name, PartialDate, from_parts
from etl.lib.wiki import builder, wikitable
from etl.lib.wiki.balance import balance
from etl.lib.wiki.params import Params, of_template
from etl.lib.wiki.params import split as split_params

Code = Wikicode | str | Node  # anything parse() reads: text, a parsed tree, or one of its nodes


@dataclass
class Context:
    """What rendering met on the way: unknown templates by name, for metadata and checks. It
    lives as long as the reading of one page and also keeps the trees of the texts parsed for
    it (``parse(text, ctx)``) and the parameters of the templates split for it
    (``only_template(text, ctx)``), so a text read twice for that page is read once."""

    unknown: Counter = field(default_factory=Counter)
    trees: dict[str, Wikicode] = field(default_factory=dict, repr=False, compare=False)
    templates: dict[str, Params | None] = field(default_factory=dict, repr=False, compare=False)


# A text the parser reads as one plain Text node: no markup character at all, nothing special
# at the line start. Such a text is not handed to the parser.
_PLAIN = re.compile(r"(?![*#:;=\s-])[^{}\[\]<>&~=|_:\n\r\t]+")
# A text the parser reads as plain text and simple links only (``[[A]], [[B|C]] and D``, on one
# or more lines): built here as the parser would build it, without the parser. A colon may
# open an external link (``http:``) and a line may open a list or a heading: a text where
# either can happen is left to the parser.
# Written as runs of text between links, each run and the repetition possessive (``*+``): the
# two never start alike, so nothing is given back, and a long text is read in long strides.
_LINKS_ONLY = re.compile(
    r"[^{}\[\]<>&=|\r]*+(?:\[\[[^{}\[\]<>&=|\r\n]+(?:\|[^{}\[\]<>&=|\r\n]*)?\]\][^{}\[\]<>&=|\r]*+)*+"
)
_SIMPLE_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
_LINE_MARK = re.compile(r"(?:^|\n)[*#:;=-]")
_SCHEME_BEFORE = re.compile(r"(\w*):")
_TITLE_SCHEME = re.compile(r"\[\[(?://|[A-Za-z0-9+.\-]*:)")


def parse(text: Code, ctx: Context | None = None) -> Wikicode:
    """Parse wikitext, for reading. ``''`` and ``'''`` are left as text (the renderer drops
    them): read as style tags, one unbalanced quote swallows the headings after it and whole
    sections vanish. A tree is returned as it is (never parsed again); a tree a caller reads
    may be shared, so never edit it: ``parse_for_edit`` gives a private copy. With ``ctx``, a
    text parsed before for the same page gives the tree it gave then."""
    if isinstance(text, Wikicode):
        return text
    if not isinstance(text, str):
        return builder.code_of([text])  # a node: wrapped, not parsed again
    if ctx is not None:
        tree = ctx.trees.get(text)
        if tree is None:
            tree = ctx.trees[text] = _parse_text(text)
        return tree
    return _parse_text(text)


def wikilinks(code: Wikicode) -> list[Wikilink]:
    """``code.filter_wikilinks()``, in page order: a tree of text and links holding only text
    (what ``_links_only`` builds, most values and cells) is read without the generic walk."""
    out = []
    for node in code.nodes:
        if isinstance(node, Wikilink):
            if not _all_text(node.title) or (node.text is not None and not _all_text(node.text)):
                return code.filter_wikilinks()
            out.append(node)
        elif not isinstance(node, Text):
            return code.filter_wikilinks()
    return out


def _all_text(code: Wikicode) -> bool:
    return all(isinstance(n, Text) for n in code.nodes)


def _parse_text(text: str) -> Wikicode:
    if not text:
        return builder.code_of([])
    if _PLAIN.fullmatch(text):
        return builder.code_of([builder.text_node(text)])
    light = _links_only(text)
    if light is not None:
        return light
    return builder.parse(balance(text), skip_style_tags=True)


def _is_links_only(text: str) -> bool:
    """Whether the parser reads ``text`` as plain text and simple links only (``_LINKS_ONLY``)."""
    if not _LINKS_ONLY.fullmatch(text) or _LINE_MARK.search(text) or _TITLE_SCHEME.search(text):
        return False
    if ":" in text:
        for m in _SCHEME_BEFORE.finditer(text):
            word = m.group(1)
            if word and (is_scheme(word, True) or is_scheme(word, False)):
                return False
    return True


def _links_only(text: str) -> Wikicode | None:
    """The tree of a text of plain text and simple links (see ``_LINKS_ONLY``), or None."""
    if not _is_links_only(text):
        return None
    nodes: list[Node] = []
    done = 0
    for m in _SIMPLE_LINK.finditer(text):
        if m.start() > done:
            nodes.append(builder.text_node(text[done : m.start()]))
        shown = m.group(2)
        title = builder.code_of([builder.text_node(m.group(1))])
        label = None if shown is None else builder.code_of([builder.text_node(shown)] if shown else [])
        nodes.append(builder.wikilink_node(title, label))
        done = m.end()
    if done < len(text):
        nodes.append(builder.text_node(text[done:]))
    return builder.code_of(nodes)


def text_of(code: Code, ctx: Context | None = None) -> str:
    """``str(code)``; with ``ctx``, a tree stands for its text from then on, so reading that
    text again (``parse(text, ctx)``) parses nothing (a value of a parsed template reads the
    same parsed alone)."""
    text = str(code)
    if ctx is not None and isinstance(code, Wikicode):
        ctx.trees.setdefault(text, code)
    return text


def quiet(ctx: Context | None) -> Context:
    """A context that shares the trees of ``ctx`` but whose counts go nowhere (a render made
    only to test a text, not to read it)."""
    return Context(trees=ctx.trees) if ctx is not None else Context()


def parse_for_edit(text: Code) -> Wikicode:
    """A private parse that the caller may change (remove or replace nodes)."""
    return builder.parse(balance(str(text)), skip_style_tags=True)


def template_name(template: Template | Params) -> str:
    """Normalised name: case-insensitive, ``_`` as space, spaces collapsed, no namespace."""
    return normalise_template_name(str(template.name))


def normalise_template_name(name: str) -> str:
    """A template's name as written, normalised (see ``template_name``)."""
    if "<!--" in name:
        name = _NAME_COMMENT.sub("", name)
    name = name.replace("_", " ").strip()
    if ":" in name:
        name = _NAMESPACE.sub("", name)
    return collapse_spaces(name).lower()


_NAME_COMMENT = re.compile(r"<!--.*?-->", re.S)
_NAMESPACE = re.compile(r"^(?:template|Template)\s*:\s*")


def collapse_spaces(text: str) -> str:
    r"""``text`` with each run of white space as one space, as ``re.sub(r"\s+", " ", text)``
    gives it (``str.split`` and ``\s`` know the same white space), without the regex."""
    parts = text.split()
    if not parts:
        return " " if text else ""
    out = " ".join(parts)
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out += " "
    return out


def positional(template: Template | Params) -> list[str]:
    """Positional parameter values, in order, as wikitext strings (stripped)."""
    return [str(p.value).strip() for p in template.params if not p.showkey]


def named(template: Template | Params, *names: str) -> str | None:
    """The first present, non-blank named parameter among ``names`` (of a parameter named
    twice, the last one, as MediaWiki reads it)."""
    for n in names:
        value = None
        for p in template.params:
            if str(p.name).strip() == n:
                value = p.value
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------

# Templates that carry nothing for a reader of the value: citations and notes (their content is
# a source, not a fact), maintenance tags, layout. Rendering them as nothing is intended.
SILENT = {
    "efn",
    "efn-ua",
    "efn-lr",
    "efn-lg",
    "sfn",
    "sfnp",
    "sfnm",
    "r",
    "rp",
    "refn",
    "ref",
    "notetag",
    "ref label",
    "note label",
    "citation needed",
    "cn",
    "fact",
    "better source needed",
    "better source",
    "better",
    "deadurl",
    "more footnotes",
    "more citations needed",
    "refimprove",
    "unreferenced",
    "to usd",
    "to usd round",
    "exchange rate",
    "dead link",
    "failed verification",
    "when",
    "by whom",
    "clarify",
    "according to whom",
    "inflation",
    "inflation-fn",
    "inflation/fn",
    "inflation-year",
    "inflation/year",
    "format price",
    "short description",
    "use mdy dates",
    "use dmy dates",
    "use american english",
    "use british english",
    "use indian english",
    "use australian english",
    "engvarb",
    "italic title",
    "dts-bare",
    "toc limit",
    "div col",
    "div col end",
    "colend",
    "col-end",
    "col-begin",
    "col-2",
    "col-3",
    "refbegin",
    "refend",
    "reflist",
    "clear",
    "-",
    "anchor",
    "portal",
    "main",
    "main article",
    "see also",
    "further",
    "about",
    "other uses",
    "for",
    "redirect",
    "distinguish",
    "good article",
    "featured article",
    "pp-protected",
    "pp-semi-indef",
    "pp-move-indef",
    "pp",
    "pp-vandalism",
    "authority control",
    "imdb title",
    "allmovie title",
    "rotten tomatoes",
    "metacritic film",
    "box office mojo film",
    "sic",
    "!",
    "!!",
    "=",
    "break",
    "wbr",
    "zwsp",
    "spaced ndash",
    "nobreak",
    "unreliable source?",
    "primary source inline",
    "update inline",
    "vague",
    "dubious",
    "page needed",
    "year needed",
    "verify source",
    "self-published inline",
    "cbignore",
    "webarchive",
    "wayback",
    "archive.today",
    "citation",
    "harvnb",
    "harv",
    "harvtxt",
    "isbn",
    "oclc",
    "doi",
    "asin",
    # Notes lists, sister projects, portals and external-link templates of the last sections.
    "notelist",
    "notelist-ua",
    "notelist-lr",
    "notelist-lg",
    "notes",
    "wikiquote",
    "wikisource",
    "commons",
    "commons category",
    "commons category-inline",
    "portal bar",
    "portal-inline",
    "official website",
    "tcmdb title",
    "afi film",
    "bfi",
    "allociné film",
    "allocine film",
    "bollywood hungama",
    "douban",
    "anime news network",
    "letterboxd film",
    "mojo title",
    "the numbers",
    "box office india film",
    "kinopoisk",
    "moviemeter film",
    "filmaffinity",
    "tvguide title",
    "turner classic movies",
    "multiple issues",
    "plot",
    "expand section",
    "cleanup",
    "update",
    "more plot",
    "too few opinions",
    "original research",
    "peacock",
    "hatnote",
    "redirect2",
    "redirect-distinguish",
    "about-distinguish",
    "other people",
    "pronunciation",
    "ipa",
    "ipac",
    "respell",
    # More inline maintenance tags, audio players and link boxes of soundtrack / release sections.
    "who",
    "whom",
    "which",
    "where",
    "specify",
    "examples",
    "full citation needed",
    "additional citation needed",
    "self-published source",
    "certification cite ref",
    "listen",
    "audio",
    "multi-listen start",
    "multi-listen item",
    "multi-listen end",
    "external media",
    "external music video",
    "collapse top",
    "collapse bottom",
    "details",
    "wide image",
    "multiple image",
    "image frame",
    "clear left",
    "clear right",
    "stack",
    "stack end",
    "spoiler",
    "endspoiler",
    "cast listing end",
}

# Templates whose structure a dedicated extractor reads (track listings, album infoboxes,
# award rows); in running text they render as nothing, and they are not unknown.
STRUCTURED = {
    "track listing",
    "tracklist",
    "track list",
    "tracklisting",
    "track listing/sandbox",
    "infobox album",
    "filmaward",
    "film award",
    "awards table",
    "awards table end",
    "episode list",
    "album ratings",
    "music ratings",
    "certification table top",
    "certification table entry",
    "certification table bottom",
    "album chart",
    "albumchart",
    "single chart",
    "singlechart",
    "year-end chart",
}

# Citation templates all start like this ("cite web", "cite news", "cite book", "cite av media").
SILENT_PREFIXES = (
    "cite ",
    "citation",
    "infobox ",
    "navbox",
    "sfn",
    "harv",
    "use ",
    # protection padlocks ("pp-extended"), pronunciations ("IPA-fr", "IPAc-en")
    "pp-",
    "ipa-",
    "ipac-",
    "ipa ",
)

LIST_TEMPLATES = {
    "plainlist",
    "plain list",
    "flatlist",
    "flat list",
    "hlist",
    "ubl",
    "ubil",
    "unbulleted list",
    "unbulleted indent list",
    "bulleted list",
    "blist",
    "bullet list",
    "ordered list",
    "olist",
    "collapsible list",
    "startplainlist",
    "endplainlist",
    "unbulleted",
    "nowrap list",
    "columns-list",
    "columns list",
    "col-list",
    "cast listing",
}

# Currency templates render as an unambiguous ISO prefix the money parser reads.
CURRENCY_TEMPLATES = {
    "us$": "US$",
    "usd": "US$",
    "us dollar": "US$",
    "inr": "INR ",
    "indian rupee": "INR ",
    "₹": "INR ",
    "jpy": "JPY ",
    "yen": "JPY ",
    "¥": "JPY ",
    "gbp": "GBP ",
    "£": "GBP ",
    "eur": "EUR ",
    "€": "EUR ",
    "euro": "EUR ",
    "cny": "CNY ",
    "rmb": "CNY ",
    "aud": "AUD ",
    "a$": "AUD ",
    "cad": "CAD ",
    "ca$": "CAD ",
    "hkd": "HKD ",
    "hk$": "HKD ",
    "krw": "KRW ",
    "₩": "KRW ",
    "nzd": "NZD ",
    "chf": "CHF ",
    "sek": "SEK ",
    "nok": "NOK ",
    "dkk": "DKK ",
    "rub": "RUB ",
    "brl": "BRL ",
    "mxn": "MXN ",
    "pkr": "PKR ",
    "bdt": "BDT ",
    "lkr": "LKR ",
    "thb": "THB ",
    "php": "PHP ",
    "idr": "IDR ",
    "myr": "MYR ",
    "sgd": "SGD ",
    "try": "TRY ",
    "twd": "TWD ",
    "zar": "ZAR ",
    "ngn": "NGN ",
    "egp": "EGP ",
    "irr": "IRR ",
    "ils": "ILS ",
    "pln": "PLN ",
    "czk": "CZK ",
    "huf": "HUF ",
    "dem": "DEM ",
    "frf": "FRF ",
    "itl": "ITL ",
    "esp": "ESP ",
    # Named templates of the family (Template:Philippine peso, Template:Swedish krona, ...) and
    # the codes not listed above; each renders as its ISO code before the amount.
    "philippine peso": "PHP ",
    "indonesian rupiah": "IDR ",
    "malaysian ringgit": "MYR ",
    "bangladeshi taka": "BDT ",
    "taka": "BDT ",
    "pakistani rupee": "PKR ",
    "sri lankan rupee": "LKR ",
    "nepalese rupee": "NPR ",
    "npr": "NPR ",
    "swedish krona": "SEK ",
    "norwegian krone": "NOK ",
    "danish krone": "DKK ",
    "icelandic króna": "ISK ",
    "isk": "ISK ",
    "brazilian real": "BRL ",
    "thai baht": "THB ",
    "chinese yuan": "CNY ",
    "renminbi": "CNY ",
    "japanese yen": "JPY ",
    "south korean won": "KRW ",
    "russian ruble": "RUB ",
    "turkish lira": "TRY ",
    "swiss franc": "CHF ",
    "polish złoty": "PLN ",
    "polish zloty": "PLN ",
    "hong kong dollar": "HKD ",
    "new taiwan dollar": "TWD ",
    "singapore dollar": "SGD ",
    "australian dollar": "AUD ",
    "canadian dollar": "CAD ",
    "new zealand dollar": "NZD ",
    "mexican peso": "MXN ",
    "argentine peso": "ARS ",
    "south african rand": "ZAR ",
    "nigerian naira": "NGN ",
    "egyptian pound": "EGP ",
    "iranian rial": "IRR ",
    "israeli new shekel": "ILS ",
    "czech koruna": "CZK ",
    "hungarian forint": "HUF ",
    "vietnamese dong": "VND ",
    "vnd": "VND ",
    "ars": "ARS ",
    "clp": "CLP ",
    "cop": "COP ",
    "uah": "UAH ",
    "kzt": "KZT ",
    "aed": "AED ",
    "sar": "SAR ",
    "qar": "QAR ",
    "kes": "KES ",
    "ron": "RON ",
    "bgn": "BGN ",
    "rsd": "RSD ",
    "pen": "PEN ",
    "mad": "MAD ",
    "pound sterling": "GBP ",
    "british pound": "GBP ",
}

BULLETED_BODY_TEMPLATES = {
    "plainlist",
    "plain list",
    "flatlist",
    "flat list",
    "startplainlist",
    "columns-list",
    "columns list",
    "col-list",
    "cast listing",
}

Handler = Callable[[Template, Context], str]
TEMPLATES: dict[str, Handler] = {}


def handles(*names: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for n in names:
            TEMPLATES[n] = fn
        return fn

    return register


def _values(t: Template) -> list[Wikicode]:
    """Positional parameter values as the trees they already are (rendered without a parse)."""
    return [p.value for p in t.params if not p.showkey]


def _first(t: Template, ctx: Context) -> str:
    args = _values(t)
    return render(args[0], ctx) if args else ""


def _second(t: Template, ctx: Context) -> str:
    args = _values(t)
    return render(args[1], ctx) if len(args) > 1 else (render(args[0], ctx) if args else "")


def _last(t: Template, ctx: Context) -> str:
    args = _values(t)
    return render(args[-1], ctx) if args else ""


# An apostrophe written as a template sits next to italics (''Inception''{{'s}}): it is kept
# apart from the quote marks the renderer strips, and restored after them.
_APOSTROPHE = "\x02"
handles(
    "nowrap",
    "small",
    "smaller",
    "big",
    "larger",
    "resize",
    "nobold",
    "noitalic",
    "italic",
    "bold",
    "lang-en",
    "nobr",
    "nowrap begin",
    "sc",
    "smallcaps",
    "small caps",
    "sup",
    "sub",
    "em",
    "strong",
    "center",
    "vanchor",
    "visible anchor",
    "tooltip",
    "abbr",
    "abbrlink",
    "nihongo",
    "nihongo2",
    "nihongo3",
    "korean",
    "chinese",
    "proper name",
    "title case",
    "plainlink",
    "nowiki",
    "keypress",
    "highlight",
    "tq",
    "qi",
    "c.",
    "circa",
    "gr",
    "midsize",
    "font",
    "color",
    "colored link",
    "linktext",
    "ly",
    "wikt-lang",
)(_first)
handles("flagicon", "flag icon", "flagdeco")(lambda t, c: "")
handles("flag", "flagu", "flag country")(_first)
handles("lang", "sort", "lang-ja", "script", "ms", "sname", "antonym")(_second)
handles("nts")(_first)  # a number shown, and sorted by it
handles("hs", "hidden sort key", "ntsh", "sort key")(lambda t, c: "")  # sort keys are not shown
# {{transl|ja|Kimi no Na wa.}} and {{transl|ja|hepburn|...}}: the text comes last.
handles("transl", "transliteration", "translit")(_last)
handles("'s")(lambda t, c: _APOSTROPHE + "s")
# {{est.}} before an amount: the money parser reads the estimate.
handles("est.", "est")(lambda t, c: "est.")
# {{lang-fr|Intouchables}} (one template per language) and its successor {{langx|fr|...}}:
# the native text, without the "French:" label Wikipedia shows before it.
handles("langx")(_second)
handles(
    *(
        f"lang-{code}"
        for code in (
            "fr",
            "de",
            "es",
            "it",
            "pt",
            "nl",
            "sv",
            "da",
            "no",
            "nb",
            "nn",
            "fi",
            "is",
            "pl",
            "cs",
            "sk",
            "hu",
            "ro",
            "bg",
            "el",
            "ru",
            "uk",
            "sr",
            "hr",
            "bs",
            "sl",
            "tr",
            "ar",
            "he",
            "fa",
            "ur",
            "hi",
            "bn",
            "ta",
            "te",
            "ml",
            "kn",
            "mr",
            "gu",
            "pa",
            "si",
            "ne",
            "th",
            "vi",
            "id",
            "ms",
            "tl",
            "fil",
            "zh",
            "yue",
            "cmn",
            "ko",
            "mn",
            "ka",
            "hy",
            "az",
            "kk",
            "uz",
            "ca",
            "eu",
            "gl",
            "ga",
            "gd",
            "cy",
            "la",
            "eo",
            "af",
            "sw",
            "am",
            "yi",
            "lt",
            "lv",
            "et",
            "zh-hant",
            "zh-hans",
            "pt-br",
            "fr-ca",
            "es-mx",
        )
    )
)(_first)
handles(
    "citation needed span", "cn span", "fact span", "dubious span", "clarify span", "when span", "vague span"
)(lambda t, c: render(named(t, "text") or (positional(t) or [""])[0], c))
handles("quote", "blockquote", "quotation", "quote frame", "cquote", "rquote", "pull quote")(
    lambda t, c: render(named(t, "text", "quote", "1") or (positional(t) or [""])[0], c)
)
handles("nbsp", "space", "thinsp", "nnbsp")(lambda t, c: " ")
handles("ndash", "–", "snd", "spaced ndash", "dash", "spnd", "en dash")(lambda t, c: " – ")
handles("mdash", "—", "spaced mdash", "em dash")(lambda t, c: " — ")
handles("'", "' \"", "\" '")(lambda t, c: _APOSTROPHE)
handles("·", "dot", "middot", "•", "bull")(lambda t, c: " · ")
# Result cells of accolades tables (the accolades extractor maps the template names; these
# are what a reader sees).
handles("won", "won-yes", "win", "awarded")(lambda t, c: "Won")
handles("nom", "nominated", "nom-no", "nominee")(lambda t, c: "Nominated")
handles("pending")(lambda t, c: "Pending")
handles("tba", "tbd", "tbc", "upcoming")(lambda t, c: "TBA")
handles("runner-up", "runner up", "runnerup")(lambda t, c: "Runner-up")

TEXT_CELL_TEMPLATES = {
    "yes": "Yes",
    "no": "No",
    "yes2": "",
    "no2": "",
    "draw": "Draw",
    "partial": "Partial",
    "sho": "Shortlisted",
    "n/a": "N/A",
    "na": "N/A",
    "unknown": "Unknown",
    "won-partial": "Won",
}


@handles(*TEXT_CELL_TEMPLATES)
def _table_cell(t: Template, ctx: Context) -> str:
    """``{{yes|2nd place}}``, ``{{draw|4th Place}}``: their text, else their default word."""
    args = positional(t)
    text = named(t, "text") or (args[0] if args else "")
    return render(text, ctx) if text else TEXT_CELL_TEMPLATES[template_name(t)]


INTERLANGUAGE_LINKS = {"ill", "interlanguage link", "interlanguage link multi"}


@handles(*INTERLANGUAGE_LINKS)
def _ill(t: Template, ctx: Context) -> str:
    """``{{ill|Target|ja|...|lt=Shown}}`` shows ``lt`` when given, else the target."""
    shown = named(t, "lt")
    return render(shown, ctx) if shown else _first(t, ctx)


@handles("lit", "literally", "lit.")
def _lit(t: Template, ctx: Context) -> str:
    """``{{lit|The Emperor's Journey}}``: lit. "The Emperor's Journey" (several: joined with "or")."""
    args = [render(a, ctx) for a in _values(t) if str(a).strip()]
    return "lit. " + " or ".join(f'"{a}"' for a in args) if args else ""


# {{zh|t=戰狼2|s=战狼2|p=Zhàn Láng Èr}}: the names and romanisations, in their order.
_ZH_KEYS = {
    "c",
    "t",
    "s",
    "p",
    "tp",
    "w",
    "j",
    "cy",
    "poj",
    "zhu",
    "l",
    "tr",
    "m",
    "mi",
    "i",
    "bpmf",
    "gr",
    "y",
    "ci",
    "sl",
    "myr",
    "buc",
    "hain",
    "phfs",
    "h",
    "psp",
    "mc",
    "oc",
    "lmz",
    "x",
    "wuu",
}


@handles(
    "zh", "zh-stp", "zh-tsp", "zh-ts", "zh-st", "zh-s", "zh-t", "zh-sp", "zh-tp", "zh-cp", "zh-pwt", "zh-tspw"
)
def _zh(t: Template, ctx: Context) -> str:
    values = [
        render(p.value, ctx)
        for p in t.params
        if p.showkey and str(p.name).strip().lower() in _ZH_KEYS and str(p.value).strip()
    ]
    values += [render(a, ctx) for a in positional(t) if a]
    return "; ".join(v for v in values if v)


@handles("anime voice")
def _anime_voice(t: Template, ctx: Context) -> str:
    """``{{Anime voice|Japanese actor|English actor|...}}``: "Voiced by: X (Japanese); Y
    (English)", as Wikipedia shows it; further positional names are English too."""
    args = [a for a in positional(t) if a]
    parts = [f"{render(a, ctx)} ({'Japanese' if i == 0 else 'English'})" for i, a in enumerate(args)]
    return "Voiced by: " + "; ".join(parts) if parts else ""


# {{INRConvert|460|c}}: the rupee amount with its unit (the dollar conversion Wikipedia computes
# from a year's exchange rate is not reproduced).
_INR_UNITS = {
    "": "",
    "k": "thousand",
    "l": "lakh",
    "lakh": "lakh",
    "m": "million",
    "c": "crore",
    "cr": "crore",
    "crore": "crore",
    "b": "billion",
    "lc": "lakh crore",
    "t": "trillion",
}


@handles("inrconvert", "inr convert", "inrconv", "inrc")
def _inr_convert(t: Template, ctx: Context) -> str:
    args = positional(t)
    numbers = [a for a in args if re.fullmatch(r"[\d.,]+", a)]
    units = [a.lower() for a in args if a and not re.fullmatch(r"[\d.,]+", a)]
    if not numbers:
        return ""
    unit = _INR_UNITS.get(units[0], units[0]) if units else ""
    amount = "–".join(numbers[:2])
    return f"INR {amount} {unit}".strip()


@handles("as of")
def _as_of(t: Template, ctx: Context) -> str:
    """``{{As of|2019|5}}``: "As of May 2019" ("as of" with ``lc=y``)."""
    args = positional(t)
    when = _numeric_date(args[:3]) if args else None
    lead = "as of" if (named(t, "lc") or "").lower() in ("y", "yes", "true", "1") else "As of"
    return f"{lead} {_date_text(when)}" if when else lead


@handles("sortname")
def _sortname(t: Template, ctx: Context) -> str:
    args = positional(t)
    return " ".join(render(a, ctx) for a in args[:2] if a)


@handles("based on")
def _based_on(t: Template, ctx: Context) -> str:
    args = positional(t)
    if not args:
        return ""
    work = render(args[0], ctx)
    people = " and ".join(render(a, ctx) for a in args[1:] if a)
    return f"{work} by {people}" if people else work


@handles(
    "film date",
    "movie date",
    "filmdate",
    "release date",
    "start date",
    "start-date",
    "release date and age",
    "start date and age",
    "film release date",
    "date",
)
def _film_date(t: Template, ctx: Context) -> str:
    parts = []
    for when, label in film_date_entries(t):
        text = _date_text(when)
        parts.append(f"{text} ({label})" if label else text)
    return "\n".join(parts)


@handles("dts", "dtsort", "date table sorting")
def _dts(t: Template, ctx: Context) -> str:
    args = [a for a in positional(t) if a]
    when = _numeric_date(args[:3]) if args else None
    if when is None:
        return " ".join(render(a, ctx) for a in args)
    return _date_text(when)


@handles("duration")
def _duration(t: Template, ctx: Context) -> str:
    """``{{Duration|m=4|s=35}}`` "4:35", ``{{Duration|1|2|3}}`` "1:02:03" (a track length or a
    runtime as a clock reads)."""
    args = positional(t)
    h, m, sec = (args + ["", "", ""])[:3] if args else ("", "", "")
    h, m, sec = named(t, "h") or h, named(t, "m") or m, named(t, "s") or sec
    try:
        h, m, sec = int(h or 0), int(m or 0), int(float(sec or 0))
    except ValueError:
        return " ".join(render(a, ctx) for a in args)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


@handles("convert", "cvt")
def _convert(t: Template, ctx: Context) -> str:
    """``{{convert|35|mm|in}}`` "35 mm", ``{{convert|1|-|2|mi}}`` "1–2 mi": the value as written."""
    args = positional(t)
    if len(args) >= 4 and args[1] in ("-", "–", "to", "and", "or", "x", "×"):
        sep = "–" if args[1] in ("-", "–") else f" {args[1]} "
        return f"{args[0]}{sep}{args[2]} {args[3]}"
    return " ".join(a for a in args[:2] if a)


@handles("rating")
def _rating(t: Template, ctx: Context) -> str:
    """``{{Rating|4|5}}`` "4/5"."""
    args = positional(t)
    return "/".join(args[:2]) if len(args) >= 2 else (args[0] if args else "")


@handles("runtime")
def _runtime(t: Template, ctx: Context) -> str:
    args = positional(t)
    h = named(t, "h", "hours")
    m = named(t, "m", "minutes")
    if args and not (h or m):
        m = args[-1]
        h = args[0] if len(args) > 1 else None
    total = 0
    try:
        total = int(h or 0) * 60 + int(m or 0)
    except ValueError:
        return ""
    return f"{total} minutes"


for _code, _prefix in CURRENCY_TEMPLATES.items():
    TEMPLATES[_code] = (lambda prefix: lambda t, c: prefix + _first(t, c))(_prefix)


def render_template(t: Template, ctx: Context) -> str:
    name = template_name(t)
    if name in TEMPLATES:
        return TEMPLATES[name](t, ctx)
    if name in LIST_TEMPLATES:
        return "\n".join(render(i, ctx) for i in list_template_items(t))
    if not is_silent(name):
        ctx.unknown[name] += 1
    return ""


def is_silent(name: str) -> bool:
    """Whether a template (normalised name) renders as nothing on purpose (not unknown)."""
    return name in SILENT or name in STRUCTURED or name.startswith(SILENT_PREFIXES)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

DROP_TAGS = {
    "ref",
    "references",
    "gallery",
    "math",
    "timeline",
    "score",
    "syntaxhighlight",
    "templatestyles",
    "noinclude",
    "graph",
    "mapframe",
}
_NEWLINE_TAGS = {"br", "p", "li", "div", "tr"}
DROP_LINK_NS = ("file:", "image:", "category:", "media:")


def render(code: Code, ctx: Context | None = None) -> str:
    """Wikitext as the reader sees it: text of links, templates interpreted, refs and comments
    removed, ``<br>`` as a line break, entities decoded (``&nbsp;`` as a plain space)."""
    ctx = ctx if ctx is not None else Context()
    if isinstance(code, str) and code not in ctx.trees:
        if not code:
            return ""
        if _PLAIN.fullmatch(code):
            return _finish(code)
        if _is_links_only(code):
            return _finish(_render_links(code, ctx))
    nodes = parse(code, ctx).nodes
    if not nodes:
        return ""
    return _finish("".join([_render_node(node, ctx) for node in nodes]))


def _finish(text: str) -> str:
    """The joined text of rendered nodes as ``render`` gives it: blanks, quotes and
    apostrophes tidied, stripped."""
    text = text.replace("\xa0", " ").replace("\u200b", "")
    if "''" in text:
        text = _QUOTE_RUN.sub("", text)  # bold / italic quotes left unparsed
    if _APOSTROPHE in text:
        text = text.replace(_APOSTROPHE, "'")
    if "  " in text or "\t" in text:
        text = _BLANK_RUN.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_BLANKS.sub("\n", text)
    return text.strip()


_QUOTE_RUN = re.compile(r"'{2,}")
_BLANK_RUN = re.compile(r"[ \t]+")
_LINE_BLANKS = re.compile(r" *\n *")


def _render_links(text: str, ctx: Context) -> str:
    """The nodes of a text of plain text and simple links (``_is_links_only``) rendered as
    ``_render_node`` renders the tree ``_links_only`` builds of it, without building it."""
    pieces: list[str] = []
    done = 0
    for m in _SIMPLE_LINK.finditer(text):
        pieces.append(text[done : m.start()])
        title, shown = m.group(1), m.group(2)
        target = title.strip()
        if target.lower().lstrip(":").startswith(DROP_LINK_NS) and not target.startswith(":"):
            shown = ""  # a category or file link shows nothing
        if shown is not None:
            pieces.append(_finish(shown))
        elif target.startswith(":"):
            pieces.append(render(target.lstrip(":"), ctx))
        else:
            pieces.append(_finish(title))
        done = m.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _hidden(tag: Tag) -> bool:
    """``<span style="display:none">`` (sort keys, hidden notes): not shown to a reader."""
    for attr in tag.attributes:
        if str(attr.name).strip().lower() == "style" and re.search(
            r"display\s*:\s*none", str(attr.value or ""), re.I
        ):
            return True
    return False


def _render_node(node, ctx: Context) -> str:
    if isinstance(node, Text):
        return str(node)
    if isinstance(node, Comment):
        return ""
    if isinstance(node, HTMLEntity):
        return " " if node.normalize() == "\xa0" else node.normalize()
    if isinstance(node, Wikilink):
        target = str(node.title).strip()
        if target.lower().lstrip(":").startswith(DROP_LINK_NS) and not target.startswith(":"):
            return ""
        if node.text is not None:
            return render(node.text, ctx)
        return render(target.lstrip(":"), ctx) if target.startswith(":") else render(node.title, ctx)
    if isinstance(node, ExternalLink):
        return render(node.title, ctx) if node.title is not None else ""
    if isinstance(node, Template):
        return render_template(node, ctx)
    if isinstance(node, Tag):
        tag = str(node.tag).lower()
        if tag in DROP_TAGS or _hidden(node):
            return ""
        if tag in _NEWLINE_TAGS and (node.self_closing or node.contents is None):
            return "\n"
        inner = render(node.contents, ctx) if node.contents is not None else ""
        if tag in ("li", "p", "div", "tr"):
            return "\n" + inner + "\n"
        if tag in ("td", "th"):
            return " " + inner + " "
        return inner
    if isinstance(node, Heading):
        return "\n" + render(node.title, ctx) + "\n"
    if isinstance(node, Argument):
        return render(node.default, ctx) if node.default is not None else ""
    return html.unescape(str(node))


# --------------------------------------------------------------------------------------------
# Lists and names
# --------------------------------------------------------------------------------------------


def list_template_items(t: Template | Params) -> list[str]:
    """The items of a list template, as wikitext strings. ``{{Plainlist}}`` and ``{{Flatlist}}``
    hold one bulleted body; ``{{ubl}}``, ``{{hlist}}`` and the others one item per parameter."""
    values = [str(p.value).strip() for p in t.params if not p.showkey]
    if template_name(t) in BULLETED_BODY_TEMPLATES:
        return _bullet_lines("\n".join(values))
    return [v for v in values if v]


def _bullet_lines(body: str) -> list[str]:
    lines = (
        re.split(r"\n\s*[*#]+|^\s*[*#]+", "\n" + body.strip())
        if "*" in body or "#" in body
        else body.split("\n")
    )
    return [ln.strip() for ln in lines if ln.strip()]


_ITEM_MARKS = re.compile(r"^\s*[*#:;]+")


def split_items(code: Code, ctx: Context | None = None) -> list[str]:
    """Split an infobox value into its items (wikitext strings): list templates (nested too),
    ``<br>``, bullet lines and plain line breaks all separate items. Refs stay attached to
    their item and are removed when the item is rendered. With ``ctx``, a tree's text is not
    parsed again (``text_of``)."""
    text = text_of(code, ctx)
    if "<ref" in text or "<REF" in text:
        text = _refs_cut(text, tags=True) or text
    for _ in range(5):  # a list template may hold <br>-separated items or another list
        expanded = expand_lists(text, ctx)
        if expanded == text:
            break
        text = expanded
    items = []
    for line in _lines_outside_nodes(text, ctx):
        line = _ITEM_MARKS.sub("", line, 1).strip()
        if line:
            items.append(line)
    return items


def _lines_outside_nodes(text: str, ctx: Context | None = None) -> list[str]:
    """``text`` cut at the line breaks of its plain text: a template, link or tag written over
    several lines (``{{Film date|2019|5|21|Cannes\n|2019|5|30|South Korea}}``) stays whole."""
    if "\n" not in text:
        return [text]
    if "{" not in text and "<" not in text and not _LINK_OVER_LINES.search(text):
        return text.split("\n")  # no node of the text holds a line break
    if only_template(text, ctx) is not None:  # one template, blanks around it
        body = text.strip()
        at = text.index(body)
        lines = text[:at].split("\n")
        after = text[at + len(body) :].split("\n")
        lines[-1] += body + after[0]
        return lines + after[1:]
    lines = [""]
    for node in parse(text, ctx).nodes:
        if isinstance(node, Text):
            parts = str(node).split("\n")
            lines[-1] += parts[0]
            lines.extend(parts[1:])
        else:
            lines[-1] += str(node)
    return lines


def only_template(text: str, ctx: Context | None = None) -> Params | None:
    """The parameters of the one template ``text`` is, blanks around it, when ``params.split``
    reads them; else None. With ``ctx``, a template split before for the same page is not
    split again (the parameters are frozen, so they may be shared)."""
    body = text.strip()
    if not body.startswith("{{"):
        return None
    if ctx is not None and body in ctx.templates:
        return ctx.templates[body]
    box = split_params(body) if balanced_braces(body, 0) == body else None
    if ctx is not None:
        ctx.templates[body] = box
    return box


_LINK_OVER_LINES = re.compile(r"\[\[[^\]]*\n")


def expand_lists(text: str, ctx: Context | None = None) -> str:
    """List templates and ``<br>`` as line breaks (one level), comments dropped. A text with
    neither a template nor a tag is itself, and a text that is one template (blanks around it)
    is read without the parser when ``params.split`` can read it."""
    if "{{" not in text and "<" not in text:
        return text
    if "{{" not in text:
        light = _breaks_and_comments(text)
        if light is not None:
            return light
    box = only_template(text, ctx)
    if box is not None:
        if template_name(box) not in LIST_TEMPLATES:
            return text
        body = text.strip()
        lead, trail = text[: text.index(body)], text[text.index(body) + len(body) :]
        return lead + "\n" + "\n".join(list_template_items(box)) + "\n" + trail
    pieces: list[str] = []
    for node in parse(text, ctx).nodes:
        if isinstance(node, Template) and template_name(node) in LIST_TEMPLATES:
            pieces.append("\n" + "\n".join(list_template_items(node)) + "\n")
        elif isinstance(node, Tag) and str(node.tag).lower() == "br":
            pieces.append("\n")
        elif isinstance(node, Comment):
            continue
        else:
            pieces.append(str(node))
    return "".join(pieces)


_BREAK_OR_COMMENT = re.compile(r"(<br\s*/?>|<!--.*?-->)", re.I | re.S)


def _breaks_and_comments(text: str) -> str | None:
    """``expand_lists`` of a text of plain text and simple links between ``<br>`` tags and
    comments (each piece read by the parser as text and links only, ``_is_links_only``): the
    breaks as line breaks, the comments dropped, without the parser; else None."""
    pieces = _BREAK_OR_COMMENT.split(text)
    for k in range(0, len(pieces), 2):
        if pieces[k] and ("<" in pieces[k] or not _is_links_only(pieces[k])):
            return None
    for k in range(1, len(pieces), 2):
        pieces[k] = "" if pieces[k].startswith("<!--") else "\n"
    return "".join(pieces)


def link_target(link: Wikilink) -> str:
    """A link's target page as MediaWiki reads it: entities decoded, ``_`` as space, first
    letter upper case, no space before an anchor."""
    return _target_of(str(link.title))


def _target_of(title: str) -> str:
    """``link_target`` of a link whose title is ``title`` (its text)."""
    target = (html.unescape(title) if "&" in title else title).strip().lstrip(":").replace("_", " ")
    target = " ".join(target.split()).replace(" #", "#")  # MediaWiki drops the space before #
    return target[:1].upper() + target[1:] if target else target


def name_of(item: Code, ctx: Context | None = None) -> Name | None:
    """A displayed name and, when the item is one link (or its text is a link's text), the
    link target as ``wiki_title``."""
    light = isinstance(item, str) and (ctx is None or item not in ctx.trees) and _is_links_only(item)
    code = item if light else parse(item, ctx)  # a text of links only is read without a tree
    text = " ".join(render(code, ctx).split())
    text = text.rstrip(" ,;:") if text.endswith((",", ";", ":")) else text
    if not text:
        return None
    if isinstance(item, str) and "[[" not in item and "{{" not in item:
        return Name(text, None)  # neither a link nor a template to link it
    return Name(text, link_for(code, text))


def link_for(item: Code, shown: str, ctx: Context | None = None) -> str | None:
    """The target of the link in ``item`` whose displayed text is ``shown``, if any.
    ``{{sortname|First|Last}}`` links to "First Last" (its third parameter, or "First Last
    (dab)" with ``dab=``) unless ``nolink`` is set; ``{{ill|Target|...}}`` links to Target."""
    source = item if isinstance(item, str) else None
    if source is not None and "[[" not in source and "{{" not in source:
        return None  # neither a link nor a template
    if source is not None and (ctx is None or source not in ctx.trees) and _is_links_only(source):
        for m in _SIMPLE_LINK.finditer(source):  # the links of the tree _links_only builds
            title, label = m.group(1), m.group(2)
            if title.strip().lower().startswith(DROP_LINK_NS):
                continue
            if " ".join(_finish(title if label is None else label).split()) == shown:
                return _target_of(title)
        return None
    code = parse(item, ctx)
    for link in wikilinks(code) if source is None or "[[" in source else ():
        if _is_file_link(link):
            continue
        text = " ".join(render(link.text if link.text is not None else link.title).split())
        if text == shown:
            return link_target(link)
    for t in code.filter_templates() if source is None or "{{" in source else ():
        name = template_name(t)
        if name == "sortname" and not t.has("nolink") and render(t) == shown:
            args = positional(t)
            dab = named(t, "dab")
            target = args[2] if len(args) > 2 and args[2] else (f"{shown} ({dab})" if dab else shown)
            return target[:1].upper() + target[1:]
        if name in INTERLANGUAGE_LINKS and render(t) == shown and positional(t) and positional(t)[0]:
            target = positional(t)[0]
            return target[:1].upper() + target[1:]
    return None


def names_of(code: Code, ctx: Context | None = None) -> list[Name]:
    out = []
    for item in split_items(code, ctx):
        n = name_of(item, ctx)
        if n is not None:
            out.append(n)
    return out


def _is_file_link(link: Wikilink) -> bool:
    return str(link.title).strip().lower().startswith(DROP_LINK_NS)


_REF_OR_COMMENT = re.compile(r"<ref|<!--", re.I)


# A ref render drops whole and the parser cannot misread (no element inside it), and the
# characters that could join into markup where one is cut out.
_CUTTABLE_REF = re.compile(r"<ref\b[^<>]*/>|<ref\b[^<>]*>[^<]*</ref\s*>", re.I)
_JOINING = set("[]{}<>&")
_LINE_OPENERS = set("*#:;=-{| ")


def cuttable_ref(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a top-level ``<ref>`` of ``text``, or refs side by side,
    ``wikitable.constructs``) can be cut out of the text as text: the parser reads each as one
    ref tag, and what stands on either side cannot join into markup once they are gone."""
    return bool(_CUTTABLE_REFS.fullmatch(text, start, end)) and not (
        text[start - 1 : start] in _JOINING or text[end : end + 1] in _JOINING
    )


_CUTTABLE_REFS = re.compile(rf"(?:{_CUTTABLE_REF.pattern})+", re.I)


def _refs_cut(text: str, tags: bool = False) -> str | None:
    """``text`` without its refs, cut out as text (no parse), when it holds no comment, every
    ref stands at its top level and is ``cuttable_ref`` (refs side by side as one), and no other
    tag is left (with ``tags``, other tags may be left); else None."""
    if "<!--" in text:
        return None
    runs: list[list[int]] = []  # refs side by side, as [start, end]
    for start, end in wikitable.constructs(text):
        if text[start] == "<" and text[start + 1 : start + 4].lower() == "ref":
            if runs and runs[-1][1] == start:
                runs[-1][1] = end
            else:
                runs.append([start, end])
    out: list[str] = []
    done = 0
    for start, end in runs:
        if not cuttable_ref(text, start, end):
            return None
        if text[start - 1 : start] in ("", "\n") and text[end : end + 1] in _LINE_OPENERS:
            return None  # what follows would open a line (a list, a heading, a table)
        out.append(text[done:start])
        done = end
    out.append(text[done:])
    cut = "".join(out)
    return None if "<" in cut and not tags else cut


def without_refs(code: Code, ctx: Context | None = None) -> str:
    """``str(remove_refs(code))``; a text with no ref and no comment is itself (not parsed),
    and so is a text whose refs can be cut out as text (``_refs_cut``). With ``ctx``, refs and
    comments standing at the top level of the page's tree of the text are left out of it
    without a private parse."""
    text = text_of(code, ctx)
    if not _REF_OR_COMMENT.search(text):
        return text
    if ctx is None or text not in ctx.trees:
        cut = _refs_cut(text)
        if cut is not None:
            return cut
    kept = _top_level_kept(text, ctx)
    return "".join(map(str, kept)) if kept is not None else str(remove_refs(text))


def read_without_refs(code: Code, ctx: Context | None = None) -> Wikicode:
    """A tree of ``code`` without refs and comments, for reading only (it may be shared): the
    tree of ``code`` itself when it holds neither."""
    text = text_of(code, ctx)
    if _REF_OR_COMMENT.search(text):
        cut = _refs_cut(text) if ctx is None or text not in ctx.trees else None
        if cut is not None:
            return parse(cut, ctx)
        kept = _top_level_kept(text, ctx)
        return Wikicode(SmartList(kept)) if kept is not None else remove_refs(code)
    return parse(code if isinstance(code, Wikicode) else text, ctx)


def _top_level_kept(text: str, ctx: Context | None) -> list[Node] | None:
    """The nodes of the page's tree of ``text`` (``ctx``) but its refs and comments, when no
    other node holds one; else None (``remove_refs`` has to edit a private copy)."""
    if ctx is None:
        return None
    kept = [n for n in parse(text, ctx).nodes if not _is_ref_or_comment(n)]
    return None if any(_REF_OR_COMMENT.search(str(n)) for n in kept if not isinstance(n, Text)) else kept


def _is_ref_or_comment(node: Node) -> bool:
    return isinstance(node, Comment) or (isinstance(node, Tag) and str(node.tag).lower() == "ref")


def remove_refs(code: Code) -> Wikicode:
    """A copy without ``<ref>`` tags and comments (a ref's text is a citation, not a value)."""
    code = parse_for_edit(code)
    for tag in code.filter_tags(matches=lambda n: str(n.tag).lower() == "ref"):
        try:
            code.remove(tag)
        except ValueError:
            pass
    for comment in code.filter_comments():
        try:
            code.remove(comment)
        except ValueError:
            pass
    return code


# --------------------------------------------------------------------------------------------
# Dates written as templates
# --------------------------------------------------------------------------------------------


def _numeric_date(parts: list[str]) -> PartialDate | None:
    """(year, month, day) template fields, month and day optional."""
    return from_parts(*(parts + ["", ""])[:3]) if parts else None


def film_date_entries(t: Template | Params) -> list[tuple[PartialDate, str | None]]:
    """``{{Film date|1995|10|27|Limited|1996|2|9|Wide}}`` as [(date, label), ...].

    Positional groups of (year, month, day, location/label), up to five; named parameters such
    as ``df=y`` or ``ref1=`` may stand anywhere and are not positions. ``{{Start date}}`` is the
    same with one group. A blank month or day lowers the precision."""
    args = [str(p.value).strip() for p in t.params if not p.showkey]
    name = template_name(t)
    group = 4 if name in ("film date", "movie date", "filmdate", "film release date") else 3
    out = []
    i = 0
    while i < len(args):
        chunk = args[i : i + group]
        when = _numeric_date(chunk[:3])
        if when is None:
            i += 1
            continue
        label = None
        if group == 4 and len(chunk) > 3 and chunk[3]:
            label = render(chunk[3]) or None
        out.append((when, label))
        i += group
    return out


def name_festivals(code: Code, ctx: Context | None = None) -> str:
    """Links to a festival's article shown under a short name name the festival:
    ``[[Cannes Film Festival|Cannes]]`` becomes ``[[Cannes Film Festival]]`` (a release label
    then reads as the festival it is, not as a place)."""
    text = str(code)
    if "[[" not in text or not any(_festival_named(link) for link in wikilinks(parse(code, ctx))):
        return text
    code = parse_for_edit(code)
    for link in wikilinks(code):
        target = _festival_named(link)
        if target is not None:
            link.text = None
            link.title = target
    return str(code)


def _festival_named(link: Wikilink) -> str | None:
    """The festival a link to a festival's article shown under a short name names, else None."""
    target = re.sub(r"\s*\([^()]*\)$", "", link_target(link).split("#")[0])
    shown = render(link.text) if link.text is not None else target
    if re.search(r"\bfestival\b", target, re.I) and not re.search(r"\bfestival\b", shown, re.I):
        return target
    return None


def _date_text(when: PartialDate) -> str:
    d = when.date
    month = d.strftime("%B")
    if when.precision == DAY:
        return f"{month} {d.day}, {d.year}"
    if when.precision == MONTH:
        return f"{month} {d.year}"
    return str(d.year)


# --------------------------------------------------------------------------------------------
# Pages and sections
# --------------------------------------------------------------------------------------------

FILM_INFOBOXES = {
    "infobox film",
    "infobox movie",
    "infobox feature film",
    "infobox film/sandbox",
    "infobox animanga/film",
    "infobox documentary",
    "infobox short film",
}


def film_infobox(code: Code) -> Params | None:
    """The parameters of the page's ``{{Infobox film}}`` (at any depth), or None.

    The template's own text is cut out by brace matching and read alone (the page is not
    parsed for it; mwparserfromhell would also fall back to plain text for a template it
    cannot close, when an unbalanced quote or bracket follows it): split at its parameters
    without the parser (``params.split``, values parsed when read), else parsed. A page whose
    infobox cannot be cut out that way is parsed whole."""
    text = str(code)
    for m in _INFOBOX_START.finditer(text):
        if _in_comment(text, m.start()):
            continue
        chunk = balanced_braces(text, m.start())
        if not chunk:
            continue
        box = split_params(chunk)
        if box is not None:
            if normalise_template_name(box.name) in FILM_INFOBOXES:
                return box
            continue
        for t in parse(chunk).filter_templates(recursive=False):
            if template_name(t) in FILM_INFOBOXES:
                return of_template(t)
    if not mentions_film_infobox(text):
        return None
    for t in parse(code).filter_templates(recursive=True):
        if template_name(t) in FILM_INFOBOXES:
            return of_template(t)
    return None


def _in_comment(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an HTML comment (``<!--`` before it, not closed since)."""
    opened = text.rfind("<!--", 0, pos)
    return opened >= 0 and text.find("-->", opened, pos) < 0


_INFOBOX_START = re.compile(
    r"\{\{\s*(?:template:)?infobox[ _]+(?:film|movie|feature film|documentary|short film|animanga/film)\b",
    re.I,
)


def mentions_film_infobox(text: str) -> bool:
    """A cheap test before parsing: can the page hold a film infobox at all? (Most pages of a
    dump cannot, and parsing them would cost far more than this search.)"""
    return _INFOBOX_START.search(text) is not None


def balanced_braces(text: str, start: int) -> str | None:
    """The ``{{...}}`` starting at ``start``, braces counted, or None when it never closes."""
    depth = 0
    for m in _BRACES.finditer(text, start):
        if m.group() == "{{":
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            return text[start : m.end()]
    return None


_BRACES = re.compile(r"\{\{|\}\}")


_REDIRECT = re.compile(r"^\s*#\s*redirect\b", re.I)


def is_redirect(text: str) -> bool:
    return bool(_REDIRECT.match(text))
