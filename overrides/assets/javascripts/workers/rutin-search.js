/* Rutin: the search worker (overrides/main.html points Material at it). Material's own
   worker ranks and shows the results; this one decides what it searches:
     - each query is rewritten into the site's words first (rutin-query.js: stop words,
       search aids, inflections, compounds, typos);
     - the index is in pieces (rutin-pieces.js): the page fetched only a manifest, and a
       query loads the word pieces it needs and the pieces of its best pages, then hands
       those documents to Material's search before the query.
   Without pieces (an index that was not split) it rewrites against the whole index.
   Works in a real worker and in the iframe shim of the offline build (file://). */
(function () {
  "use strict";
  const me = typeof document !== "undefined" && document.querySelector("script[src*='rutin-search']");
  const here = me ? me.src : self.location.href;
  const material = new URL(here).searchParams.get("material") || "search.min.js";
  const site = new URL("../../../", here); // assets/javascripts/workers/ → the site root
  const BEST_PAGES = 6; // the pages Material's search then ranks (and their pieces' other pages)
  let voc = null, pieces = null, setup = null, chain = Promise.resolve(), latest = 0;

  // Material answers each set-up with READY; the page needs only the first one. The
  // later ones (a query's pages) are ours: swallowed, and they say the index is built.
  const post = self.postMessage.bind(self);
  let readyOnce = false, built = null;
  self.postMessage = function (message, ...rest) {
    if (message && message.type === 1) {
      if (built) { const done = built; built = null; done(); if (readyOnce) return; }
      readyOnce = true;
    }
    return post(message, ...rest);
  };
  const hand = (data) => new Promise((done) => {
    if (data.type === 0) built = done;
    dispatchEvent(new MessageEvent("message", { data: { ...data, rutin: true } }));
    if (data.type !== 0) done();
  });

  async function answer(query, n) {
    const words = await pieces.words(query);
    const rewritten = self.rutinQuery.rewrite(words, query);
    const best = await pieces.pages(rewritten, BEST_PAGES);
    const docs = await pieces.docs(best);
    if (n !== latest) return; // typed on: only the last query is answered
    await hand({ type: 0, data: { ...setup, docs } });
    await hand({ type: 2, data: rewritten });
  }

  // Registered before Material's own listener: it sees each message first.
  addEventListener("message", (ev) => {
    const msg = ev.data;
    if (!msg || typeof msg !== "object" || msg.rutin) return;
    if (msg.type === 0 && msg.data) { // SETUP: the manifest, or a whole index
      const config = msg.data.config || {};
      setup = msg.data;
      if (config.rutin_pieces)
        pieces = self.rutinPieces(config.rutin_pieces, site, (url) => importScripts(url), config.rutin_aids);
      else {
        const texts = [];
        for (const d of msg.data.docs || []) texts.push(d.title, d.text, (d.tags || []).join(" "));
        voc = self.rutinQuery.vocabulary(texts, config.rutin_aids);
      }
    } else if (msg.type === 2 && typeof msg.data === "string") { // QUERY
      if (pieces) {
        ev.stopImmediatePropagation();
        const n = ++latest, query = msg.data;
        chain = chain.then(() => answer(query, n)).catch((e) => console.warn(e));
      } else if (voc) msg.data = self.rutinQuery.rewrite(voc, msg.data);
    }
  });
  importScripts(new URL("rutin-query.js", here).href, new URL("rutin-pieces.js", here).href,
                new URL(material, here).href);
})();
