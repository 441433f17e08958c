"""Keep the client away from internal services.

Every request the client sends, under either policy (every redirect hop
included, because the check lives in the transport), goes through
:class:`GuardedTransport`:

* only ``http`` and ``https`` URLs are sent;
* the host name is resolved, and the request is refused when *any* address is
  loopback, private, link-local, multicast, reserved or unspecified (IPv4-mapped
  IPv6 addresses are unwrapped first), unless ``allow_private`` is set;
* every request (http and https, IPv4 and IPv6) is sent to the address that was
  checked, so a DNS answer that changes between check and connect cannot slip through;
* ``resolve`` maps ``host`` (or ``host:port``) to ``ip:port`` like curl's
  ``--resolve``.  Mapped hosts were named by the operator and are trusted, so
  they pass even when the address is loopback; unmapped hosts are still guarded.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import httpx
import idna

from provenance.errors import ConfigError, FetchError, RefusedURL

log = logging.getLogger(__name__)

#: ``resolver(host, port)`` → the host's IP addresses as strings.
Resolver = Callable[[str, int], list[str]]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def check_scheme(url: str) -> None:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in {"http", "https"}:
        raise RefusedURL(f"{url}: only http and https URLs are fetched")


def check_url(url: str) -> None:
    """Refuse ``url`` unless it is an http(s) URL that every parser on the way accepts.

    The standard library and httpx (with IDNA) each reject their own malformed URLs
    (``http://[bad/x``, ``http://xn--/x``, a port past 65535) with a ValueError or a
    UnicodeError; here they all become one :class:`FetchError` that names the URL.
    """
    check_scheme(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError when out of range
        if not parts.hostname:
            raise ValueError("no host")
        httpx.URL(url)
        _check_host(parts.hostname)
    except (ValueError, httpx.InvalidURL) as exc:  # UnicodeError and IDNAError are ValueErrors
        raise FetchError(f"{url}: not a valid URL ({exc}); check it") from exc


def _check_host(host: str) -> None:
    if any(c.isspace() or ord(c) < 0x20 or c in '<>"{}|\\^`' for c in host):
        raise ValueError(f"the host {host!r} has characters no host name can have")
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            idna.decode(label)  # a malformed A-label is an IDNAError (a ValueError)


def forbidden_reason(address: str) -> str | None:
    """Why ``address`` must not be fetched by default, or None when it is public."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("unspecified", ip.is_unspecified),
    ):
        if flag:
            return f"{label} address {ip}"
    if not ip.is_global:
        return f"non-global address {ip}"
    return None


def _split_target(target: str) -> tuple[str, int]:
    host, sep, port = target.rpartition(":")
    if not sep or not port.isdigit():
        raise ConfigError(f"resolve target {target!r} must look like 127.0.0.1:8080")
    return host.strip("[]"), int(port)


class GuardedTransport(httpx.BaseTransport):
    """A transport that checks (and optionally remaps) each request's address."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        allow_private: bool = False,
        resolve: Mapping[str, str] | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._inner = inner
        self._allow_private = allow_private
        self._resolve = {k.lower(): _split_target(v) for k, v in (resolve or {}).items()}
        self._resolver = resolver

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        check_scheme(str(url))
        host = url.host.lower()
        port = url.port or (443 if url.scheme == "https" else 80)
        mapped = self._resolve.get(f"{host}:{port}") or self._resolve.get(host)
        if mapped is not None:
            return self._send_to(request, mapped[0], mapped[1])
        addresses = self._addresses(str(url), host, port)
        if self._allow_private:
            return self._inner.handle_request(request)
        for address in addresses:
            reason = forbidden_reason(address)
            if reason is not None:
                where = "the host is" if addresses == [host] else f"{host} resolves to"
                raise RefusedURL(
                    f"{url}: refused: {where} a {reason}; pass --allow-private to fetch "
                    "loopback, private and link-local addresses"
                )
        # Connect to the address that was checked, for http and https, IPv4 and IPv6
        # alike: resolving the name again to connect lets a DNS answer that changes
        # between the check and the connection (rebinding) reach an internal address.
        # For https the TLS name (SNI, certificate check) stays the host's.
        pinned = addresses[0]
        if pinned != host:
            return self._send_to(request, pinned, port)
        return self._inner.handle_request(request)

    def _addresses(self, url: str, host: str, port: int) -> list[str]:
        try:
            ipaddress.ip_address(host)
            return [host]
        except ValueError:
            pass
        try:
            found = self._resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpx.ConnectError(f"{url}: cannot resolve {host}: {exc}") from exc
        if not found:
            raise httpx.ConnectError(f"{url}: {host} has no addresses")
        return found

    def _send_to(self, request: httpx.Request, address: str, port: int) -> httpx.Response:
        """Send ``request`` to ``address:port`` keeping its Host header (and TLS name)."""
        extensions = dict(request.extensions)
        if request.url.scheme == "https":
            extensions.setdefault("sni_hostname", request.url.host)
        routed = httpx.Request(
            request.method,
            request.url.copy_with(host=address, port=port),
            headers=request.headers,
            stream=request.stream,
            extensions=extensions,
        )
        response = self._inner.handle_request(routed)
        return response

    def close(self) -> None:
        self._inner.close()


__all__ = [
    "GuardedTransport",
    "Resolver",
    "check_scheme",
    "check_url",
    "forbidden_reason",
    "system_resolver",
]
