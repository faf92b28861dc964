/* Rutin: the search index in pieces (scripts/rutin/search_shards.py), loaded as a query
   needs them, in the search worker and on the page (no-hit help). A piece is a script
   that calls rutinPiece(kind, key, data): it loads from disk too (file://), where fetch
   cannot. `load(url)` is importScripts in the worker and a script element on the page.
     pieces(plan, root, load).words(query) → a vocabulary (rutin-query.js) of the words
       the query needs, with their pages;
     .pages(words, n) → the n best pages for the rewritten query's words;
     .docs(pages) → the index documents of those pages (with the rest of their pieces). */
(function (root) {
  "use strict";
  const store = { w: new Map(), p: new Map() };
  root.rutinPiece = (kind, key, data) => { store[kind].set(key, data); };
  const fold = (w) => root.rutinQuery.fold(w);

  root.rutinPieces = function (plan, base, load, aids) {
    const keys = new Set(plan.words);
    const get = async (kind, key) => {
      if (!store[kind].has(key)) {
        try { await load(new URL(`search/${kind}/${key}.js`, base).href); } catch (e) { /* missing piece: no words */ }
      }
      return store[kind].get(key);
    };
    // The piece a folded word is in: its longest first letters that name a piece.
    const keyOf = (f) => { for (let n = f.length; n >= 1; n--) if (keys.has(f.slice(0, n))) return f.slice(0, n); return null; };
    const wordPiece = (f) => { const k = keyOf(f); return k ? get("w", k) : Promise.resolve(null); };
    const entries = () => {
      const out = [];
      for (const piece of store.w.values()) for (const [f, e] of Object.entries(piece)) out.push([f, e[0], e[1]]);
      return out;
    };
    const vocabulary = () => root.rutinQuery.fromWords(entries(), aids);
    const plain = (w) => fold(w.toLowerCase().replace(/^[+-]|[*~^].*$/g, ""));

    async function words(query) {
      const fs = String(query).trim().split(/\s+/).map(plain).filter((f) => f.length >= 2);
      await Promise.all(fs.map(wordPiece));
      let voc = vocabulary();
      // A compound's tail is under other letters: load those whose head is a word.
      const tails = new Set();
      for (const f of fs) {
        if (root.rutinQuery.begins(voc, f)) continue;
        for (let i = f.length - 2; i >= 3; i--) {
          if (!voc.words.has(f.slice(0, i))) continue;
          tails.add(f.slice(i));
          if (f[i] === "s" && f.length - i > 3) tails.add(f.slice(i + 1));
        }
      }
      if (tails.size) { await Promise.all([...tails].map(wordPiece)); voc = vocabulary(); }
      return voc;
    }

    /* Pages scored like Lunr's prefix search: each query word's best matching word on a
       page, weighted by how rare the word is (idf). */
    async function pages(query, n) {
      const fs = String(query).trim().split(/\s+/).map(plain).filter((f) => f.length >= 2);
      await Promise.all(fs.map(wordPiece));
      const score = new Map();
      for (const f of fs) {
        const piece = store.w.get(keyOf(f)) || {};
        const best = new Map();
        for (const [w, e] of Object.entries(piece)) {
          // A word of one or two letters ("ut", "kö") is taken as it is, not as a
          // beginning: "ut" would match every "uteblir".
          if (f.length < 3 ? w !== f : !w.startsWith(f)) continue;
          const flat = e[3];
          for (let i = 0; i < flat.length; i += 2) best.set(flat[i], Math.max(best.get(flat[i]) || 0, flat[i + 1]));
        }
        const idf = Math.log(1 + plan.pages / (best.size || 1));
        for (const [page, s] of best) score.set(page, (score.get(page) || 0) + s * idf);
      }
      return [...score].sort((a, b) => b[1] - a[1]).slice(0, n).map(([page]) => page);
    }

    const pieceOf = (page) => {
      let lo = 0, hi = plan.page_pieces.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (plan.page_pieces[mid] <= page) lo = mid; else hi = mid - 1; }
      return lo;
    };

    async function docs(found) {
      const out = [];
      for (const piece of new Set(found.map(pieceOf))) out.push(...((await get("p", String(piece))) || []));
      return out;
    }

    return { words, pages, docs };
  };
})(typeof self !== "undefined" ? self : this);
