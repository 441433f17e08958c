"""Comparable keys for URLs and site names.

``url_key`` drops scheme, ``www.``, fragment, tracking parameters and trailing
slashes so that ``http://www.x.com/a/?utm_source=y`` equals ``https://x.com/a``.
``site_key`` turns a credited name ("The Al Jazeera", "aljazeera.com") into
``aljazeera``; ``domain_key`` does the same for a URL's host.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})
_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid")
#: Words a site name may carry beyond its domain name ("Zenger News" vs zenger.news).
_NAME_SUFFIXES = ("news", "english", "online", "media", "daily", "tv", "network", "digital")
_DOMAINISH = re.compile(r"^[\w-]+(\.[\w-]+)+$", re.UNICODE)


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").casefold().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None


def url_key(url: str | None) -> str | None:
    """Scheme-less, ``www``-less, fragment-less, tracking-free form of a URL."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url if "//" in url else "//" + url)
    host = host_of(url)
    if not host:
        return None
    path = re.sub(r"/+$", "", parts.path or "")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.casefold().startswith(_TRACKING)
    ]
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    key = host + port + path
    if query:
        key += "?" + urlencode(sorted(query))
    return key


def domain_key(url_or_host: str | None) -> str | None:
    """Registrable name of a host without TLD: ``edition.cnn.com`` → ``cnn``."""
    host = host_of(url_or_host)
    if not host:
        return None
    labels = [x for x in host.split(".") if x]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        labels = labels[:-2]
    elif len(labels) >= 2:
        labels = labels[:-1]
    if not labels:
        return None
    key = _NON_ALNUM.sub("", labels[-1])
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
    if len(short) >= 2 and long_.startswith(short):
        return long_[len(short) :] in _NAME_SUFFIXES
    return False


__all__ = ["domain_key", "host_of", "keys_match", "site_key", "url_key"]
