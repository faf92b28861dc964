/* Material's inline head script (partials/javascripts/base.html), as a file so the
   Content-Security-Policy needs no 'unsafe-inline' (overrides/partials/javascripts/base.html).
   The same four globals; the scope is the site root, which is "../../" from this file
   (<site>/assets/javascripts/), unless extra.scope is set (data-scope). */
(() => {
  const me = document.currentScript;
  const scope = me.getAttribute("data-scope");
  window.__md_scope = scope ? new URL(scope, location) : new URL("../../", me.src);
  window.__md_hash = (e) => [...e].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
  window.__md_get = (e, _ = localStorage, t = __md_scope) =>
    JSON.parse(_.getItem(t.pathname + "." + e));
  window.__md_set = (e, _, t = localStorage, a = __md_scope) => {
    try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (err) { /* full */ }
  };
})();
