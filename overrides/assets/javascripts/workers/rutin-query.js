/* Rutin: Swedish help for the site search (issue "Search that speaks staff Swedish").
   Material's search (Lunr) matches word prefixes only. This rewrites each word of a
   query into words the pages contain, before Lunr sees it:
     1. stop words ("vad", "i", "jag" …) are left out: in a question they match every page;
     2. a search aid (routine.yaml `search_aids`, e.g. videosamtal → videobesök) is
        replaced by the routine's own term;
     3. a word that begins a word of the site stays as it is (Lunr's prefix match);
     4. an inflection: a Swedish ending is taken off (tolkarna → tolk);
     5. a compound the site does not use is split (barnbesök → barn besök);
     6. a typo: the nearest word of the site, one edit away (two for long words).
   Loaded by the search worker (rutin-search.js) and, when a search finds nothing, by
   the page (suggestions). No DOM, no network: pure functions over the index's words. */
(function (root) {
  "use strict";
  const STOP = new Set(("och i jag vad gör göra om en ett det den de att på för med som är " +
    "till av hur när var kan ska skall inte har hon han hen man vi du mig min mitt mina sin " +
    "sitt sina vid från eller så här där vilken vilket vilka vem vart efter innan måste får " +
    "finns ingen inga något några all alla än då nu ju bara också").split(" "));
  // Longest first: taken off only when what is left begins a word of the site.
  const ENDINGS = ["arnas", "ernas", "ornas", "heten", "heter", "andet", "arna", "erna",
    "orna", "ande", "ende", "ades", "ade", "are", "ast", "ens", "ets", "na", "en", "et", "ar",
    "er", "or", "de", "te", "dd", "tt", "s", "a", "e", "t"];
  const fold = (w) => w.toLowerCase().normalize("NFC")
    .replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/é/g, "e");

  /* The words of the site: folded form → the most frequent spelling, and their count.
     `texts`: strings (HTML allowed); `aids`: {word: term}. */
  function vocabulary(texts, aids) {
    const words = new Map();
    for (const t of texts) {
      const plain = String(t || "").replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/gi, " ");
      for (const w of plain.toLowerCase().match(/[a-zåäöé0-9]+/g) || []) {
        if (w.length < 2) continue;
        const f = fold(w), e = words.get(f);
        if (e) e.n++; else words.set(f, { word: w, n: 1 });
      }
    }
    return withAids(words, aids);
  }

  /* The same from the search index's word pieces: [folded, spelling, count] each. */
  function fromWords(entries, aids) {
    const words = new Map();
    for (const [f, word, n] of entries) words.set(f, { word, n });
    return withAids(words, aids);
  }

  function withAids(words, aids) {
    const folded = new Map();
    for (const [w, term] of Object.entries(aids || {})) folded.set(fold(w), term);
    return { words, sorted: [...words.keys()].sort(), aids: folded };
  }

  /* The first word of the site (folded) that begins with `f`, or null: binary search. */
  function first(voc, f) {
    let lo = 0, hi = voc.sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (voc.sorted[mid] < f) lo = mid + 1; else hi = mid; }
    return lo < voc.sorted.length && voc.sorted[lo].startsWith(f) ? voc.sorted[lo] : null;
  }
  const begins = (voc, f) => first(voc, f) !== null;
  /* A folded prefix as the site spells it (vardnadshavare → vårdnadshavare): Lunr
     compares letters exactly, and folding keeps the length. */
  const surface = (voc, f) => { const w = first(voc, f); return w ? voc.words.get(w).word.slice(0, f.length) : f; };

  function stem(voc, f) {
    for (const end of ENDINGS)
      if (f.length - end.length >= 3 && f.endsWith(end) && begins(voc, f.slice(0, -end.length)))
        return f.slice(0, -end.length);
    return null;
  }

  /* barnbesök → ["barn", "besök"]: the longest head that is a word of the site (or
     begins one), then a tail that is one too (a short tail only as a whole word: chattkö);
     "s" may join the parts (skiftslut). */
  function split(voc, f) {
    for (let i = f.length - 2; i >= 3; i--) {
      const head = f.slice(0, i);
      if (!voc.words.has(head) && !begins(voc, head)) continue;
      for (const rest of f[i] === "s" && i + 4 <= f.length ? [f.slice(i), f.slice(i + 1)] : [f.slice(i)]) {
        const tail = rest.length < 3 ? (voc.words.has(rest) ? rest : null)
          : begins(voc, rest) ? rest : stem(voc, rest);
        if (tail) return [surface(voc, head), surface(voc, tail)];
      }
    }
    return null;
  }

  /* Damerau–Levenshtein distance, stopping early above `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  /* The site's words nearest to `f`, best first (most used among equals). */
  function nearest(voc, f, max) {
    const found = [];
    for (const [w, e] of voc.words) {
      if (w.length < 3) continue;
      const d = distance(f, w, max);
      if (d <= max) found.push([d, -e.n, w]);
    }
    found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1));
    return found.map((x) => voc.words.get(x[2]).word);
  }

  /* One word of a query → the words to search for ([] when it is a stop word). */
  function word(voc, w) {
    const f = fold(w);
    if (STOP.has(w.toLowerCase())) return [];
    if (voc.aids.has(f)) return voc.aids.get(f).toLowerCase().match(/[a-zåäöé0-9]+/g) || [w];
    if (f.length < 3) return [w];
    if (begins(voc, f)) return [surface(voc, f)];
    const s = stem(voc, f);
    if (s) return [surface(voc, s)];
    // One edit before splitting (anhörigsamtl is a typo, not anhörig + samtl), two after
    // (barnbesök is barn + besök, not vårdbesök).
    const near = f.length >= 4 ? nearest(voc, f, 1) : [];
    if (near.length) return [near[0]];
    const parts = split(voc, f);
    if (parts) return parts;
    const far = f.length >= 8 ? nearest(voc, f, 2) : [];
    return far.length ? [far[0]] : [w];
  }

  /* A whole query. Lunr's own syntax (+word, -word, word*, word~1, field:word) is kept. */
  function rewrite(voc, query) {
    const words = String(query).trim().split(/\s+/).filter(Boolean);
    const out = [];
    for (const w of words) {
      if (/[+\-*~:^"]/.test(w)) { out.push(w); continue; }
      out.push(...word(voc, w));
    }
    // A question of stop words only ("vad gör jag") is searched as typed.
    return (out.length ? out : words).join(" ");
  }

  /* "Menade du …": up to `n` words of the site close to a query that found nothing. */
  function suggest(voc, query, n) {
    const seen = new Set(), out = [];
    for (const w of String(query).trim().split(/\s+/)) {
      const f = fold(w);
      if (f.length < 3 || STOP.has(w.toLowerCase())) continue;
      for (const s of nearest(voc, f, f.length >= 7 ? 3 : 2))
        if (!seen.has(s) && out.length < n) { seen.add(s); out.push(s); }
    }
    return out;
  }

  root.rutinQuery = { vocabulary, fromWords, rewrite, suggest, fold, begins };
})(typeof self !== "undefined" ? self : this);
