/* Theme fix (overrides/main.html). Material's JavaScript wraps things that are not
   navigation in <nav> elements, each an unnamed navigation landmark (axe
   landmark-unique): the copy button of every code block (content.code.copy) and the
   tags of every search result. They get role="none"; what they hold is unchanged.
   They are created lazily and again after instant navigation: watch for them. */
(() => {
  const SELECTOR = "nav.md-code__nav:not([role]), .md-search-result nav.md-tags:not([role])";
  const fix = (root) => {
    for (const nav of root.querySelectorAll(SELECTOR)) nav.setAttribute("role", "none");
  };
  fix(document);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) fix(n.parentNode || n);
  }).observe(document.body, { childList: true, subtree: true });
})();

/* A search that finds nothing: the no-hit help (workers/rutin-no-hit.js, loaded then,
   with rutin-query.js and rutin-pieces.js) suggests near words and the tasks of the
   reader's role. */
(() => {
  const meta = document.querySelector(".md-search-result__meta");
  const input = document.querySelector("input.md-search__input");
  if (!meta || !input) return;
  const none = (JSON.parse(document.getElementById("__config").textContent).translations || {})["search.result.none"];
  let box = null, loading = null;
  const load = (src) => new Promise((done, fail) => {
    const s = document.createElement("script");
    s.src = new URL(src, document.querySelector("script[src*='rutin-theme']").src).href;
    s.onload = done; s.onerror = fail;
    document.head.append(s);
  });
  new MutationObserver(() => {
    const empty = meta.textContent.trim() === none && input.value.trim().length >= 3;
    // Gone, not hidden, when there are results: Material's arrow keys walk every link
    // in the result area, and a hidden one would swallow the focus.
    if (!empty) { if (box) box.remove(); box = null; return; }
    if (!box) meta.after((box = Object.assign(document.createElement("div"), { className: "rutin-no-hit" })));
    box.setAttribute("aria-live", "polite");
    loading = loading || load("workers/rutin-query.js").then(() => load("workers/rutin-pieces.js"))
      .then(() => load("workers/rutin-no-hit.js"));
    loading.then(() => window.rutinNoHit(box, input)).catch(() => {});
  }).observe(meta, { childList: true, characterData: true, subtree: true });
})();
