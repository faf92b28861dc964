/* Rutin: the search index in pieces (adapters/mkdocs_material/search_index.py), loaded
   as a query needs them, in the search worker and on the page (no-hit help). A piece is
   a script that calls rutinPiece(kind, key, data): it loads from disk too (file://),
   where fetch cannot. Most pieces' data is packed (a string: the JSON deflated, in
   base64), unpacked here as it loads (DecompressionStream, or rutin-inflate.js in a
   browser without it). `load(url)` is
   importScripts in the worker and a script element on the page.
     rutinPieces(plan, root, load, aids).words(query) → a vocabulary (rutin-query.js) of
       the words the query needs, with their pages;
     .positions(analysis) → loads where the words a query of several words matched
       stand on their pages (position pieces), for rank();
     .rank(analysis, vocabulary) → the pages that match the analysed query (rutinQuery.analyse),
       best first: most of the query's words matched, then the weights of the matches
       and how close, in the query's order, the query's words stand on the page;
     .docs(pages) → the index documents of those pages (with the rest of their pieces)
       and each document's page.
   Stores nothing (no browser storage): loaded pieces stay in memory for the next query. */
(function (root) {
  "use strict";

  /* Every piece loaded so far, by kind: "w" word pieces (key: the first letters of
     their words; data: {folded word: [spelling, count, page count, [page, score, …]]}),
     "p" page pieces (key: the piece number; data: index documents), "x" position pieces
     (key: a folded word; data: {page: the word's first places on the page}). */
  const loadedPieces = { w: new Map(), p: new Map(), x: new Map() };

  // What each piece script calls (search_index.py writes the calls).
  root.rutinPiece = (kind, key, data) => {
    loadedPieces[kind].set(key, data);
  };

  /* A piece's data packed by search_index.py `pack` (a string: its JSON deflated, in
     base64), unpacked; any other data as it is. */
  async function unpack(data) {
    if (typeof data !== "string") {
      return data;
    }
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    if (typeof DecompressionStream === "undefined") {
      // Older browsers (rutin-inflate.js is loaded there first).
      return JSON.parse(new TextDecoder().decode(root.rutinInflate(bytes)));
    }
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return JSON.parse(await new Response(stream).text());
  }

  function fold(word) {
    return root.rutinQuery.fold(word);
  }

  /* A word of the query without Lunr's syntax around it (+, -, *, ~, ^), folded. */
  function plainWord(word) {
    return fold(word.toLowerCase().replace(/^[+-]|[*~^].*$/g, ""));
  }

  /* The folded words of a query that are worth looking up (two letters or more), split
     as the index splits words. */
  function queryWords(query) {
    return String(query).trim().split(/\s+/).map(plainWord)
      .flatMap((word) => word.match(/[a-z0-9é]+/g) || [])
      .filter((folded) => folded.length >= 2);
  }

  const EXTRA_PIECES = 3; // pieces of longer words a word may add (a prefix, a stem's forms)

  /* `plan`: the manifest's config.rutin_pieces ({pages: how many, words: the word
     pieces' keys, page_pieces: each page piece's first page}); `base`: the site root's
     URL; `aids`: routine.yaml search aids {word: term}. */
  root.rutinPieces = function (plan, base, load, aids) {
    const wordPieceKeys = new Set(plan.words);

    /* The data of a piece, loading it first if needed; undefined for a missing piece. */
    async function piece(kind, key) {
      if (!loadedPieces[kind].has(key)) {
        try {
          await load(new URL(`search/${kind}/${key}.js`, base).href);
        } catch (error) {
          // A missing piece: no words (or pages) from it.
        }
      }
      const data = loadedPieces[kind].get(key);
      if (typeof data === "string") {
        const unpacked = await unpack(data);
        loadedPieces[kind].set(key, unpacked);
        return unpacked;
      }
      return data;
    }

    /* The key of the word piece a folded word is in: its longest beginning that names
       a piece, or null. */
    function wordPieceKey(folded) {
      for (let length = folded.length; length >= 1; length--) {
        const beginning = folded.slice(0, length);
        if (wordPieceKeys.has(beginning)) {
          return beginning;
        }
      }
      return null;
    }

    /* The piece of a folded word, and (up to EXTRA_PIECES) the pieces of longer words
       it begins, where the words are split by more letters. */
    function loadWordPiece(folded) {
      const key = wordPieceKey(folded);
      const keys = key ? [key] : [];
      if (folded.length >= 3) {
        for (const longer of wordPieceKeys) {
          if (longer.length > folded.length && longer.startsWith(folded) && keys.length <= EXTRA_PIECES) {
            keys.push(longer);
          }
        }
      }
      return Promise.all(keys.map((k) => piece("w", k)));
    }

    /* The words a query needs besides its own: a search aid's term, each word's stem
       (its other forms begin with it). */
    function relatedWords(folded, query) {
      const related = new Set();
      const typed = String(query).trim().toLowerCase().split(/[^a-zåäöé0-9]+/).filter(Boolean);
      for (const term of root.rutinQuery.aidTerms(aids, query)) {
        for (const word of term.toLowerCase().split(/[\s\-–]+/)) {
          related.add(fold(word));
        }
      }
      for (const word of typed) {
        for (const stem of root.rutinQuery.swedishStems(word).map(fold)) {
          if (stem.length >= 2) {
            related.add(stem);
          }
          const base = root.rutinQuery.derivationBase(stem);
          if (base) {
            related.add(base);
          }
        }
      }
      // A word after a number and a hyphen may be read by a beginning ("14-åring": år).
      for (const match of String(query).toLowerCase().matchAll(/[0-9][-–]([a-zåäöé]+)/g)) {
        const tail = fold(match[1]);
        for (let cut = 2; cut < tail.length; cut++) {
          related.add(tail.slice(0, cut));
        }
      }
      return [...related].filter((word) => word.length >= 2 && !folded.includes(word));
    }

    /* A vocabulary of every word loaded so far. */
    function vocabulary() {
      const entries = [];
      for (const wordPiece of loadedPieces.w.values()) {
        if (typeof wordPiece === "string") {
          continue; // still packed: being unpacked for another query
        }
        for (const [folded, entry] of Object.entries(wordPiece)) {
          // spelling, count, postings, each spelling's own (a word spelled several ways)
          entries.push([folded, entry[0], entry[1], entry[3], entry[4]]);
        }
      }
      return root.rutinQuery.fromWords(entries, aids);
    }

    /* The word pieces of a word that is no word of the site but may be a compound:
       the tails after every head that is a word ("s" may join the two). */
    function compoundTails(vocab, folded, tails) {
      // After a joining "s" whatever the head: the part the compound is a kind of
      // (distriktsläkare → läkare).
      for (let cut = 3; folded.length - cut > 4; cut++) {
        if (folded[cut] === "s") {
          tails.add(folded.slice(cut + 1));
        }
      }
      for (let cut = folded.length - 2; cut >= 3; cut--) {
        if (!vocab.words.has(folded.slice(0, cut))) {
          continue;
        }
        tails.add(folded.slice(cut));
        if (folded[cut] === "s" && folded.length - cut > 3) {
          tails.add(folded.slice(cut + 1));
        }
      }
    }

    async function words(query) {
      const folded = queryWords(query);
      await Promise.all([...folded, ...relatedWords(folded, query)].map(loadWordPiece));
      let vocab = vocabulary();
      // A compound's tail is under other letters: load those whose head is a word.
      const tails = new Set();
      for (const word of folded) {
        if (!root.rutinQuery.begins(vocab, word)) {
          compoundTails(vocab, word, tails);
          // Or the last part of a word with a particle before it (bortglömt).
          root.rutinQuery.particleForms(word).forEach((form) => tails.add(form));
        }
      }
      if (tails.size) {
        await Promise.all([...tails].map(loadWordPiece));
        vocab = vocabulary();
      }
      return vocab;
    }

    /* The parts of an analysed query in the query's order, each with the site words it
       matched firmly (the word, its forms, a compound's part: weight ≥ PLACE_WEIGHT),
       the word as typed first, then the most used, at most PLACE_WORDS: [{unit, words}]. */
    const PLACE_WEIGHT = 0.7; // rutin-query.js WEIGHT.compound
    const PLACE_WORDS = 3; // a position piece is up to 40 pages × 8 places: ~2.5 kB

    function phraseParts(analysis, vocab) {
      const found = [];
      analysis.units.forEach((unit, index) => {
        for (const part of unit.parts) {
          // A spelling of a folded word ("=år") stands where its folded word does.
          const count = (word) => (vocab && vocab.words.get(word) || {}).count || 0;
          const words = [...new Set([...part.matches].filter(([, weight]) => weight >= PLACE_WEIGHT)
            .sort(([a, x], [b, y]) => y - x || count(b) - count(a))
            .map(([word]) => (vocab && vocab.words.get(word) || {}).folded || word))]
            .slice(0, PLACE_WORDS);
          if (words.length) {
            // A short word ("in", "ut") stands next to anything: it adds to the bonus only.
            found.push({ unit: index, words, long: part.word.length > 2 });
          }
        }
      });
      return found;
    }

    /* Loads the position pieces of the words a query of two or more parts matched. */
    async function positions(analysis, vocab) {
      const parts = phraseParts(analysis, vocab);
      if (parts.length < 2) {
        return;
      }
      const needed = new Set(parts.flatMap((part) => part.words));
      await Promise.all([...needed].map((word) => piece("x", word)));
    }

    /* Where a part's words stand on `page` (sorted), from the loaded position pieces. */
    function placesOf(part, page) {
      const found = [];
      for (const word of part.words) {
        const onPages = loadedPieces.x.get(word);
        const at = onPages && onPages[page];
        if (at) {
          found.push(...at);
        }
      }
      return found.sort((a, b) => a - b);
    }

    /* How close two parts stand on a page: 1 / the fewest places from a place of `a` to
       a later place of `b` (1 next to each other), a third of that when `b` comes first;
       0 when they are more than NEAR places apart. */
    const NEAR = 4; // up to three words between (stop words, an adjective)
    const REVERSED = 1 / 3;

    function closeness(a, b) {
      let best = 0;
      let listed = false; // the best pair stands in a hub page's list of pages
      let j = 0;
      for (const p of a) {
        while (j < b.length && b[j] < p - NEAR) {
          j++;
        }
        for (let k = j; k < b.length && b[k] <= p + NEAR; k++) {
          const distance = b[k] - p;
          const near = distance > 0 ? 1 / distance : distance < 0 ? REVERSED / -distance : 0;
          if (near > best || (near === best && listed && p < LISTED)) {
            best = near;
            listed = p >= LISTED;
          }
        }
      }
      return [best, listed];
    }

    /* Phrase proximity: for each page, the bonus of the query's parts that stand close
       together, each neighbouring pair of parts (in the query's order) adding its
       closeness times the mean of the two parts' units' best scores; and the units
       that stand in order next to another part there (at most IN_ORDER places apart),
       which count as matched on the page (a word next to the query's next word is no
       word in passing), except in a hub page's lists of pages (the start page, an
       overview's list of checklists: they put every page's words next to each other;
       search_index.py writes their places LISTED further on). Only pages where both
       parts stand. */
    const LISTED = plan.listed || Infinity;
    const IN_ORDER = 1; // closeness of a pair in order, next to each other
    const PHRASE = 0.5; // the bonus of a pair next to each other: half its units' best scores

    function proximity(parts, unitTops) {
      const bonus = new Map();
      const matchedUnits = new Map(); // page → Set of unit indexes
      for (let i = 0; i + 1 < parts.length; i++) {
        const a = parts[i];
        const b = parts[i + 1];
        const pagesOfA = new Set(a.words.flatMap((word) => Object.keys(loadedPieces.x.get(word) || {})));
        const pagesOfB = new Set(b.words.flatMap((word) => Object.keys(loadedPieces.x.get(word) || {})));
        for (const key of pagesOfA) {
          if (!pagesOfB.has(key)) {
            continue;
          }
          const page = Number(key);
          const [near, listed] = closeness(placesOf(a, key), placesOf(b, key));
          if (!near) {
            continue;
          }
          const weight = PHRASE * ((unitTops[a.unit] || 0) + (unitTops[b.unit] || 0)) / 2;
          bonus.set(page, (bonus.get(page) || 0) + near * weight);
          if (near >= IN_ORDER && !listed && a.long && b.long) {
            const units = matchedUnits.get(page) || new Set();
            units.add(a.unit).add(b.unit);
            matchedUnits.set(page, units);
          }
        }
      }
      return { bonus, matchedUnits };
    }

    /* The pages that match an analysed query, best first, as [page, words matched,
       score]. A unit of the query (a typed word, or a search aid phrase) scores on a
       page: for each of its parts the best match there (the word's score on the page
       times the match's weight), weighted by how rare the part is (idf over every page
       any of its matches is on, so a rare form of a word does not outweigh its common
       ones). The page matches the unit when that score is a real one: at least
       MATCHED_SHARE of the unit's best page's (a word in passing on a hub page that
       lists everything does not count), or when the word or one of its forms scores
       PROMINENT there: it stands in a heading, the title or the keywords of a checklist
       or task (search_index.py: a heading once on a checklist, boost 2, scores
       2 × 4 × 1 / (1 + 1.2) = 3.6; text alone at most 2 × 1, or 3 on a task; the hub
       pages, boost 1, only by their title or keywords), so it counts even where another
       page has it in its title, or when it stands next to another of the query's
       words, in the query's order (proximity(): the position pieces, loaded by
       positions()). Pages that match more units come first, so a prefix, a typo or
       words standing close never lift a page above one with more of the query's words;
       then the summed score, with the bonus of the query's words standing close
       together (a quoted phrase, a compound's parts). */
    const MATCHED_SHARE = 0.2;
    const PROMINENT = 3.5;
    const FORM_WEIGHT = 0.85; // rutin-query.js WEIGHT.form: a form of the word typed

    function rank(analysis, vocab) {
      const matched = new Map();
      const scores = new Map();
      const unitTops = [];
      const unitMatched = []; // per unit: the pages that match it
      for (const unit of analysis.units) {
        const unitScores = new Map();
        const prominent = new Map(); // page → the best score of the unit's word or its forms
        for (const found of unit.parts) {
          const best = new Map();
          for (const [word, weight] of found.matches) {
            const entry = vocab.words.get(word);
            const postings = (entry && entry.postings) || []; // page, score, page, score, …
            for (let i = 0; i < postings.length; i += 2) {
              const page = postings[i];
              best.set(page, Math.max(best.get(page) || 0, postings[i + 1] * weight));
              if (weight >= FORM_WEIGHT) {
                prominent.set(page, Math.max(prominent.get(page) || 0, postings[i + 1]));
              }
            }
          }
          const idf = Math.log(1 + plan.pages / (best.size || 1));
          for (const [page, score] of best) {
            unitScores.set(page, (unitScores.get(page) || 0) + score * idf);
          }
        }
        const top = Math.max(0, ...unitScores.values());
        unitTops.push(top);
        const pagesMatched = new Set();
        for (const [page, score] of unitScores) {
          scores.set(page, (scores.get(page) || 0) + score);
          if (score >= MATCHED_SHARE * top || prominent.get(page) >= PROMINENT) {
            pagesMatched.add(page);
          }
        }
        unitMatched.push(pagesMatched);
      }
      const { bonus, matchedUnits } = proximity(phraseParts(analysis, vocab), unitTops);
      for (const [page, extra] of bonus) {
        scores.set(page, (scores.get(page) || 0) + extra);
      }
      for (const [page, units] of matchedUnits) {
        for (const unit of units) {
          unitMatched[unit].add(page);
        }
      }
      for (const pagesMatched of unitMatched) {
        for (const page of pagesMatched) {
          matched.set(page, (matched.get(page) || 0) + 1);
        }
      }
      return [...scores]
        .map(([page, score]) => [page, matched.get(page) || 0, score])
        .sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0] - b[0]);
    }

    /* The number of the page piece that holds `page`: the last one starting at or
       before it (binary search). */
    function pagePieceOf(page) {
      const starts = plan.page_pieces;
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle] <= page) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      return low;
    }

    /* The documents of the page pieces holding `found` (page numbers), in order, and
       each document's page: {documents, pageOf: Map(page address → page number)}. */
    async function docs(found) {
      const documents = [];
      const pageOf = new Map();
      // One after the other, so the documents keep the pieces' order.
      for (const number of new Set(found.map(pagePieceOf))) {
        const pageDocuments = (await piece("p", String(number))) || [];
        let page = plan.page_pieces[number] - 1;
        let last = null;
        for (const doc of pageDocuments) {
          const address = String(doc.location).split("#")[0];
          if (address !== last) {
            page++;
            last = address;
            pageOf.set(address, page);
          }
        }
        documents.push(...pageDocuments);
      }
      return { documents, pageOf };
    }

    return { words, positions, rank, docs };
  };
})(typeof self !== "undefined" ? self : this);
