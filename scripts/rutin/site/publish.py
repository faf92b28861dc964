"""The publishing guard: `rutin build --publish` refuses a site address that points nowhere.

mkdocs.yml takes `site_url` from $RUTIN_SITE_URL and falls back to the local preview
address http://127.0.0.1:8000/. That address is printed in every page's print footer
and encoded in its QR code (components.print_footer), so a build for publishing without a
real address puts a code that leads nowhere on every printed checklist.

`site_url_problem` decides about one address (a Swedish message, or None when it is
fine); `publish_problem` applies it to what a build would use. See docs/drift.md.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

SITE_URL_ENV = "RUTIN_SITE_URL"
# The address and a page's path go into a QR code on every printed page: a longer
# address makes codes a phone cannot read, and beyond ~2,300 characters none at all.
MAX_SITE_URL = 200
EXAMPLE_URL = "https://rutiner.regionhalland.se/"
ALLOW_HTTP_FLAG = "--allow-http"
_HOW = (
    f"Sätt {SITE_URL_ENV} till webbplatsens riktiga adress, till exempel "
    f"{SITE_URL_ENV}={EXAMPLE_URL} make publish"
)
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_USERINFO = re.compile(r"(//)[^/?#]*@")
_NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]*))*")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`host` as an IP address, shorthand forms a browser accepts included (127.1,
    0x7f.1, 2130706433); None for a name. Raises ValueError for a number that is no
    address (999.1.1.1)."""
    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(host)
    except ValueError:
        if not _NUMERIC_HOST.fullmatch(host):
            return None
        try:
            ip = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise ValueError(host) from None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip


def site_url_problem(url: str | None, *, allow_http: bool = False) -> str | None:
    """Why `url` cannot be the address of a published site (Swedish), or None.

    Refused: a missing or empty address; anything but an absolute http(s) address with
    a host; user name or password, query or fragment in it; a local host (localhost,
    *.localhost, 127.0.0.0/8, ::1, 0.0.0.0, link-local addresses) or a short host name
    without a dot (it does not resolve on a phone that reads the QR code); plain http://
    unless `allow_http`.
    """
    if url is None or not url.strip():
        return (
            f"{SITE_URL_ENV} är inte satt. Adressen skrivs i varje QR-kod och i sidfoten "
            "på varje utskrift; utan den blir den http://127.0.0.1:8000/, som bara "
            f"fungerar på den här datorn. {_HOW}"
        )
    shown = _USERINFO.sub(r"\1…@", url)  # a password is never repeated
    if re.search(r"\s", url):
        return f"{SITE_URL_ENV}={shown!r} innehåller mellanslag eller radbrytningar. {_HOW}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        host = (parts.hostname or "").rstrip(".").lower()
        ip = _ip(host)
    except ValueError:
        return f"{SITE_URL_ENV}={shown} är ingen giltig webbadress. {_HOW}"
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return (
            f"{SITE_URL_ENV}={shown} är ingen fullständig webbadress: den ska börja med "
            f"https:// och ett servernamn. {_HOW}"
        )
    if parts.username is not None or parts.password is not None:
        return (
            f"{SITE_URL_ENV} innehåller ett användarnamn eller lösenord (före @). Det "
            f"skulle skrivas ut på varje papper. {_HOW}"
        )
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return (
            f"{SITE_URL_ENV}={shown} innehåller ? eller #. Sidornas adresser skrivs efter "
            f"den, så den ska sluta med servernamnet eller en mapp. {_HOW}"
        )
    if not host:
        return f"{SITE_URL_ENV}={shown} saknar servernamn. {_HOW}"
    if (
        host in _LOCAL_NAMES
        or host.endswith(".localhost")
        or (ip is not None and (ip.is_loopback or ip.is_unspecified or ip.is_link_local))
    ):
        return (
            f"{SITE_URL_ENV}={shown} pekar på den här datorn ({host}). En QR-kod eller "
            f"utskrift med den adressen fungerar inte för någon annan. {_HOW}"
        )
    if ip is not None and _NUMERIC_HOST.fullmatch(host) and str(ip) != host:
        return f"{SITE_URL_ENV}={shown} är ingen giltig webbadress. {_HOW}"
    if ip is None and "." not in host:
        return (
            f"{SITE_URL_ENV}={shown} har ett kort servernamn ({host}) utan domän. Det "
            "fungerar bara i vissa nätverk, inte i en mobil som läser QR-koden. Skriv "
            f"hela namnet. {_HOW}"
        )
    if parts.scheme == "http" and not allow_http:
        return (
            f"{SITE_URL_ENV}={shown} använder http:// utan kryptering. Använd https://. "
            "Finns webbplatsen bara över http (till exempel på ett internt testnät), "
            f"tillåt det uttryckligen med {ALLOW_HTTP_FLAG} (make publish ALLOW_HTTP=1)."
        )
    return None


# Characters a web address never holds unencoded (RFC 3986): quotes and angle brackets
# would end the attribute or element the address is written into.
_NOT_IN_URL = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")


def any_build_problem(url: str | None) -> str | None:
    """Why no build at all may use `url` (Swedish), or None: it is printed on every page
    and in every QR code, so a user name or password in it, or an address too long for a
    QR code, is refused in every build (the preview's local default is fine)."""
    if url is None:
        return None
    shown = _USERINFO.sub(r"\1…@", url)
    if len(url) > MAX_SITE_URL:
        return (f"{SITE_URL_ENV} är {len(url)} tecken lång (högst {MAX_SITE_URL}). Adressen "
                f"skrivs i varje QR-kod; en så lång adress går inte att läsa med en mobil. "
                f"{_HOW}")
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        netloc = ""
    if _USERINFO.search(url) or "@" in netloc:
        return (f"{SITE_URL_ENV}={shown} innehåller ett användarnamn eller lösenord (före @). "
                f"Det skulle skrivas ut på varje sida och papper. {_HOW}")
    odd = _NOT_IN_URL.search(url)
    if odd is not None:  # the theme writes the address into every page as it stands
        return (f"{SITE_URL_ENV} innehåller tecknet {odd.group(0)!r}, som inte hör hemma i "
                f"en webbadress (skriv det kodat, t.ex. %20 för mellanslag). {_HOW}")
    return None


SiteUrl = Callable[[], str | None]  # reads the address a build would use (the adapter's)


def every_build_problem(site_url: SiteUrl) -> str | None:
    """`any_build_problem` for the address a build would use. `site_url` reads it as the
    generator resolves it (the command passes the adapter's reader); it raises OSError
    or the generator's configuration error when the settings cannot be read."""
    try:
        url = site_url()
    except Exception as exc:  # OSError, the generator's configuration error
        return f"Kunde inte läsa site_url {exc}"
    return any_build_problem(url)


def publish_problem(site_url: SiteUrl, *, allow_http: bool = False) -> str | None:
    """Why a build with the address `site_url` reads must not be published (Swedish),
    or None.

    Publishing requires $RUTIN_SITE_URL (mkdocs.yml's default is the local preview), and
    the address the build will actually use must pass `site_url_problem`."""
    if not os.environ.get(SITE_URL_ENV, "").strip():
        return site_url_problem(None)
    try:
        url = site_url()
    except Exception as exc:  # OSError, the generator's configuration error
        return f"Kunde inte läsa site_url {exc}"
    return site_url_problem(url, allow_http=allow_http)
