"""The demo web's sites: names, hosts, languages, themes and server quirks.

``SITES`` maps a short key (``"ht"``, ``"dr"``…) to each fictional outlet on the
reserved ``.example`` TLD; ``FEED_SITES`` lists the WordPress sites whose RSS feed
is captured.  Nothing here knows about articles or copies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    home: str  # no trailing slash
    lang: str  # <html lang>
    tagline: str
    theme: str  # wp | newspaper | farm | wire
    nav: tuple[str, ...]
    jsonld: bool = True
    server: str = "nginx"
    wordpress: bool = True

    @property
    def host(self) -> str:
        return self.home.split("://", 1)[1]


SITES = {
    s.key: s
    for s in [
        Site(
            "ap",
            "AP News",
            "https://apnews.example",
            "en",
            "Advancing the power of facts",
            "wire",
            ("World", "U.S.", "Politics", "Business", "Science", "Sports"),
            wordpress=False,
            server="envoy",
        ),
        Site(
            "ht",
            "Harbour Times",
            "https://harbourtimes.example",
            "en-CA",
            "News from Port Ellery and the Calder coast",
            "wp",
            ("Local", "Business", "Arts & Culture", "Opinion", "Sports", "Obituaries"),
        ),
        Site(
            "vl",
            "Valley Ledger",
            "https://valleyledger.example",
            "en-CA",
            "The Tamsin Valley's community newspaper since 1911",
            "wp",
            ("Wrenford", "Tamsin Valley", "Agriculture", "Education", "Letters", "Classifieds"),
            jsonld=False,
            server="Apache",
        ),
        Site(
            "nw",
            "Northwire News",
            "https://northwire-news.example",
            "en-CA",
            "Independent journalism for the north",
            "wp",
            ("News", "Environment", "Transportation", "Community", "Podcast"),
        ),
        Site(
            "rb",
            "Rheinbote",
            "https://rheinbote.example",
            "de-DE",
            "Nachrichten aus Lindenau und dem Rheintal",
            "wp",
            ("Lindenau", "Hallbach", "Region", "Kultur", "Sport", "Service"),
        ),
        Site(
            "dr",
            "Daily Relay",
            "https://dailyrelay.example",
            "en-US",
            "All the news, all the time",
            "newspaper",
            ("World", "Politics", "Business", "Local", "Science", "Entertainment"),
            server="cloudflare",
        ),
        Site(
            "nm",
            "News Mirror",
            "https://newsmirror.example",
            "en-US",
            "Headlines from around the web",
            "wp",
            ("Top Stories", "Regional", "Money", "Tech", "Lifestyle"),
        ),
        Site(
            "cf",
            "Buzz Daily Now",
            "https://contentfarm.example",
            "en",
            "Stories everyone is talking about",
            "farm",
            ("Trending", "Viral", "Money", "Wow"),
            jsonld=False,
            server="Apache/2.4.41 (Ubuntu)",
            wordpress=False,
        ),
        Site(
            "ns",
            "Nachrichtenspiegel",
            "https://nachrichtenspiegel.example",
            "de",
            "Schlagzeilen aus ganz Deutschland",
            "wp",
            ("Politik", "Regional", "Wirtschaft", "Panorama", "Sport"),
            jsonld=False,
        ),
    ]
}

#: Sites whose WordPress install publishes an RSS feed with the Yoast footer.
FEED_SITES = ("ht", "vl", "nw", "rb")


def uploads(site: Site) -> str:
    """Where the site's CMS keeps images."""
    return "wp-content/uploads" if site.wordpress else "images"
