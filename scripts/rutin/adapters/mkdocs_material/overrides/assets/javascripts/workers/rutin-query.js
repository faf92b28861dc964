/* Rutin: Swedish help for the site search (issues "Search that speaks staff Swedish" and
   "Search measured on queries it was never tuned on"). Material's search (Lunr) matches
   word prefixes only. This reads each word of a query as the site's words, before Lunr
   sees it, in this order – morphology first, prefixes last:
     1. a search aid (routine.yaml `search_aids`, e.g. videosamtal → videobesök, also a
        phrase of several words such as "dök inte upp") becomes the routine's term – as
        listed, or in another form by its words' stems and with "aldrig", "ej", "inget"
        for "inte" ("pappan", "dök aldrig upp"); an aid word that is also a word of the
        site finds its own pages too;
     2. stop words ("vad", "i", "jag" …) are left out: in a question they match every page;
     3. every word matches the site's words with the same Swedish stem (Lunr's Snowball
        stemmer, and the endings it leaves on taken off: the definite "-et", "-na", a
        past tense in "-te", "-de", "-t" or "-d", the passive "-s" before them –
        "videobesöket" is "videobesök", "sökte" is "söka"): "ansluter" finds "ansluta"
        even where "ansluter" itself stands elsewhere, a little below "ansluter";
        a verb in -era also finds its base's words, weaker ("prioriterar" → prioritet);
        a word typed without å, ä, ö as the site spells it is read as typed ("aldrig");
        typed with them, a word finds only its own spelling where two words fold alike
        ("år" is not "är"; typed "ar", both, below a spelling typed as it stands);
        a word after a number and a hyphen is read by its beginning ("14-åring": år);
     4. a word of five letters or more also begins longer words (suicid → suicidrisk); a
        shorter one only while it is no word of the site (an unfinished word: "ans"), so
        a short word never starts a compound on its own ("upp" is not "uppgifter");
     5. a word the site does not have: an inflection taken off (tolkarna → tolk), a typo
        (one edit away, two for long words), a compound split (barnbesök → barn besök,
        kvällspass → kväll + the aid word pass), else read by its last part, which it is
        a kind of (distriktsläkare → läkare), or by a beginning of five letters or more
        (självmordsbenägen → självmord, journalförde → journalför-).
   Each match has a weight (the word as typed 1, its other forms 0.85, a prefix and
   the rest less). The search worker ranks
   pages by how many of the query's words they match first and by the weights second, so
   prefixes and typos add candidates and never outrank a page that matches more of the
   query (rutin-pieces.js rank()).
   Loaded by the search worker (rutin-search.js) and, when a search finds nothing, by
   the page (suggestions). No DOM, no network, stores nothing: pure functions over the
   index's words, as self.rutinQuery. */
