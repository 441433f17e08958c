"""Small fictional HTML pages the plain local server serves and tests write to disk."""

from __future__ import annotations

ARTICLE_HTML = (
    "<!doctype html><html lang='en'><head><title>Harbour cranes return | Harbour Times</title>"
    "</head><body><article><h1>Harbour cranes return</h1>"
    "<p>The two blue cranes that stood over the east quay for forty years came back on Tuesday, "
    "rebuilt and repainted after a winter in the yard.</p>"
    "<p>Dock workers lined the quay to watch the first lift, a container of citrus from the "
    "south coast that swung ashore a little after nine.</p></article></body></html>"
)

#: A longer original article, for tests that fetch a credited original.
ORIGINAL_BODY = " ".join(
    f"<p>Paragraph {n}: the river authority published its survey of the northern weirs, "
    f"finding {n + 3} sites where salmon ladders had silted up over the dry summer months "
    f"and recommending dredging before the autumn run begins in earnest.</p>"
    for n in range(8)
)
ORIGINAL_HTML = (
    "<!doctype html><html lang='en'><head><title>Weir survey | River Gazette</title>"
    "<meta property='og:site_name' content='River Gazette'></head><body><article>"
    f"<h1>Weir survey</h1>{ORIGINAL_BODY}</article></body></html>"
)

__all__ = ["ARTICLE_HTML", "ORIGINAL_BODY", "ORIGINAL_HTML"]
