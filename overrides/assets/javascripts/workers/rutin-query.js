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
   the page (suggestions). No DOM, no network, stores nothing: pure functions over the
   index's words, as self.rutinQuery. */
(function (root) {
  "use strict";

  const STOP_WORDS = new Set(("och i jag vad gör göra om en ett det den de att på för med som är " +
    "till av hur när var kan ska skall inte har hon han hen man vi du mig min mitt mina sin " +
    "sitt sina vid från eller så här där vilken vilket vilka vem vart efter innan måste får " +
    "finns ingen inga något några all alla än då nu ju bara också").split(" "));

  // Longest first: taken off only when what is left begins a word of the site.
  const ENDINGS = ["arnas", "ernas", "ornas", "heten", "heter", "andet", "arna", "erna",
    "orna", "ande", "ende", "ades", "ade", "are", "ast", "ens", "ets", "na", "en", "et", "ar",
    "er", "or", "de", "te", "dd", "tt", "s", "a", "e", "t"];

  // A word as the index writes words (as scripts/rutin/search_shards.py WORD).
  const WORD = /[a-zåäöé0-9]+/g;

  // Lunr's own query syntax: +word, -word, word*, word~1, field:word, word^2, "…".
  const LUNR_SYNTAX = /[+\-*~:^"]/;

  /* Lower case without å, ä, ö and é (as search_shards.fold): staff often type
     "vardnadshavare". Keeps the length, so a folded prefix maps back to a spelling. */
  function fold(word) {
    return word.toLowerCase().normalize("NFC")
      .replace(/[åä]/g, "a")
      .replace(/ö/g, "o")
      .replace(/é/g, "e");
  }

  function isStopWord(word) {
    return STOP_WORDS.has(word.toLowerCase());
  }

  /* ---------- the vocabulary: the words of the site ---------- */
  /* {words: Map(folded → {word: a spelling, count}), sorted: the folded words in order,
     aids: Map(folded search aid → the routine's term)}. */

  function withAids(words, aids) {
    const foldedAids = new Map();
    for (const [aid, term] of Object.entries(aids || {})) {
      foldedAids.set(fold(aid), term);
    }
    return { words, sorted: [...words.keys()].sort(), aids: foldedAids };
  }

  /* From texts: strings (HTML allowed), each word spelled as it first occurs.
     `aids`: {word: term}. */
  function buildVocabulary(texts, aids) {
    const words = new Map();
    for (const text of texts) {
      const plain = String(text || "").replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/gi, " ");
      for (const word of plain.toLowerCase().match(WORD) || []) {
        if (word.length < 2) {
          continue;
        }
        const folded = fold(word);
        const known = words.get(folded);
        if (known) {
          known.count++;
        } else {
          words.set(folded, { word, count: 1 });
        }
      }
    }
    return withAids(words, aids);
  }

  /* From the search index's word pieces: [folded, spelling, count] each. */
  function vocabularyFromWords(entries, aids) {
    const words = new Map();
    for (const [folded, word, count] of entries) {
      words.set(folded, { word, count });
    }
    return withAids(words, aids);
  }

  /* The first word of the site (folded) that begins with `prefix`, or null. */
  function firstWordBeginning(vocabulary, prefix) {
    const sorted = vocabulary.sorted;
    // Binary search for the first word not before the prefix.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] < prefix) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low < sorted.length && sorted[low].startsWith(prefix)) {
      return sorted[low];
    }
    return null;
  }

  function beginsAWord(vocabulary, prefix) {
    return firstWordBeginning(vocabulary, prefix) !== null;
  }

  /* A folded prefix as the site spells it (vardnadshavare → vårdnadshavare): Lunr
     compares letters exactly, and folding keeps the length. */
  function asSpelled(vocabulary, prefix) {
    const folded = firstWordBeginning(vocabulary, prefix);
    if (!folded) {
      return prefix;
    }
    return vocabulary.words.get(folded).word.slice(0, prefix.length);
  }

  /* ---------- rewriting one word ---------- */

  /* The word without a Swedish ending, when at least three letters are left and they
     begin a word of the site; else null. */
  function stem(vocabulary, folded) {
    for (const ending of ENDINGS) {
      const rest = folded.slice(0, -ending.length);
      if (folded.length - ending.length >= 3 && folded.endsWith(ending) && beginsAWord(vocabulary, rest)) {
        return rest;
      }
    }
    return null;
  }

  /* A part after the head of a compound, as a word of the site: a short one (chattkö)
     only as a whole word, a longer one when it begins a word or does without its
     ending; else null. */
  function compoundTail(vocabulary, rest) {
    if (rest.length < 3) {
      return vocabulary.words.has(rest) ? rest : null;
    }
    if (beginsAWord(vocabulary, rest)) {
      return rest;
    }
    return stem(vocabulary, rest);
  }

  /* barnbesök → ["barn", "besök"]: the longest head that is a word of the site (or
     begins one), then a tail that is one too; "s" may join the parts (skiftslut). */
  function splitCompound(vocabulary, folded) {
    for (let cut = folded.length - 2; cut >= 3; cut--) {
      const head = folded.slice(0, cut);
      if (!vocabulary.words.has(head) && !beginsAWord(vocabulary, head)) {
        continue;
      }
      const joinedByS = folded[cut] === "s" && cut + 4 <= folded.length;
      const rests = joinedByS ? [folded.slice(cut), folded.slice(cut + 1)] : [folded.slice(cut)];
      for (const rest of rests) {
        const tail = compoundTail(vocabulary, rest);
        if (tail) {
          return [asSpelled(vocabulary, head), asSpelled(vocabulary, tail)];
        }
      }
    }
    return null;
  }

  /* Damerau–Levenshtein distance (optimal string alignment), or max + 1 as soon as it
     is sure to be above `max`. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) {
      return max + 1;
    }
    // Three rows of the distance table: rows i - 2, i - 1 and i.
    let rowBeforeLast = null;
    let lastRow = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let rowMinimum = i;
      for (let j = 1; j <= b.length; j++) {
        const substitution = lastRow[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
        let cost = Math.min(lastRow[j] + 1, row[j - 1] + 1, substitution);
        const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
        if (rowBeforeLast && swapped) {
          cost = Math.min(cost, rowBeforeLast[j - 2] + 1);
        }
        row.push(cost);
        rowMinimum = Math.min(rowMinimum, cost);
      }
      // Every later row is at least this row's minimum.
      if (rowMinimum > max) {
        return max + 1;
      }
      rowBeforeLast = lastRow;
      lastRow = row;
    }
    return lastRow[b.length];
  }

  /* The site's words (spelled) at most `max` edits from `folded`, nearest first; among
     equals the most used, then alphabetical. */
  function nearestWords(vocabulary, folded, max) {
    const found = [];
    for (const [candidate, entry] of vocabulary.words) {
      if (candidate.length < 3) {
        continue;
      }
      const distance = editDistance(folded, candidate, max);
      if (distance <= max) {
        found.push({ distance, count: entry.count, folded: candidate });
      }
    }
    found.sort((x, y) =>
      x.distance - y.distance || y.count - x.count || (x.folded < y.folded ? -1 : 1));
    return found.map((match) => vocabulary.words.get(match.folded).word);
  }

  /* One word of a query → the words to search for ([] when it is a stop word). */
  function rewriteWord(vocabulary, word) {
    const folded = fold(word);
    if (isStopWord(word)) {
      return [];
    }
    if (vocabulary.aids.has(folded)) {
      return vocabulary.aids.get(folded).toLowerCase().match(WORD) || [word];
    }
    if (folded.length < 3) {
      return [word];
    }
    if (beginsAWord(vocabulary, folded)) {
      return [asSpelled(vocabulary, folded)];
    }
    const stemmed = stem(vocabulary, folded);
    if (stemmed) {
      return [asSpelled(vocabulary, stemmed)];
    }
    // One edit before splitting (anhörigsamtl is a typo, not anhörig + samtl), two after
    // (barnbesök is barn + besök, not vårdbesök).
    const near = folded.length >= 4 ? nearestWords(vocabulary, folded, 1) : [];
    if (near.length) {
      return [near[0]];
    }
    const parts = splitCompound(vocabulary, folded);
    if (parts) {
      return parts;
    }
    const far = folded.length >= 8 ? nearestWords(vocabulary, folded, 2) : [];
    return far.length ? [far[0]] : [word];
  }

  /* ---------- whole queries ---------- */

  /* A whole query. Lunr's own syntax (+word, -word, word*, word~1, field:word) is kept. */
  function rewrite(vocabulary, query) {
    const words = String(query).trim().split(/\s+/).filter(Boolean);
    const rewritten = [];
    for (const word of words) {
      if (LUNR_SYNTAX.test(word)) {
        rewritten.push(word);
      } else {
        rewritten.push(...rewriteWord(vocabulary, word));
      }
    }
    // A question of stop words only ("vad gör jag") is searched as typed.
    return (rewritten.length ? rewritten : words).join(" ");
  }

  /* "Menade du …": up to `limit` words of the site close to a query that found nothing. */
  function suggest(vocabulary, query, limit) {
    const suggestions = [];
    const seen = new Set();
    for (const word of String(query).trim().split(/\s+/)) {
      const folded = fold(word);
      if (folded.length < 3 || isStopWord(word)) {
        continue;
      }
      const maxEdits = folded.length >= 7 ? 3 : 2;
      for (const near of nearestWords(vocabulary, folded, maxEdits)) {
        if (!seen.has(near) && suggestions.length < limit) {
          seen.add(near);
          suggestions.push(near);
        }
      }
    }
    return suggestions;
  }

  // The names rutin-pieces.js, rutin-search.js, rutin-no-hit.js and the tests call.
  root.rutinQuery = {
    vocabulary: buildVocabulary,
    fromWords: vocabularyFromWords,
    rewrite,
    suggest,
    fold,
    begins: beginsAWord,
  };
})(typeof self !== "undefined" ? self : this);