(function (root) {
  "use strict";

  const STOP_WORDS = new Set(("och i jag vad gör göra om en ett det den de att på för med som är " +
    "till av hur när var kan ska skall inte har hon han hen man vi du mig min mitt mina sin " +
    "sitt sina vid från eller så här där vilken vilket vilka vem vart efter innan måste får " +
    "finns ingen inga inget något några all alla än då nu ju bara också aldrig ej icke sig " +
    "hade blir bli blev varit vara dem henne honom hans hennes deras oss ni er dig din ditt " +
    "dina någon denna detta dessa varför åt upp före hos genom mycket väldigt lite " +
    "redan igen sedan sen se men " +
    // The other forms of the verbs above (få, göra, ha, bli, kunna, skola, se).
    "få fick fått gjorde gjort haft blivit kunde kunnat skulle ser såg sett").split(" "));

  // Longest first: taken off only when what is left begins a word of the site.
  const ENDINGS = ["arnas", "ernas", "ornas", "heten", "heter", "andet", "arna", "erna",
    "orna", "ande", "ende", "ades", "ade", "are", "ast", "ens", "ets", "na", "en", "et", "ar",
    "er", "or", "de", "te", "dd", "tt", "s", "a", "e", "t"];

  // A word as the index writes words (as scripts/rutin/search_shards.py WORD).
  const WORD = /[a-zåäöé0-9]+/g;

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

  // Said the same way in a search aid phrase: "dök aldrig upp" is "dök inte upp".
  const NEGATIONS = new Set(["inte", "ej", "icke", "aldrig", "inget", "ingen", "inga"]);

  /* A word of a search aid phrase as aids are compared when the words as typed are not
     one: a negation as "inte", any other word as its folded Swedish stem (pappan is
     pappa, missar besöket is missade besöket). */
  function aidWord(word) {
    const folded = fold(word);
    return NEGATIONS.has(folded) ? "inte" : fold(swedishStem(folded));
  }

  function aidKey(words) {
    return words.map(aidWord).join(" ");
  }

  /* The search aids as [word, term] pairs: the manifest lists them as {term: [words]}
     ({word: term} is read too). */
  function aidPairs(aids) {
    return Object.entries(aids || {}).flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((word) => [word, key]) : [[key, value]]);
  }

  const aidTableCache = new WeakMap(); // the manifest's aids → their tables

  /* Search aids by their words as typed (folded) and by their words' stems. */
  function aidTables(aids) {
    if (aids && typeof aids === "object" && aidTableCache.has(aids)) {
      return aidTableCache.get(aids);
    }
    const tables = buildAidTables(aids);
    if (aids && typeof aids === "object") {
      aidTableCache.set(aids, tables);
    }
    return tables;
  }

  function buildAidTables(aids) {
    const folded = new Map();
    const stemmed = new Map();
    for (const [aid, term] of aidPairs(aids)) {
      // As a query's words are read: "person-nr" is "person nr".
      const words = fold(aid).match(WORD) || [];
      folded.set(words.join(" "), term);
      const key = aidKey(words);
      if (!stemmed.has(key)) {
        stemmed.set(key, term);
      }
    }
    const phraseLength = Math.max(1, ...[...folded.keys()].map((aid) => aid.split(" ").length));
    return { folded, stemmed, phraseLength };
  }

  function withAids(words, aids) {
    const tables = aidTables(aids);
    return { words, sorted: [...words.keys()].sort(), aids: tables.folded, aidStems: tables.stemmed,
      phraseLength: tables.phraseLength, stems: new Map() };
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

  /* From the search index's word pieces: [folded, spelling, count, postings, spellings]
     each (postings: page, score, page, score, … – rutin-pieces.js ranks pages with them;
     spellings, for a folded word spelled more than one way ("år" and "är" are "ar"):
     {spelling: [count, postings]}). Each such spelling is a word of its own too, under
     SPELLING + the spelling: typed with å, ä or ö a word finds only its own spelling. */
  function vocabularyFromWords(entries, aids) {
    const words = new Map();
    const spelled = [];
    for (const [folded, word, count, postings, spellings] of entries) {
      const entry = { word, count, postings: postings || [] };
      if (spellings) {
        entry.spellings = [];
        for (const [spelling, [times, own]] of Object.entries(spellings)) {
          const key = SPELLING + spelling;
          entry.spellings.push(key);
          spelled.push([key, { word: spelling, count: times, postings: own, folded }]);
        }
      }
      words.set(folded, entry);
    }
    const vocabulary = withAids(words, aids);
    for (const [key, entry] of spelled) {
      vocabulary.words.set(key, entry); // not in `sorted`: found through their folded word
    }
    return vocabulary;
  }

  // The key of one spelling of a folded word spelled several ways (never a folded word).
  const SPELLING = "=";

  /* The first word of the site (folded) that begins with `prefix`, or null. */
  function firstWordBeginning(vocabulary, prefix) {
    const sorted = vocabulary.sorted;
    const low = firstIndex(vocabulary, prefix);
    return low < sorted.length && sorted[low].startsWith(prefix) ? sorted[low] : null;
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
        // A part is a word with a meaning of its own, never a stop word (väl + dig).
        if (tail && !isStopWord(tail) && !isStopWord(head)) {
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
      if (candidate.length < 3 || candidate.startsWith(SPELLING)) {
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

  /* ---------- Swedish stems ---------- */

  /* Lunr's Swedish Snowball stemmer (lunr.sv, which Material's worker loads); without it
     (the page's no-hit help) a word is its own stem. A Swedish stem always begins its
     word, so the words sharing a stem all begin with it. */
  function snowball(word) {
    const sv = root.lunr && root.lunr.sv;
    return sv && typeof sv.stemmer === "function" ? String(sv.stemmer(word)) : word;
  }

  /* Snowball keeps the definite "-n" of a word ending in "a" (pappan, frågan, listan):
     that "n" is taken off first, so the word shares its stem with pappa and frågor. */
  function swedishStem(word) {
    const stem = snowball(word);
    if (stem === word && word.length >= 5 && word.endsWith("an")) {
      return snowball(word.slice(0, -1));
    }
    return stem;
  }

  /* Endings Snowball leaves on (it has no rule for them): the definite "-et"
     (besöket, syftet), the plural definite "-na" of a word in -en (ärendena) and a past
     tense or participle in "-te", "-de", "-t" or "-d" after a consonant (sökte,
     journalförde, sökt, betalt, betald); before them the "-s" of a passive or genitive
     (skickats, journalförts, besökets). Each with the shortest stem it may leave: a
     word in "-t" or "-d" is often no participle (vård is not vår, först not för). */
  const KEPT_ENDINGS = [["et", /.{3}et$/, 3], ["na", /.{4}ena$/, 3],
    ["te", /.{2}[^aeiouyåäö]te$/, 3], ["de", /.{2}[^aeiouyåäöd]de$/, 3],
    ["t", /.{3}[^aeiouyåäöt]t$/, 4], ["d", /.{3}[^aeiouyåäöd]d$/, 4]];

  /* A word's Swedish stems: Snowball's, and Snowball's of the word without an ending
     it leaves on (KEPT_ENDINGS). Two words are forms of one another when they share a
     stem: "videobesöket" is "videobesök", "sökte" is "söka". Each stem begins its word. */
  function swedishStems(word) {
    const stems = [];
    const add = (stem) => {
      if (!stems.includes(stem)) {
        stems.push(stem);
      }
    };
    const forms = /.{3}[td]s$/.test(word) ? [word, word.slice(0, -1)] : [word];
    for (const form of forms) {
      add(swedishStem(form));
      for (const [ending, shape, shortest] of KEPT_ENDINGS) {
        if (shape.test(form)) {
          const stem = snowball(form.slice(0, -ending.length));
          if (stem.length >= shortest && !isStopWord(stem)) {
            add(stem);
          }
        }
      }
    }
    return stems;
  }

  function stemOf(vocabulary, word) {
    let stems = vocabulary.stems.get(word);
    if (stems === undefined) {
      stems = swedishStems(word);
      vocabulary.stems.set(word, stems);
    }
    return stems;
  }

  /* ---------- reading one word ---------- */

  // How much a match weighs when pages are ranked (rutin-pieces.js rank()): a word
  // matched in full (the same stem) weighs most; the rest only add candidates.
  const WEIGHT = { full: 1, form: 0.85, prefix: 0.5, shortPrefix: 0.4, ending: 0.6, typo: 0.6, farTypo: 0.4, compound: 0.7,
    head: 0.6, derived: 0.6 };
  const SHORT = 4; // a word this long or shorter begins longer words only while it is no word
  const ACCENTED = /[åäöé]/;
  const MAX_FORMS = 6; // forms of a word handed to Lunr (the most used)

  /* A part of a query (a word the site may have) and its matches: folded site word →
     weight. `lunr`: the words Lunr searches for it (Material adds a trailing *). */
  function part(word) {
    return { word, matches: new Map(), lunr: [] };
  }

  function addMatch(found, folded, weight) {
    if ((found.matches.get(folded) || 0) < weight) {
      found.matches.set(folded, weight);
    }
  }

  /* The site's words with the same stem as `word` (full), and – for a word of more than
     four letters, or a shorter one that is no word of the site – the words it begins
     (prefix). Typed with å, ä or ö the letters must be the same; without them they may
     stand for å, ä, ö (vardnadshavare). */
  function matchWord(vocabulary, word, weight) {
    const found = part(word);
    const folded = fold(word);
    // Typed with å, ä or ö, or without them but as a word of the site spells it
    // ("aldrig" is not "äldre"): the letters are taken as typed.
    const known = vocabulary.words.get(folded);
    const accented = ACCENTED.test(word) || Boolean(known && !known.spellings && known.word === word);
    if (folded.length < 2) {
      return found;
    }
    const stems = stemOf(vocabulary, word);
    const foldedStems = stems.map(fold);
    // The shortest stem: every word sharing one of the stems begins with it.
    const stem = stems.reduce((a, b) => (b.length < a.length ? b : a));
    const foldedStem = fold(stem);
    const sameStem = (spelling) => stemOf(vocabulary, spelling).some((other) => accented
      ? stems.includes(other) : foldedStems.includes(fold(other)));
    const prefixes = [];
    for (let i = firstIndex(vocabulary, foldedStem); i < vocabulary.sorted.length; i++) {
      const folding = vocabulary.sorted[i];
      if (!folding.startsWith(foldedStem)) {
        break;
      }
      // A folded word spelled several ways ("ar": "år", "är") is matched spelling by
      // spelling: the spelling typed weighs in full, another spelling of the letters
      // typed (without å, ä, ö) as another form.
      const spellings = vocabulary.words.get(folding).spellings || [folding];
      for (const key of spellings) {
        const entry = vocabulary.words.get(key);
        if (accented && !entry.word.startsWith(stem)) {
          continue;
        }
        if (spellings.length > 1 ? entry.word === word : key === folded) {
          addMatch(found, key, weight * WEIGHT.full);
        } else if (folding === folded || sameStem(entry.word)) {
          addMatch(found, key, weight * WEIGHT.form);
        } else if (folded.length >= 3 && folding.startsWith(folded) && (!accented || entry.word.startsWith(word))) {
          prefixes.push(key);
        }
      }
    }
    const short = folded.length <= SHORT;
    if (prefixes.length && (!short || !found.matches.size)) {
      for (const key of prefixes) {
        addMatch(found, key, weight * (short ? WEIGHT.shortPrefix : WEIGHT.prefix));
      }
      found.lunr.push(asSpelled(vocabulary, folded));
    }
    // A verb in -era also finds the words of its base: prioriterar (prioriter-) finds
    // prioritet and prioritering, registrerar finds registrering.
    const base = derivationBase(foldedStems[0]);
    if (base) {
      for (let i = firstIndex(vocabulary, base); i < vocabulary.sorted.length; i++) {
        const key = vocabulary.sorted[i];
        if (!key.startsWith(base)) {
          break;
        }
        if (!found.matches.has(key) && !prefixes.includes(key)) {
          prefixes.push(key);
          addMatch(found, key, weight * WEIGHT.derived);
        }
      }
      found.lunr.push(asSpelled(vocabulary, base));
    }
    const forms = [...found.matches.keys()]
      .filter((key) => !prefixes.includes(key))
      .sort((a, b) => vocabulary.words.get(b).count - vocabulary.words.get(a).count)
      .slice(0, MAX_FORMS)
      .map((key) => vocabulary.words.get(key).word);
    found.lunr.unshift(...forms);
    return found;
  }

  /* The base of a verb in -era from its stem (prioriter → priorit), or null. */
  function derivationBase(foldedStem) {
    return foldedStem.length >= 7 && foldedStem.endsWith("er") ? foldedStem.slice(0, -2) : null;
  }

  /* The index of the first folded word not before `prefix` (binary search). */
  function firstIndex(vocabulary, prefix) {
    const sorted = vocabulary.sorted;
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
    return low;
  }

  /* A word that is no word of the site, read as a word of it: an ending taken off, a
     typo, a compound split, a far typo. [] when none fits. */
  function readUnknownWord(vocabulary, word) {
    const folded = fold(word);
    const rest = stem(vocabulary, folded);
    if (rest) {
      // A cut-down word of four letters or fewer is taken whole, never as a beginning.
      const spelled = asSpelled(vocabulary, rest);
      if (rest.length > SHORT) {
        const found = matchWord(vocabulary, spelled, WEIGHT.ending);
        if (found.matches.size) {
          return [withLastPart(vocabulary, folded, found)];
        }
      } else if (vocabulary.words.has(rest)) {
        const found = part(spelled);
        addMatch(found, rest, WEIGHT.ending);
        found.lunr.push(vocabulary.words.get(rest).word);
        return [found];
      }
    }
    // One edit before splitting (anhörigsamtl is a typo, not anhörig + samtl), two after
    // (barnbesök is barn + besök, not vårdbesök).
    const near = folded.length >= 4 ? nearestWords(vocabulary, folded, 1) : [];
    if (near.length) {
      return [matchWord(vocabulary, near[0], WEIGHT.typo)];
    }
    const withAid = aidLast(vocabulary, folded);
    if (withAid) {
      return withAid;
    }
    const parts = splitCompound(vocabulary, folded);
    if (parts) {
      return parts.map((piece) => matchWord(vocabulary, piece, WEIGHT.compound));
    }
    // The last part first: a compound is a kind of its last part.
    const last = compoundLast(vocabulary, folded);
    if (last) {
      return last;
    }
    const head = compoundHead(vocabulary, folded);
    if (head) {
      return head;
    }
    const particle = withParticle(vocabulary, word);
    if (particle) {
      return [particle];
    }
    // An inflection the stemmer does not know (journalförde): the longest beginning of
    // most of the word that begins words of the site.
    for (let cut = folded.length - 1; cut >= Math.max(MIN_HEAD, Math.ceil(folded.length * 0.6)); cut--) {
      const beginning = folded.slice(0, cut);
      if (beginsAWord(vocabulary, beginning)) {
        const found = matchWord(vocabulary, asSpelled(vocabulary, beginning), WEIGHT.farTypo);
        if (found.matches.size) {
          return [found];
        }
      }
    }
    const far = folded.length >= 8 ? nearestWords(vocabulary, folded, 2) : [];
    return far.length ? [matchWord(vocabulary, far[0], WEIGHT.farTypo)] : [];
  }

  /* Swedish verb particles that a participle or a noun takes as its first part
     ("glömma bort" → "bortglömt", "logga ut" → "utloggad", "följa upp" → "uppföljning"):
     general Swedish, no word of any one routine. */
  const PARTICLES = ["bort", "ut", "in", "upp", "av", "på", "över", "om", "fram", "till",
    "med", "under", "efter", "åter", "ner", "ned", "ihop", "tillbaka"];

  /* The words of the site a particle and the typed word make (folded): the words whose
     pieces a word that is no word of the site needs (rutin-pieces.js). */
  function particleForms(folded) {
    return folded.length >= 3 ? PARTICLES.map((p) => fold(p) + folded) : [];
  }

  /* A word that is no word of the site read as the last part of one with a particle
     before it ("glömt" → "bortglömt", its forms too), weighed as a compound's last
     part; null when the site has none. The word is the end of the site's word, as
     compoundLast() reads the site's word at the end of a typed one. */
  function withParticle(vocabulary, word) {
    if (fold(word).length < 3) {
      return null;
    }
    const found = part(word);
    for (const particle of PARTICLES) {
      const joined = particle + word;
      const folded = fold(joined);
      // Only when a word of the site begins with the particle and the word's stem.
      if (!beginsAWord(vocabulary, fold(particle) + fold(stemOf(vocabulary, word)[0]))) {
        continue;
      }
      const read = matchWord(vocabulary, joined, WEIGHT.head);
      for (const [key, weight] of read.matches) {
        // Forms of the joined word only: never the longer words it may begin.
        if (weight >= WEIGHT.head * WEIGHT.form || key === folded) {
          addMatch(found, key, weight);
        }
      }
      for (const lunrWord of read.lunr) {
        if (read.matches.has(fold(lunrWord)) && !found.lunr.includes(lunrWord)) {
          found.lunr.push(lunrWord);
        }
      }
    }
    return found.matches.size ? found : null;
  }

  const MIN_HEAD = 5; // a compound's head read on its own: at least this long (never a short word)

  /* The longest beginning of `folded` (MIN_HEAD letters or more, an "s" may follow it)
     that is a search aid word or a word of the site, whose tail is no word of the
     site (självmordsbenägen → självmord → suicid): [aid term or word, length], or null. */
  function headOf(foldedAids, isWord, folded) {
    for (let cut = folded.length - 3; cut >= MIN_HEAD; cut--) {
      const head = folded.slice(0, cut);
      if (foldedAids.has(head) && !head.includes(" ")) {
        return [foldedAids.get(head), true];
      }
      if (isWord(head)) {
        return [head, false];
      }
    }
    return null;
  }

  /* A compound whose last part is a search aid word and whose first part is a word of
     the site (kvällspass → kväll + arbetspass): its parts, or null. */
  function aidLast(vocabulary, folded) {
    for (let cut = 3; folded.length - cut >= 3; cut++) {
      const last = folded.slice(cut);
      if (!vocabulary.aids.has(last)) {
        continue;
      }
      const heads = folded[cut - 1] === "s" ? [folded.slice(0, cut), folded.slice(0, cut - 1)] : [folded.slice(0, cut)];
      const head = heads.find((h) => h.length >= 3 && vocabulary.words.has(h));
      if (head) {
        const term = vocabulary.aids.get(last);
        return [matchWord(vocabulary, vocabulary.words.get(head).word, WEIGHT.compound),
          ...(term.toLowerCase().match(WORD) || []).map((w) => matchWord(vocabulary, w, WEIGHT.compound))];
      }
    }
    return null;
  }

  const MIN_LAST = 4; // a compound's last part read on its own: at least this long

  /* An unknown compound read by its last part, the word it is a kind of, when that is
     a word of the site or a search aid word (distriktsläkare → läkare,
     teckenspråkstolk → tolk): its parts, or null. */
  function compoundLast(vocabulary, folded) {
    for (let cut = 2; folded.length - cut >= MIN_LAST; cut++) {
      const last = folded.slice(cut);
      if (vocabulary.aids.has(last)) {
        const term = vocabulary.aids.get(last);
        return (term.toLowerCase().match(WORD) || []).map((w) => matchWord(vocabulary, w, WEIGHT.head));
      }
      if (vocabulary.words.has(last)) {
        return [matchWord(vocabulary, vocabulary.words.get(last).word, WEIGHT.head)];
      }
    }
    return null;
  }

  /* An unknown word read by a beginning (kassaregistrera → kassaregistrering) may be a
     compound too: its last part, when that is a word of the site (registrera), is
     another match of the same part, weighed as a compound's last part (WEIGHT.head,
     below the word's own forms), so either reading finds its pages. */
  function withLastPart(vocabulary, folded, found) {
    for (let cut = MIN_HEAD_PART; folded.length - cut >= MIN_LAST; cut++) {
      const last = folded.slice(cut);
      if (vocabulary.words.has(last) && !isStopWord(last)) {
        const tail = matchWord(vocabulary, vocabulary.words.get(last).word, WEIGHT.head);
        for (const [key, weight] of tail.matches) {
          addMatch(found, key, weight);
        }
        for (const word of tail.lunr) {
          if (!found.lunr.includes(word)) {
            found.lunr.push(word);
          }
        }
        break;
      }
    }
    return found;
  }

  const MIN_HEAD_PART = 3; // a compound's first part: at least this long

  /* The parts of an unknown compound read by its head alone, or null. */
  function compoundHead(vocabulary, folded) {
    const found = headOf(vocabulary.aids, (head) => vocabulary.words.has(head), folded);
    if (!found) {
      return null;
    }
    const [head, isAid] = found;
    if (isAid) {
      return (head.toLowerCase().match(WORD) || []).map((w) => matchWord(vocabulary, w, WEIGHT.head));
    }
    return [matchWord(vocabulary, vocabulary.words.get(head).word, WEIGHT.head)];
  }

  /* The parts of one typed word. */
  function readWord(vocabulary, word) {
    const lower = word.toLowerCase().normalize("NFC");
    const found = matchWord(vocabulary, lower, 1);
    if (found.matches.size || fold(lower).length < 3) {
      // No word of the site, found by the words it begins or derives from only: it may
      // be a compound of a word of the site too.
      const own = [...found.matches.values()].some((weight) => weight >= WEIGHT.form);
      return [own || vocabulary.words.has(fold(lower)) ? found : withLastPart(vocabulary, fold(lower), found)];
    }
    const read = readUnknownWord(vocabulary, lower);
    if (read.length) {
      return read;
    }
    found.lunr.push(lower);
    return [found];
  }

  /* The longest run of words from `start` that is a search aid, as [its length, the
     routine's term], or null. */
  function aidAt(vocabulary, words, start) {
    const longest = Math.min(vocabulary.phraseLength, words.length - start);
    for (let length = longest; length >= 1; length--) {
      const phrase = fold(words.slice(start, start + length).join(" ").toLowerCase());
      if (vocabulary.aids.has(phrase)) {
        return [length, vocabulary.aids.get(phrase)];
      }
    }
    // Then by stems and negations. A single word so only while it is no word of the
    // site as typed: "stänger" stands in the routine and is searched as itself.
    for (let length = longest; length >= 1; length--) {
      const phrase = words.slice(start, start + length);
      const term = vocabulary.aidStems.get(aidKey(phrase));
      if (term && (length > 1 || !vocabulary.words.has(fold(phrase[0])))) {
        return [length, term];
      }
    }
    return null;
  }

  /* The terms of the search aids a query uses (as typed or by stems), whatever words
     the site has: the search loads their words before it reads the query. */
  function aidTerms(aids, query) {
    const tables = aidTables(aids);
    const [words] = queryWords(query);
    const terms = [];
    for (let start = 0; start < words.length; start++) {
      for (let length = Math.min(tables.phraseLength, words.length - start); length >= 1; length--) {
        const phrase = words.slice(start, start + length);
        const term = tables.folded.get(fold(phrase.join(" "))) || tables.stemmed.get(aidKey(phrase));
        if (term && !terms.includes(term)) {
          terms.push(term);
        }
      }
      // A compound that begins or ends with an aid word (read so when it is no word of
      // the site).
      const word = fold(words[start]);
      const head = headOf(tables.folded, () => false, word);
      if (head && !terms.includes(head[0])) {
        terms.push(head[0]);
      }
      for (let cut = 2; word.length - cut >= 3; cut++) {
        const term = tables.folded.get(word.slice(cut));
        if (term && !terms.includes(term)) {
          terms.push(term);
        }
      }
    }
    return terms;
  }

  /* ---------- whole queries ---------- */

  /* The words of a query as the index reads words (a hyphen, a dot or a colon
     separates two: "SITHS-kort", "1177.se"), with Lunr's own syntax (+word, -word,
     word*, word~1, word^2, title:word, "…") kept apart, and the indexes of the words
     that follow a number and a hyphen ("14-åring": "åring"). */
  function queryWords(query) {
    const words = [];
    const syntax = [];
    const afterNumber = new Set();
    for (const token of String(query).trim().split(/\s+/).filter(Boolean)) {
      if (/^[+-]|[*~^"]|^(?:title|text|tags):/.test(token)) {
        syntax.push(token);
      } else {
        const lower = token.toLowerCase().normalize("NFC");
        for (const match of lower.matchAll(/[a-zåäöé0-9]+/g)) {
          if (/^[a-zåäöé]/.test(match[0]) && /[0-9][-–]$/.test(lower.slice(0, match.index))) {
            afterNumber.add(words.length);
          }
          words.push(match[0]);
        }
      }
    }
    return [words, syntax, afterNumber];
  }

  /* A word after a number and a hyphen ("14-åring", "3-dagars"): as a word of the site,
     else by its longest beginning that is one (two letters are enough after a number:
     "åring" is "år"), the letters typed kept ("år", not "är"); else as any word. */
  function readNumberTail(vocabulary, word) {
    const whole = matchWord(vocabulary, word, 1);
    if (whole.matches.size) {
      return [whole];
    }
    for (let cut = word.length - 1; cut >= 2; cut--) {
      const beginning = word.slice(0, cut);
      if (vocabulary.words.has(fold(beginning)) && !isStopWord(beginning)) {
        const found = matchWord(vocabulary, beginning, WEIGHT.head);
        if (found.matches.size) {
          return [found];
        }
      }
    }
    return readWord(vocabulary, word);
  }

  /* A query read as the site's words: {units, lunr}. A unit is what one typed word (or
     search aid phrase) stands for: its parts, each with its matches (folded site word
     → weight); `lunr` is the query for Lunr (every part's words). A query of stop words
     only is searched as typed: its words are its units. */
  function analyse(vocabulary, query) {
    const [words, syntax, afterNumber] = queryWords(query);
    const units = [];
    for (let i = 0; i < words.length;) {
      const aid = aidAt(vocabulary, words, i);
      if (aid) {
        const [length, term] = aid;
        const termWords = term.toLowerCase().match(WORD) || [];
        const parts = termWords.filter((w) => !isStopWord(w) || termWords.every(isStopWord))
          .map((w) => matchWord(vocabulary, w, 1));
        if (length === 1 && parts.length && vocabulary.words.has(fold(words[i]))) {
          // A word of the site that is also a search aid finds its own pages too (its
          // forms, not the longer words it begins).
          const own = matchWord(vocabulary, words[i], 1);
          for (const [key, weight] of own.matches) {
            if (weight >= WEIGHT.form) {
              addMatch(parts[0], key, weight);
              const spelled = vocabulary.words.get(key).word;
              if (!parts[0].lunr.includes(spelled)) {
                parts[0].lunr.push(spelled);
              }
            }
          }
        }
        units.push({ text: words.slice(i, i + length).join(" "), parts });
        i += length;
        continue;
      }
      if (afterNumber.has(i)) {
        units.push({ text: words[i], parts: readNumberTail(vocabulary, words[i]) });
      } else if (!isStopWord(words[i])) {
        units.push({ text: words[i], parts: readWord(vocabulary, words[i]) });
      }
      i++;
    }
    if (!units.length) {
      // A question of stop words only ("vad gör jag") is searched as typed.
      for (const word of words) {
        units.push({ text: word, parts: [matchWord(vocabulary, word, 1)] });
      }
    }
    const lunr = [];
    for (const unit of units) {
      for (const found of unit.parts) {
        for (const word of found.lunr) {
          if (!lunr.includes(word)) {
            lunr.push(word);
          }
        }
      }
    }
    lunr.push(...syntax);
    return { units, lunr: (lunr.length ? lunr : String(query).trim().split(/\s+/)).join(" ") };
  }

  /* The query for Lunr alone. */
  function rewrite(vocabulary, query) {
    return analyse(vocabulary, query).lunr;
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
    analyse,
    swedishStem,
    swedishStems,
    suggest,
    aidTerms,
    derivationBase,
    fold,
    begins: beginsAWord,
    particleForms,
  };
})(typeof self !== "undefined" ? self : this);
