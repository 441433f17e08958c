"""Site identity: one notion of "the same site" for every stage.

A site is its **registrable domain** under the Public Suffix List (the
``publicsuffixlist`` package, which ships the list inside it and never fetches
at run time), private section included: ``a.blogspot.com`` and
``b.blogspot.com`` are two sites, and so are ``a.github.io`` and
``a.pages.dev``.  A few multi-tenant hosts that the list does not name
(``substack.com``, ``wordpress.com``, …) are treated the same way.

Keys used to compare names with domains:

- ``url_key`` drops scheme, ``www.``, fragment, tracking parameters and trailing
  slashes so that ``http://www.x.com/a/?utm_source=y`` equals ``https://x.com/a``;
- ``domain_key`` is the registrable domain's first label: ``edition.cnn.com`` →
  ``cnn``, ``www.bbc.co.uk`` → ``bbc``, ``foo.blogspot.com`` → ``foo``;
- ``site_key`` turns a credited name ("The Al Jazeera", "aljazeera.com") into
  ``aljazeera``;
- ``keys_match`` says whether two keys name one site, allowing a generic word a
  name carries beyond its domain ("Zenger News" and ``zenger.news``), and
  ``key_stems`` gives the stems a store must look up for a key so that every
  stored key ``keys_match`` accepts is found.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from publicsuffixlist import PublicSuffixList

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid")
#: Words a site name may carry beyond its domain name ("Zenger News" vs zenger.news).
NAME_SUFFIXES = ("news", "english", "online", "media", "daily", "tv", "network", "digital")
#: The shortest stem left once a suffix is dropped ("abcnews" → "abc").
_MIN_STEM = 2
_BAD_HOST = re.compile(r"[\s/\\<>\"'`{}|^]")
_DOMAINISH = re.compile(r"^[\w-]+(\.[\w-]+)+$", re.UNICODE)
#: Hosts where each subdomain is its own publication but which the Public Suffix
#: List does not list as a suffix.
_TENANT_HOSTS = frozenset(
    {
        "substack.com",
        "wordpress.com",
        "medium.com",
        "tumblr.com",
        "ghost.io",
        "typepad.com",
        "livejournal.com",
        "beehiiv.com",
        "over-blog.com",
        "canalblog.com",
        "hashnode.dev",
        "weebly.com",
    }
)


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    # Rules are kept in their Unicode form only: encoding each of the list's ~10,000
    # rules to punycode as well triples the load time (0.04 -> 0.12 s), which every
    # one-page command pays.  ``_registrable`` decodes an ``xn--`` host instead.
    return PublicSuffixList(accept_encoded_idn=False)


def _unicode_host(host: str) -> str | None:
    """``host`` with its ``xn--`` labels decoded; None when one is malformed."""
    try:
        return ".".join(
            label.encode("ascii").decode("idna") if label.startswith("xn--") else label
            for label in host.split(".")
        )
    except (UnicodeError, ValueError):
        return None


def is_http_url(value: str | None) -> bool:
    """Does ``value`` start with ``http://`` or ``https://`` (any case)?"""
    return value is not None and value[:8].lower().startswith(("http://", "https://"))


def looks_like_url(value: str) -> bool:
    """An http(s) URL, or a scheme-relative (``//x``) or ``www.`` address."""
    return is_http_url(value) or value.startswith(("//", "www."))


@lru_cache(maxsize=65536)
def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL or bare host, without ``www.``; None when unparsable."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").casefold().rstrip(".")
    except ValueError:
        return None
    if not host or _BAD_HOST.search(host):
        return None
    return host.removeprefix("www.") or None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def _registrable(host: str) -> str:
    if _is_ip(host) or "." not in host:
        return host
    if "xn--" in host:
        decoded = _unicode_host(host)
        reg = _psl().privatesuffix(decoded or host)
        if reg is not None and decoded:  # the same number of labels, in the host's own (ASCII) form
            reg = ".".join(host.split(".")[-(reg.count(".") + 1) :])
    else:
        reg = _psl().privatesuffix(host)
    if reg is None:  # the host is itself a public suffix
        return host
    if reg in _TENANT_HOSTS and host != reg:
        tenant = host[: -len(reg) - 1].rsplit(".", 1)[-1]
        return f"{tenant}.{reg}"
    return str(reg)


def registrable_domain(url_or_host: str | None) -> str | None:
    """``example.co.uk`` for ``https://www.news.example.co.uk/a``; IPs come back as they are."""
    host = host_of(url_or_host)
    return _registrable(host) if host else None


def same_site(a: str | None, b: str | None) -> bool:
    """Do two URLs (or hosts) belong to one registrable domain?"""
    ra, rb = registrable_domain(a), registrable_domain(b)
    return ra is not None and ra == rb


def url_key(url: str | None) -> str | None:
    """Scheme-less, ``www``-less, fragment-less, tracking-free form of a URL."""
    if not url:
        return None
    url = url.strip()
    host = host_of(url)
    if not host:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        port_no = parts.port
    except ValueError:
        return None
    path = re.sub(r"/+$", "", parts.path or "")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.casefold().startswith(_TRACKING)
    ]
    port = f":{port_no}" if port_no and port_no not in (80, 443) else ""
    key = host + port + path
    if query:
        key += "?" + urlencode(sorted(query))
    return key


@lru_cache(maxsize=65536)
def domain_key(url_or_host: str | None) -> str | None:
    """First label of the registrable domain: ``edition.cnn.com`` → ``cnn``."""
    reg = registrable_domain(url_or_host)
    if not reg or _is_ip(reg):
        return None
    key = _NON_ALNUM.sub("", reg.split(".", 1)[0])
    return key or None


def site_key(name: str | None) -> str | None:
    """Casefolded site name without spaces, punctuation, a leading "the" or a TLD."""
    if not name:
        return None
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    if _DOMAINISH.match(text) or text.startswith(("http://", "https://")):
        return domain_key(text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\.(com|org|net|news|co\.uk|co|info|io)$", "", text)
    key = _NON_ALNUM.sub("", text)
    return key or None


def keys_match(a: str | None, b: str | None) -> bool:
    """Equal keys, or equal once a generic suffix ("news", "english" ...) is dropped."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= _MIN_STEM and long_.startswith(short):
        return long_[len(short) :] in NAME_SUFFIXES
    return False


def key_stems(key: str) -> set[str]:
    """Prefixes under which every key that :func:`keys_match` accepts for ``key`` sorts.

    A store finds them with a prefix range query per stem and filters the rows
    with :func:`keys_match`.
    """
    stems = {key}
    for suffix in NAME_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_STEM:
            stems.add(key[: -len(suffix)])
    return stems


__all__ = [
    "NAME_SUFFIXES",
    "domain_key",
    "host_of",
    "is_http_url",
    "key_stems",
    "keys_match",
    "looks_like_url",
    "registrable_domain",
    "same_site",
    "site_key",
    "url_key",
]
