"""Plain text of an HTML fragment, with block elements separated by whitespace."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode

from provenance.extract.tags import BLOCK_TAGS


def _collect(node: LexborNode, out: list[str]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append(child.text_content or "")
        elif tag in ("script", "style", "template") or tag is None or tag.startswith("-"):
            continue
        elif tag in BLOCK_TAGS:
            out.append(" ")
            _collect(child, out)
            out.append(" ")
        else:
            _collect(child, out)


def html_to_text(html: str) -> str:
    """Visible text of ``html``, block elements separated by whitespace, spaces folded."""
    tree = HTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return ""
    out: list[str] = []
    _collect(root, out)
    return " ".join("".join(out).split())
