/* Rutin: the search worker (overrides/main.html points Material at it). Material's own
   worker does the searching; this one rewrites each query into the site's words first
   (rutin-query.js: stop words, search aids, inflections, compounds, typos). The words
   come from the index Material sends at set-up; the search aids from its config
   (`rutin_aids`, written by the build). Works in a real worker and in the iframe shim
   of the offline build (file://), where importScripts is a polyfill. */
(function () {
  "use strict";
  const here = typeof document !== "undefined" && document.querySelector("script[src*='rutin-search']")
    ? document.querySelector("script[src*='rutin-search']").src : self.location.href;
  const material = new URL(here).searchParams.get("material") || "search.min.js";
  let voc = null;
  // Registered before Material's own listener: it sees each message first.
  addEventListener("message", (ev) => {
    const msg = ev.data;
    if (!msg || typeof msg !== "object") return;
    if (msg.type === 0 && msg.data) { // SETUP: the index
      const docs = msg.data.docs || [];
      const texts = [];
      for (const d of docs) texts.push(d.title, d.text, (d.tags || []).join(" "));
      voc = self.rutinQuery.vocabulary(texts, (msg.data.config || {}).rutin_aids);
    } else if (msg.type === 2 && voc && typeof msg.data === "string") { // QUERY
      msg.data = self.rutinQuery.rewrite(voc, msg.data);
    }
  });
  importScripts(new URL("rutin-query.js", here).href, new URL(material, here).href);
})();
