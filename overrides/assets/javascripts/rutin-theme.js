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
