/* Rutin: the search worker (overrides/main.html points Material at it). Material's own
   worker finds, highlights and shows the results; this one decides what it searches and
   in which order the pages come:
     - each query is read as the site's words first (rutin-query.js: search aids, stop
       words, Swedish stems, prefixes, inflections, typos, compounds);
     - the index is in pieces (rutin-pieces.js): the page fetched only a manifest, and a
       query loads the word pieces it needs, ranks the pages (most of the query's words
       first), loads the pieces of the best pages and hands those documents to
       Material's search before the query;
     - Material's results come back through here (results.js): the pages in our order,
       each result with a short snippet and only the keywords that matched.
   Without pieces (an index that was not split) it rewrites against the whole index.
   Works in a real worker and in the iframe shim of the offline build (file://).
   Its address carries Material's worker as ?material=<file name> (default
   search.min.js), in the same folder. Stores nothing. */
(function () {
  "use strict";

  // Material's search messages (its SearchMessageType).
  const SETUP = 0;
  const READY = 1;
  const QUERY = 2;
  const RESULT = 3;

  // In the offline build's iframe shim this runs in a page: its own script element.
  const thisScript = typeof document !== "undefined" && document.querySelector("script[src*='rutin-search']");
  const here = thisScript ? thisScript.src : self.location.href;
  const materialWorker = new URL(here).searchParams.get("material") || "search.min.js";
  const siteRoot = new URL("../../../", here); // assets/javascripts/workers/ → the site root
  const BEST_PAGES = 6; // the pages Material's search then ranks (and their pieces' other pages)

  let vocabulary = null;   // without pieces: the whole index's words
  let pieces = null;       // with pieces: rutin-pieces.js for the manifest (at the first query)
  let piecesConfig = null; // with pieces: the manifest's config
  let setupData = null;    // the page's SETUP data (config; docs empty with pieces)
  let queue = Promise.resolve(); // queries are answered one at a time, in order
  let latestQuery = 0;
  let ranking = null;      // the answered query's page order (rutin-results.js)

  /* ---------- Material's READY messages ---------- */
  // Material answers each set-up with READY; the page needs only the first one. The
  // later ones (a query's pages) are ours: swallowed, and they say the index is built.
  const postToPage = self.postMessage.bind(self);
  let pageIsReady = false;
  let onIndexBuilt = null; // resolves the set-up handed to Material, at its READY
  self.postMessage = function (message, ...rest) {
    if (message && message.type === RESULT && message.data && self.rutinResults) {
      message = { ...message, data: self.rutinResults.arrange(message.data, ranking) };
    }
    if (message && message.type === READY) {
      if (onIndexBuilt) {
        const resolve = onIndexBuilt;
        onIndexBuilt = null;
        resolve();
        if (pageIsReady) {
          return;
        }
      }
      pageIsReady = true;
    }
    return postToPage(message, ...rest);
  };

  /* Passes a message to Material's worker as if the page had sent it (marked `rutin`,
     so our own listener lets it through). A SETUP resolves once Material has built the
     index, anything else at once. */
  function handToMaterial(data) {
    return new Promise((resolve) => {
      if (data.type === SETUP) {
        onIndexBuilt = resolve;
      }
      dispatchEvent(new MessageEvent("message", { data: { ...data, rutin: true } }));
      if (data.type !== SETUP) {
        resolve();
      }
    });
  }

  /* Material imports Lunr's language scripts at each set-up, and every query hands it a
     set-up (its best pages): each query would fetch them again (a round trip, if only
     for a 304), run them again and have Lunr warn that each of their functions
     overwrites itself. A Lunr script already imported is not imported again; a later
     set-up waits for its first import (a promise in the offline build's iframe shim,
     nothing in a worker, where importScripts is done when it returns). */
  const importedLunr = new Map(); // address → its import
  const importScriptsAsGiven = self.importScripts;
  self.importScripts = function (...urls) {
    const isLunr = (url) => String(url).includes("/lunr/");
    const fresh = urls.filter((url) => !(isLunr(url) && importedLunr.has(String(url))));
    const earlier = urls.filter((url) => !fresh.includes(url)).map((url) => importedLunr.get(String(url)));
    const now = fresh.length ? importScriptsAsGiven.apply(self, fresh) : undefined;
    fresh.filter(isLunr).forEach((url) => importedLunr.set(String(url), now));
    return earlier.some((done) => done) ? Promise.all([now, ...earlier]) : now;
  };

  /* The Swedish help (rutin-query.js, rutin-pieces.js, rutin-results.js; rutin-inflate.js
     in a browser without DecompressionStream) is loaded for
     the first query, not with the page: most page views never search. importScripts
     returns a promise in the offline build's iframe shim, and nothing in a worker. */
  let helpLoaded = null;
  function loadHelp() {
    if (!helpLoaded) {
      // rutin-inflate.js only where the packed pieces cannot be unpacked otherwise.
      const inflate = typeof DecompressionStream === "undefined" ? ["rutin-inflate.js"] : [];
      helpLoaded = Promise.resolve(importScripts(
        ...[...inflate, "rutin-query.js", "rutin-pieces.js", "rutin-results.js"]
          .map((name) => new URL(name, here).href),
      ));
    }
    return helpLoaded;
  }

  /* A query with pieces: Material's index becomes the best pages' documents, then
     Material searches it for the rewritten query and answers the page itself. */
  async function answer(query, queryNumber) {
    if (!query.trim()) {
      // Material asks for the empty query when the page loads: nothing to load for it.
      await handToMaterial({ type: QUERY, data: query });
      return;
    }
    await loadHelp();
    if (!pieces) {
      const load = (url) => importScripts(url);
      pieces = self.rutinPieces(piecesConfig.rutin_pieces, siteRoot, load, piecesConfig.rutin_aids);
    }
    const queryVocabulary = await pieces.words(query);
    const analysis = self.rutinQuery.analyse(queryVocabulary, query);
    await pieces.positions(analysis, queryVocabulary);
    const ranked = pieces.rank(analysis, queryVocabulary);
    const { documents, pageOf } = await pieces.docs(ranked.slice(0, BEST_PAGES).map(([page]) => page));
    if (queryNumber !== latestQuery) {
      return; // typed on: only the last query is answered
    }
    await handToMaterial({ type: SETUP, data: { ...setupData, docs: documents } });
    // The folded words matched ("=år", one spelling of "ar", as "ar").
    const folded = (key) => (queryVocabulary.words.get(key) || {}).folded || key;
    const words = new Set(analysis.units.flatMap((unit) => unit.parts.flatMap((part) => [...part.matches.keys()].map(folded))));
    // Each word Lunr searches, by the word typed that it stands for ("Saknas: …").
    const typed = new Map(analysis.units.flatMap((unit) => unit.parts.flatMap((part) =>
      part.lunr.map((term) => [term.toLowerCase(), unit.text]))));
    ranking = { order: new Map(ranked.map(([page], index) => [page, index])), pageOf, words, typed };
    await handToMaterial({ type: QUERY, data: analysis.lunr });
  }

  function onSetup(data) {
    const config = data.config || {};
    setupData = data;
    if (config.rutin_pieces) {
      // The manifest: documents come with the queries.
      piecesConfig = config;
      return;
    }
    // A whole index (the editor's preview, a real worker: importScripts is done when it
    // returns): rewrite against all of its words.
    loadHelp();
    const texts = [];
    for (const doc of data.docs || []) {
      texts.push(doc.title, doc.text, (doc.tags || []).join(" "));
    }
    vocabulary = self.rutinQuery.vocabulary(texts, config.rutin_aids);
  }

  // Registered before Material's own listener: it sees each message first.
  addEventListener("message", (event) => {
    const message = event.data;
    if (!message || typeof message !== "object" || message.rutin) {
      return;
    }
    if (message.type === SETUP && message.data) {
      onSetup(message.data); // and Material sets up too: the page's READY
    } else if (message.type === QUERY && typeof message.data === "string") {
      if (piecesConfig) {
        // Material must not search the manifest: answer() hands it the query later.
        event.stopImmediatePropagation();
        const queryNumber = ++latestQuery;
        const query = message.data;
        queue = queue.then(() => answer(query, queryNumber)).catch((error) => console.warn(error));
      } else if (vocabulary) {
        message.data = self.rutinQuery.rewrite(vocabulary, message.data);
      }
    }
  });

  importScripts(new URL(materialWorker, here).href);
})();
