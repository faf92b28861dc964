"""One tab that a module's browser tests take turns in (conftest's `page` fixture, in a
module with SHARED_CONTEXT = True), in one context of the module's own.

Why: a new tab, and Playwright's reading of a context's storage (it opens a hidden
page per origin), each cost Chromium about as much as a page view or more (measured
2026-12-07: a test in a new tab with the storage read and cleared took about 1.0–1.4 s
of Chromium's processor time against 0.4 s for a page view in a tab already open).
Most browser tests open one page and click in it, so that was most of what they cost.

Between two tests the tab and the context are put back as new ones would be, and what
cannot be put back makes the tab be replaced and the context's storage be read whole:
- what the pages stored: when every page the test opened (in any tab of the context)
  was on the origin the tab ends on, that page clears its localStorage, sessionStorage
  and IndexedDB itself and reports them empty (checked), and the browser clears the
  origin's data too; otherwise every origin the context holds data for is cleared
  (checked) and the tab replaced, since its sessionStorage of another origin cannot be
  reached; cookies are cleared (checked) either way;
- where it has been: the tab goes to about:blank and its history is dropped (Chromium
  DevTools protocol, Page.resetNavigationHistory; checked), so going back never reaches
  an earlier test's page;
- what the test set on the tab: a listener it added (`on`, `once`) is removed, a viewport
  it set is put back (the pointer is not carried over: a new page under it is not
  hovered, checked); other tabs it opened are closed;
- what cannot be undone on a tab (routes, init scripts, exposed functions, media
  emulation, extra headers, timeouts): calling one marks the tab, which is then closed
  and the next test gets a new one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

# Page methods whose effect outlives a navigation and has no undo the reset could use.
LASTING = (
    "route", "route_from_har", "route_web_socket", "unroute", "unroute_all",
    "add_init_script", "expose_function", "expose_binding", "emulate_media",
    "set_extra_http_headers", "set_default_timeout", "set_default_navigation_timeout",
    "add_locator_handler", "remove_locator_handler", "pause",
)
# Origins a page of the origin itself can clear.
CLEARABLE = ("http", "https")
NO_ORIGIN = ("about", "data", "blob")


def _origin(url: str) -> str | None:
    """The origin a URL's page stores under; None for a page that stores nothing
    (about:blank, data:), "" for one the reset cannot reach (file:, chrome:, …)."""
    parts = urlsplit(url)
    if parts.scheme in NO_ORIGIN or not parts.scheme:
        return None
    if parts.scheme not in CLEARABLE:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


# What the browser clears of an origin (Chromium DevTools protocol,
# Storage.clearDataForOrigin): everything a page of the site could have stored.
STORED = "cookies,local_storage,indexeddb,service_workers,cache_storage"

# Run on the page the test ended on: empties what the page's origin stored, and says
# what is left (all three must be 0).
CLEAR_ON_PAGE = """async () => {
  localStorage.clear();
  sessionStorage.clear();
  for (const db of await indexedDB.databases()) {
    await new Promise((done) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = request.onerror = request.onblocked = done;
    });
  }
  return [localStorage.length, sessionStorage.length, (await indexedDB.databases()).length];
}"""


class SharedTab:
    """A tab of `context`, handed to one test after another (`take`, then `give_back`)."""

    def __init__(self, make_context: Callable[[], Any], viewport: dict[str, int]) -> None:
        self.make_context = make_context
        self.viewport = viewport
        self.tab: Any = None
        self._origins: set[str] = set()
        self._new_context()

    def _new_context(self) -> None:
        self.context = self.make_context()
        self.context.on("request", self._on_request)
        self.tab = None

    def close(self) -> None:
        self.context.close()

    def _open(self) -> None:
        self.tab = self.context.new_page()
        self._session = self.context.new_cdp_session(self.tab)

    def take(self) -> Any:
        if self.tab is None or self.tab.is_closed():
            self._open()
        self._lasting: list[str] = []
        self._listeners: list[tuple[str, Any]] = []
        self._origins = set()
        self._resized = False
        self._watch(self.tab)
        return self.tab

    def give_back(self) -> None:
        """Put the tab and the context back as new ones would be; replace the tab when
        that cannot be done. After a reset that fails the next test gets a new context."""
        try:
            self._reset()
        except BaseException:
            self.context.close()
            self._new_context()
            raise

    def _reset(self) -> None:
        tab = self.tab
        self._unwatch(tab)
        for other in self.context.pages:
            if other is not tab:
                other.close()
        if not tab.is_closed():
            for event, handler in self._listeners:
                # A `once` listener that has run is gone already.
                with contextlib.suppress(KeyError, ValueError):
                    tab.remove_listener(event, handler)
        here = None if tab.is_closed() else _origin(tab.url)
        # Only the origin the page is on now can be cleared by the page itself.
        on_one_page = not self._origins or self._origins == {here}
        if self._lasting or not on_one_page or not self._cleared_on_page(tab):
            self.replace()
            self._open()  # the next test's tab, to clear the context's storage from
            self._clear_every_origin()
        self.context.clear_cookies()
        assert not self.context.cookies(), "cookies not cleared"
        tab = self.tab
        if _origin(tab.url) is not None:
            tab.goto("about:blank")
        self._session.send("Page.resetNavigationHistory")
        history = self._session.send("Page.getNavigationHistory")
        assert len(history["entries"]) == 1, f"history not dropped: {history}"
        if self._resized or tab.viewport_size != self.viewport:
            tab.set_viewport_size(self.viewport)

    def replace(self) -> None:
        """Close the tab; the next test gets a new one."""
        if self.tab is not None and not self.tab.is_closed():
            self.tab.close()
        self.tab = None

    def _cleared_on_page(self, tab: Any) -> bool:
        """The page the tab shows clears what its origin stored (checked), and the browser
        clears the origin's data; False when the page cannot."""
        here = None if tab.is_closed() else _origin(tab.url)
        if here is None:
            return not tab.is_closed()  # about:blank or data: – nothing stored
        if here == "":
            return False  # file: and the like
        try:
            left = tab.evaluate(CLEAR_ON_PAGE)
        except Exception:  # a page that cannot clear itself is replaced
            return False
        assert left == [0, 0, 0], f"{here}: storage not cleared by the page: {left}"
        self._session.send("Storage.clearDataForOrigin", {"origin": here, "storageTypes": STORED})
        return True

    def _clear_every_origin(self) -> None:
        """Every origin the context holds data for, cleared and checked (Playwright reads
        the storage through a hidden page per origin: slow, so only when needed)."""
        origins = [o["origin"] for o in self.context.storage_state(indexed_db=True)["origins"]]
        for origin in origins:
            self._session.send("Storage.clearDataForOrigin",
                               {"origin": origin, "storageTypes": STORED})
        if origins:
            left = self.context.storage_state(indexed_db=True)
            assert not left["origins"], f"storage not cleared: {left}"

    # ----------------------------------------------------------------- watching the test

    def _on_request(self, request: Any) -> None:
        """Pages opened in any tab of the context, by origin (file: as "")."""
        if request.resource_type == "document":
            origin = _origin(request.url)
            if origin is not None:
                self._origins.add(origin)

    def _watch(self, tab: Any) -> None:
        for name in LASTING:
            setattr(tab, name, self._marking(name, getattr(type(tab), name).__get__(tab)))
        for name in ("on", "once"):
            setattr(tab, name, self._listening(getattr(type(tab), name).__get__(tab)))
        tab.set_viewport_size = self._resizing(type(tab).set_viewport_size.__get__(tab))

    def _unwatch(self, tab: Any) -> None:
        for name in (*LASTING, "on", "once", "set_viewport_size"):
            tab.__dict__.pop(name, None)

    def _marking(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def marked(*args: Any, **kwargs: Any) -> Any:
            self._lasting.append(name)
            return method(*args, **kwargs)
        return marked

    def _listening(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def listened(event: str, handler: Any) -> Any:
            self._listeners.append((event, handler))
            return method(event, handler)
        return listened

    def _resizing(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def resized(*args: Any, **kwargs: Any) -> Any:
            self._resized = True
            return method(*args, **kwargs)
        return resized
