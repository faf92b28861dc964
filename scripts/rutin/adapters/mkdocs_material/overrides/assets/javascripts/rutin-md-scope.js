/* Material's inline head script (partials/javascripts/base.html), as a file so the
   Content-Security-Policy needs no 'unsafe-inline' (overrides/partials/javascripts/base.html).
   The same four globals; the scope is the site root, which is "../../" from this file
   (<site>/assets/javascripts/), unless extra.scope is set (data-scope). Stores nothing
   itself: Material stores its own settings through __md_set (localStorage,
   "<scope path>.<key>"). */
(() => {
  const thisScript = document.currentScript;
  const configuredScope = thisScript.getAttribute("data-scope");
  window.__md_scope = configuredScope
    ? new URL(configuredScope, location)
    : new URL("../../", thisScript.src);

  // Material's string hash (of the announcement and consent markup, to notice a change).
  window.__md_hash = (text) =>
    [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);

  // The defaults read the global __md_scope when called, as Material's own script does.
  window.__md_get = (key, storage = localStorage, scope = __md_scope) =>
    JSON.parse(storage.getItem(scope.pathname + "." + key));

  window.__md_set = (key, value, storage = localStorage, scope = __md_scope) => {
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or refused: Material works on without remembering.
    }
  };
})();
