"""The prose of an HTML document as lines of text, at the same offsets.

A saved web page or a crawler's body is HTML from its first character, and
often on one line: its paragraphs and headings are ``<p>`` and ``<h1>``
elements, not lines. The line grammars would find no heading in it. So the
markup outside its tables is blanked, character for character: a tag that
ends a paragraph or a line (``</p>``, ``<br>``, ``<div>`` …) becomes a line
break and spaces, any other tag spaces, an entity its character and spaces,
a comment, a script or a style spaces. The tables are left as they are for
the ``html`` layout to read. The text keeps its length, so every offset is
still an offset into the caller's string; lines are counted in the text as
the markup breaks it.

Only a text that opens with a tag, that tag no ``<table>`` (a rendered
report or a markdown file holding an HTML table is not a page), and that
holds a paragraph's, a division's or a heading's end or a ``<body>``, is
read so.
"""

from __future__ import annotations

import re

#: A text that is a page: markup first, and that markup no table.
_PAGE = re.compile(r"\s*<(?![Tt][Aa][Bb][Ll][Ee][\s>/])[!A-Za-z]")

#: A tag, an entity or the opening of a comment.
_MARKUP = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>"  # a tag: its closing slash, its name
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});"  # an entity
    r"|<!--"  # a comment, closed wherever "-->" comes
    r"|<[!?][^<>]*>"  # a declaration: <!DOCTYPE html>, <?xml …?>
)

#: Elements that end a line of prose where they open or close.
_BREAKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "title", "tr", "ul"),
    }
)
#: Elements whose content is no prose.
_HIDDEN = frozenset({"script", "style"})


#: What a page's prose is made of and a markdown file is not.
_BLOCKS = re.compile(r"</(?:p|div|h[1-6])\s*>|<body[\s>]", re.IGNORECASE)


def is_page(text: str) -> bool:
    """Whether a text is an HTML page (see the module): it opens with markup
    that is no table, and it has paragraphs or a body (a markdown file that
    opens with a comment has neither)."""
    return _PAGE.match(text) is not None and _BLOCKS.search(text) is not None


def page_prose(text: str) -> str:
    """The text with the markup outside its tables blanked (see the module)."""
    pieces: list[str] = []
    done = 0  # text before this is in pieces
    tables = 0  # tables open at this point
    hidden: str | None = None  # the element whose content is being blanked
    position = 0
    while (found := _MARKUP.search(text, position)) is not None:
        start, end = found.span()
        position = end
        closing, name = found.group(1), (found.group(2) or "").lower()
        if tables:
            if name == "table":
                tables += -1 if closing else 1
                if not tables:
                    pieces.append(text[done:end])
                    done = end
            continue
        if hidden is not None:
            if name == hidden and closing:
                pieces.append(_blank(text[done:end]))
                done, hidden = end, None
            continue
        if name == "table" and not closing:
            pieces.append(_prose(text[done:start]))
            done, tables = start, 1
            continue
        pieces.append(_prose(text[done:start]))
        if found.group(0) == "<!--":
            close = text.find("-->", end)
            end = len(text) if close < 0 else close + 3
            position = end
            pieces.append(_blank(text[start:end]))
        elif name or found.group(0).startswith("<"):
            markup = _blank(text[start:end])
            if name in _BREAKS and "\n" not in markup:
                markup = "\n" + markup[1:]
            pieces.append(markup)
            if name in _HIDDEN and not closing:
                hidden = name
        else:
            pieces.append(_entity(found.group(0)))
        done = end
    rest = text[done:]
    pieces.append(rest if tables else _blank(rest) if hidden else _prose(rest))
    return "".join(pieces)


def _prose(text: str) -> str:
    """Text between tags: a tab is white space like any other here (a leading
    one would make a line a table's cell)."""
    return text.replace("\t", " ")


def _blank(text: str) -> str:
    """Spaces for every character but line breaks."""
    return re.sub(r"[^\n]", " ", text) if text.strip() or "\t" in text else text


def _entity(entity: str) -> str:
    """An entity as its character, after spaces to its length; a
    non-breaking space is a space."""
    import html  # not at import: its table of entities costs a fresh process a millisecond

    char = html.unescape(entity)
    if len(char) != 1 or char in "\n\r\t\xa0":
        char = " "
    return " " * (len(entity) - 1) + char
