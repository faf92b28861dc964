/* Rutin: Material's search results, arranged before the page shows them (loaded by the
   search worker, rutin-search.js, which passes each result message through
   rutinResults.arrange):
     - the pages in the order rutin-pieces.js ranked them (most of the query's words
       first); a page it did not rank keeps Material's order after them;
     - a snippet of a sentence or two around the words found, never a whole list or
       glossary (without a word found: the first sentence);
     - only the keywords (tags) that matched, at most three: on a phone twenty chips
       pushed the next result below the fold;
     - the words a result lacks as the reader typed them, not as the query's forms;
     - a result with no words of its own (Material adds a page's article when only its
       sections matched) highlights its sections' words, so its link never ends in an
       empty "?h=".
   No DOM, no network, stores nothing. */
(function (root) {
  "use strict";

  const MAX_TAGS = 3;
  const MAX_SNIPPET = 220; // characters of text in a snippet (the words found kept whole)
  const MAX_SENTENCES = 2;
  // A block of Material's result text: its parts are separated by these tags.
  const BLOCK_TAG = /<\/?(?:p|li|ul|ol|pre|div|dl|dt|dd|table|tr|td|th)\b[^>]*>/gi;
  // Between sentences: after . ! ? or ; (a highlighted word may close first).
  const SENTENCE_END = /(?<=[.!?;](?:<\/mark>)?)\s+/;
  const MARK = "<mark>";

  function pageAddress(location) {
    return String(location).split("#")[0];
  }

  /* Only <mark> is kept inside a snippet (other inline tags could be cut in two). */
  function plain(html) {
    return html.replace(/<(?!\/?mark>)[^>]*>/g, "").replace(/\s+/g, " ").trim();
  }

  /* A long sentence cut around its first highlighted word, at word boundaries. */
  function shorten(sentence) {
    if (sentence.replace(/<\/?mark>/g, "").length <= MAX_SNIPPET) {
      return sentence;
    }
    const words = sentence.split(" ");
    let at = words.findIndex((word) => word.includes(MARK));
    if (at < 0) {
      at = 0;
    }
    let start = Math.max(0, at - 8);
    let kept = [];
    let length = 0;
    for (let i = start; i < words.length && length < MAX_SNIPPET; i++) {
      kept.push(words[i]);
      length += words[i].replace(/<\/?mark>/g, "").length + 1;
    }
    // A highlight left open at the cut is closed.
    let text = kept.join(" ");
    if ((text.match(/<mark>/g) || []).length > (text.match(/<\/mark>/g) || []).length) {
      text += "</mark>";
    }
    const before = start > 0 ? "… " : "";
    const after = start + kept.length < words.length ? " …" : "";
    return before + text + after;
  }

  /* A sentence or two of `html` around the words found (<mark>), as one paragraph. */
  function snippet(html) {
    if (!html) {
      return html;
    }
    const blocks = html.split(BLOCK_TAG).map(plain).filter(Boolean);
    const sentences = [];
    for (const block of blocks) {
      sentences.push(...block.split(SENTENCE_END).filter(Boolean));
    }
    if (!sentences.length) {
      return "";
    }
    let chosen = sentences.filter((sentence) => sentence.includes(MARK)).slice(0, MAX_SENTENCES);
    if (!chosen.length) {
      chosen = sentences.slice(0, 1);
    }
    return `<p>${chosen.map(shorten).join(" … ")}</p>`;
  }

  function matchedTerms(doc) {
    return Object.entries(doc.terms || {}).filter(([, found]) => found).map(([term]) => term);
  }

  /* A keyword whose highlighted words are words the query matched (Lunr's prefix
     search also marks "sekretessmarkering" for "se"); any highlighted keyword when the
     query's words are not known (the whole index, without pieces). */
  function matchedTag(tag, words) {
    const marked = [...String(tag).matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
    if (!marked.length) {
      return false;
    }
    if (!words) {
      return true;
    }
    const fold = root.rutinQuery.fold;
    return marked.some((text) => (fold(text).match(/[a-z0-9]+/g) || []).some((w) => words.has(w)));
  }

  /* The words a result lacks as the reader typed them: Material lists every term of the
     rewritten query that the result does not have ("Saknas: bortglömt ärendet
     ärenden"), forms the reader never typed. A term that stands for a typed word
     (`typed`: term → the typed word) is left out when another form of that word was
     found, else shown once as the typed word. Found terms stay (they are highlighted). */
  function missingAsTyped(terms, typed) {
    if (!terms || !typed) {
      return terms;
    }
    const foundWords = new Set(Object.entries(terms).filter(([, found]) => found)
      .map(([term]) => typed.get(term)).filter(Boolean));
    const shown = {};
    for (const [term, found] of Object.entries(terms)) {
      const word = typed.get(term);
      if (found || word === undefined) {
        shown[term] = found;
      } else if (!foundWords.has(word) && !Object.hasOwn(shown, word)) {
        shown[word] = false;
      }
    }
    return shown;
  }

  function tidy(group, words, typed) {
    const found = [...new Set(group.flatMap(matchedTerms))];
    return group.map((doc) => {
      const tidied = { ...doc, text: snippet(doc.text), terms: missingAsTyped(doc.terms, typed) };
      if (!matchedTerms(doc).length && found.length) {
        tidied.terms = Object.fromEntries(found.map((term) => [term, true]));
      }
      const tags = (doc.tags || []).filter((tag) => matchedTag(tag, words)).slice(0, MAX_TAGS);
      if (tags.length) {
        tidied.tags = tags;
      } else {
        delete tidied.tags;
      }
      return tidied;
    });
  }

  /* Material's result ({items: a list per page}) in our order and tidied. `ranking`:
     {order: Map(page number → place), pageOf: Map(page address → page number), words:
     Set(the folded site words the query matched), typed: Map(a term of the query Lunr
     searched, lower case → the word typed that it stands for)}, or null (the whole
     index). */
  function arrange(result, ranking) {
    const items = result.items || [];
    const place = (group) => {
      const page = ranking ? ranking.pageOf.get(pageAddress(group[0].location)) : undefined;
      const at = page === undefined ? undefined : ranking.order.get(page);
      return at === undefined ? Infinity : at;
    };
    const arranged = items
      .map((group, index) => [place(group), index, group])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, , group]) => tidy(group, ranking && ranking.words, ranking && ranking.typed));
    return { ...result, items: arranged };
  }

  root.rutinResults = { arrange, snippet };
})(typeof self !== "undefined" ? self : this);
