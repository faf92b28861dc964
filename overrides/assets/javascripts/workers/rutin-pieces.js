/* Rutin: the search index in pieces (scripts/rutin/search_shards.py), loaded as a query
   needs them, in the search worker and on the page (no-hit help). A piece is a script
   that calls rutinPiece(kind, key, data): it loads from disk too (file://), where fetch
   cannot. `load(url)` is importScripts in the worker and a script element on the page.
     rutinPieces(plan, root, load, aids).words(query) → a vocabulary (rutin-query.js) of
       the words the query needs, with their pages;
     .pages(words, n) → the n best pages for the rewritten query's words;
     .docs(pages) → the index documents of those pages (with the rest of their pieces).
   Stores nothing (no browser storage): loaded pieces stay in memory for the next query. */
(function (root) {
  "use strict";

  /* Every piece loaded so far, by kind: "w" word pieces (key: the first letters of
     their words; data: {folded word: [spelling, count, page count, [page, score, …]]}),
     "p" page pieces (key: the piece number; data: index documents). */
  const loadedPieces = { w: new Map(), p: new Map() };

  // What each piece script calls (search_shards.py writes the calls).
  root.rutinPiece = (kind, key, data) => {
    loadedPieces[kind].set(key, data);
  };

  function fold(word) {
    return root.rutinQuery.fold(word);
  }

  /* A word of the query without Lunr's syntax around it (+, -, *, ~, ^), folded. */
  function plainWord(word) {
    return fold(word.toLowerCase().replace(/^[+-]|[*~^].*$/g, ""));
  }

  /* The folded words of a query that are worth looking up (two letters or more). */
  function queryWords(query) {
    return String(query).trim().split(/\s+/).map(plainWord).filter((folded) => folded.length >= 2);
  }

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
      return loadedPieces[kind].get(key);
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

    function loadWordPiece(folded) {
      const key = wordPieceKey(folded);
      return key ? piece("w", key) : Promise.resolve(null);
    }

    /* A vocabulary of every word loaded so far. */
    function vocabulary() {
      const entries = [];
      for (const wordPiece of loadedPieces.w.values()) {
        for (const [folded, entry] of Object.entries(wordPiece)) {
          entries.push([folded, entry[0], entry[1]]); // spelling, count
        }
      }
      return root.rutinQuery.fromWords(entries, aids);
    }

    /* The word pieces of a word that is no word of the site but may be a compound:
       the tails after every head that is a word ("s" may join the two). */
    function compoundTails(vocab, folded, tails) {
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
      await Promise.all(folded.map(loadWordPiece));
      let vocab = vocabulary();
      // A compound's tail is under other letters: load those whose head is a word.
      const tails = new Set();
      for (const word of folded) {
        if (!root.rutinQuery.begins(vocab, word)) {
          compoundTails(vocab, word, tails);
        }
      }
      if (tails.size) {
        await Promise.all([...tails].map(loadWordPiece));
        vocab = vocabulary();
      }
      return vocab;
    }

    /* Pages scored like Lunr's prefix search: each query word's best matching word on a
       page, weighted by how rare the word is (idf). */
    async function pages(query, limit) {
      const folded = queryWords(query);
      await Promise.all(folded.map(loadWordPiece));
      const scores = new Map();
      for (const queryWord of folded) {
        const wordPiece = loadedPieces.w.get(wordPieceKey(queryWord)) || {};
        const bestOnPage = new Map();
        for (const [word, entry] of Object.entries(wordPiece)) {
          // A word of one or two letters ("ut", "kö") is taken as it is, not as a
          // beginning: "ut" would match every "uteblir".
          const matches = queryWord.length < 3 ? word === queryWord : word.startsWith(queryWord);
          if (!matches) {
            continue;
          }
          const postings = entry[3]; // page, score, page, score, …
          for (let i = 0; i < postings.length; i += 2) {
            const page = postings[i];
            bestOnPage.set(page, Math.max(bestOnPage.get(page) || 0, postings[i + 1]));
          }
        }
        const idf = Math.log(1 + plan.pages / (bestOnPage.size || 1));
        for (const [page, score] of bestOnPage) {
          scores.set(page, (scores.get(page) || 0) + score * idf);
        }
      }
      return [...scores]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([page]) => page);
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

    async function docs(found) {
      const documents = [];
      // One after the other, so the documents keep the pieces' order.
      for (const number of new Set(found.map(pagePieceOf))) {
        const pageDocuments = await piece("p", String(number));
        documents.push(...(pageDocuments || []));
      }
      return documents;
    }

    return { words, pages, docs };
  };
})(typeof self !== "undefined" ? self : this);
