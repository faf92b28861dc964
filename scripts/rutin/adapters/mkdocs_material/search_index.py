"""Material's search index, written once by the plugin: with our search help, and cut
into pieces that a query fetches as it needs them.

Material would write one index (search/search_index.json) that every page view
downloads: at 1,000 checklists about 5 MB. Here its entries, still in memory, become
  - a manifest in its place (config, search aids, tasks, the piece names; no documents),
  - word pieces search/w/<key>.js: each word of the site (folded: å, ä → a, ö → o) with
    its spelling and the pages it is on, best first, under the word's first letters
    (two, or more where a piece would be too big),
  - page pieces search/p/<n>.js: the index's documents, a page and its sections together,
  - position pieces search/x/<word>.js: where a word stands on its best pages (the word's
    place among the page's words), fetched only for the words a query of several words
    matched, so that pages where the query's words stand next to each other, in the
    query's order, rank first (phrase proximity).
A piece's data is JSON, or that JSON packed where it is smaller (`pack`: deflated, in
base64; most page and word pieces): a first query fetches a third of the bytes.
The search worker (overrides/assets/javascripts/workers/rutin-search.js) loads the word
pieces of a query, ranks the pages, loads only the best pages' pieces and lets
Material's own search (Lunr) rank and show them. The pieces are scripts (`rutinPiece(…)`),
not JSON: they load from disk too (the offline build, file://).
"""

from __future__ import annotations

import base64
import html
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FOLD = str.maketrans("åäöé", "aaoe")
WORD = re.compile(r"[a-zåäöé0-9]+")
MARKUP = re.compile(r"<[^>]*>|&[a-z#0-9]+;", re.I)
# How much a word weighs on a page, by where it stands: a page's keywords (tags) and
# title far more than its text, as Material's boosts rank them; a section's heading
# between. Each field's count saturates (BM25: tf / (tf + SATURATION)), so a hub page
# that mentions a word in twenty list items does not outweigh the page about it.
FIELD_WEIGHTS = {"tags": 20.0, "title": 10.0, "section_title": 4.0, "text": 1.0}
# A routine overview is a hub page (boost 1: it lists every checklist), but the headings
# of its own sections (`#avsnitt-…`, MARKUP.md: "Att nå Platform24", "Loggkontroll")
# name what no other page says: they weigh as a checklist's headings (boost 2), so that
# a word there makes the overview a page about it (rutin-pieces.js PROMINENT).
FIELD_WEIGHTS["own_section_title"] = 2 * FIELD_WEIGHTS["section_title"]
SATURATION = 1.2
WORD_PIECE_BYTES = 12_000  # a word piece above this is split by one more letter
PAGE_PIECE_BYTES = 8_000   # pages are added to a piece until it passes this
POSTINGS = 40              # a word keeps its best pages only
HUB_BOOST = 1.0  # a page boosted no more than this lists other pages (a hub)
# On a hub page, words in its lists of other pages stand LISTED places further on: next
# to each other there they count for less (rutin-pieces.js). A routine overview's own
# text – the purpose and scope at the top and its sections (`#avsnitt-…`, MARKUP.md) –
# is no list: what it says no other page says.
LISTED = 100_000
OWN_SECTION = "#avsnitt-"
# Positions: a word's first POSITIONS places on each of its POSITION_PAGES best pages
# (a query of several words loads a piece for each of its words). The index's text
# blocks (paragraphs, list items, cells, a title, a keyword) are BLOCK_GAP places apart,
# so two words in different blocks are never next to each other.
POSITIONS = 8
# A word's position piece is named by the word (search/x/<word>.js): a longer "word" (a
# pasted code, no Swedish word) gets none, as a file name has at most 255 bytes; the
# worker finds no piece and ranks it without its places.
MAX_PIECE_NAME = 200
POSITION_PAGES = 20
BLOCK_GAP = 8
BLOCK = re.compile(r"</?(?:p|li|ul|ol|dl|dt|dd|table|tr|td|th|div|pre|h[1-6])\b[^>]*>", re.I)


def fold(word: str) -> str:
    return word.translate(FOLD)


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(MARKUP.sub(" ", text).lower()) if len(w) >= 2]


def blocks(text: str) -> list[list[str]]:
    """The words of each text block of `text` (as `words`), block by block."""
    return [found for block in BLOCK.split(text) if (found := words(block))]


def _script(kind: str, key: str, data: Any) -> str:
    """A piece's script: its data as JSON, or, where that is smaller, the JSON packed
    (`pack`): a string, which rutin-pieces.js unpacks (DecompressionStream) to the same
    data."""
    body = json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))
    packed = json.dumps(pack(body))
    if len(packed) < len(body.encode()):
        body = packed
    return f"rutinPiece({json.dumps(kind)},{json.dumps(key)},{body});\n"


def pack(text: str) -> str:
    """JSON text deflated (zlib's format, what DecompressionStream("deflate") reads) and
    in base64: a page piece's HTML text in a third of its bytes, the same data once
    unpacked. A server that compresses its responses (nginx gzip) sends about as many
    bytes either way; one that does not, and the offline build, a third."""
    return base64.b64encode(zlib.compress(text.encode(), 9)).decode("ascii")


def unpack(data: Any) -> Any:
    """A piece's data as its script holds it (`_script`): packed JSON (a string) or the
    data itself."""
    if isinstance(data, str):
        return json.loads(zlib.decompress(base64.b64decode(data)).decode())
    return data


def _pages(docs: list[dict[str, Any]]) -> list[list[int]]:
    """Document indexes grouped by page (a page's sections follow it in the index)."""
    pages: list[list[int]] = []
    where: dict[str, int] = {}
    for i, doc in enumerate(docs):
        page = str(doc.get("location", "")).split("#", 1)[0]
        if page not in where:
            where[page] = len(pages)
            pages.append([])
        pages[where[page]].append(i)
    return pages


def _word_pieces(entries: dict[str, list[Any]], length: int
                 ) -> dict[str, dict[str, list[Any]]]:
    groups: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    for folded, entry in entries.items():
        groups[folded[:length] if len(folded) >= length else folded][folded] = entry
    pieces: dict[str, dict[str, list[Any]]] = {}
    for key, group in groups.items():
        size = len(json.dumps(group, ensure_ascii=False, default=str))
        longer = {w: e for w, e in group.items() if len(w) > length}
        if size > WORD_PIECE_BYTES and longer:  # one letter more: the words that have it
            pieces[key] = {w: e for w, e in group.items() if len(w) <= length}
            pieces.update(_word_pieces(longer, length + 1))
        else:
            pieces[key] = group
    return {k: v for k, v in pieces.items() if v}


def add_other_names(docs: list[dict[str, Any]], names: dict[str, list[str]] | None) -> None:
    """The site's own titles for a page (a start page card's text) added to the keywords
    (tags) of the page's first document: searched as the page's names."""
    if not names:
        return
    seen: set[str] = set()
    for doc in docs:
        page = str(doc.get("location", "")).split("#", 1)[0]
        if page in seen:
            continue
        seen.add(page)
        extra = [t for t in names.get(page, ()) if t not in (doc.get("tags") or ())]
        if extra:
            doc["tags"] = [*(doc.get("tags") or ()), *extra]


def title_documents(titles: Mapping[str, str]) -> list[dict[str, Any]]:
    """A document with nothing but its title for each page kept out of the search
    ({URL: title}: the owner's pages, which hold the whole source): such a page is found
    by its own name ("spårbarhet", "scenarier") and by nothing it says, weighed as a hub
    page (boost 1)."""
    return [{"location": url, "title": html.escape(title, quote=False), "text": "",
             "boost": 1.0} for url, title in titles.items()]


def _postings(by_page: dict[int, dict[str, int]], boosts: list[float]
              ) -> list[tuple[int, float]]:
    """A word's best pages and their scores, best first (at most POSTINGS)."""
    scores = {n: boosts[n] * sum(FIELD_WEIGHTS[f] * tf / (tf + SATURATION)
                                 for f, tf in fields.items())
              for n, fields in by_page.items()}
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:POSTINGS]


def _flat(best: list[tuple[int, float]]) -> list[float]:
    flat: list[float] = []
    for page, score in best:
        flat += [page, round(score, 1)]
    return flat


def _spelled_counts(word: str, folded: str, by_page: dict[int, dict[str, int]],
                    accented: dict[str, dict[int, dict[str, int]]]
                    ) -> dict[int, dict[str, int]]:
    """One spelling's counts by page and field: its own for a spelling with å, ä, ö or é,
    else (the plain spelling, the folded word itself) what the others leave."""
    if word != folded:
        return accented.get(word, {})
    rest: dict[int, dict[str, int]] = {}
    for n, fields in by_page.items():
        left = dict(fields)
        for other, pages in accented.items():
            if fold(other) == folded:
                for field, times in pages.get(n, {}).items():
                    left[field] = left.get(field, 0) - times
        kept = {f: t for f, t in left.items() if t > 0}
        if kept:
            rest[n] = kept
    return rest


# A run-in heading: a paragraph that begins with a label of one to three words and a
# colon ("Syfte: Beskriva …", "Ansvar: …"; the page shows it bold, the index keeps its
# text only). Its words name what the paragraph is about, as a section's heading does.
RUN_IN = re.compile(r"(<p\b[^>]*>\s*)((?:[^\W\d_][\w\-–]*\s+){0,2}[^\W\d_][\w\-–]*)(?=\s*:)")


# A label that begins paragraphs on many pages is the site's own (a template's "Källa:",
# "Viktigt:"), no heading of what a page says: more than this share of the pages.
SHARED_LABEL_SHARE = 0.05


def shared_labels(docs: list[dict[str, Any]]) -> frozenset[str]:
    """The run-in labels (lower case) that begin paragraphs on more than
    SHARED_LABEL_SHARE of the pages (at least two pages)."""
    pages: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        page = str(doc.get("location", "")).split("#", 1)[0]
        for match in RUN_IN.finditer(str(doc.get("text") or "")):
            pages[match.group(2).lower()].add(page)
    every = {str(doc.get("location", "")).split("#", 1)[0] for doc in docs}
    most = max(1, int(len(every) * SHARED_LABEL_SHARE))
    return frozenset(label for label, on in pages.items() if len(on) > most)


def _run_in(text: str, heading: str, shared: frozenset[str]) -> list[tuple[str, list[str]]]:
    """A text field's text in order, each run-in heading's label in the `heading` field
    (but a label the site shares: `shared`) and the rest in "text"."""
    out: list[tuple[str, list[str]]] = []
    start = 0
    for match in RUN_IN.finditer(text):
        if match.group(2).lower() in shared:
            continue
        out.append(("text", [text[start:match.end(1)]]))
        out.append((heading, [match.group(2)]))
        start = match.end(2)
    out.append(("text", [text[start:]]))
    return out


def _fields(members: list[int], docs: list[dict[str, Any]], boost: float,
            shared: frozenset[str] = frozenset()) -> list[tuple[bool, str, list[str]]]:
    """A page's texts in index order: (its own text, not a hub's list of other pages;
    the field it counts in; the texts). `shared`: run-in labels that are no heading
    (shared_labels)."""
    hub = boost <= HUB_BOOST
    overview = hub and any(OWN_SECTION in str(docs[i].get("location", "")) for i in members)
    out: list[tuple[bool, str, list[str]]] = []
    for i in members:
        doc = docs[i]
        first = i == members[0]
        own = not hub or (overview and (first or OWN_SECTION in str(doc.get("location", ""))))
        heading = "own_section_title" if overview and own else "section_title"
        for field in ("title", "tags", "text"):
            if field == "tags" and not first:
                continue  # a page's keywords count once
            value = doc.get(field)
            texts = [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
            where = heading if field == "title" and not first else field
            if where == "text" and own:
                # A run-in heading weighs as a heading (never in a hub's lists of pages).
                out += [(own, part, part_texts) for text in texts
                        for part, part_texts in _run_in(text, heading, shared)]
                continue
            out.append((own, where, texts))
    return out


def _places(pages: list[list[int]], docs: list[dict[str, Any]], boosts: list[float],
            wanted: Mapping[int, set[str]], folds: Mapping[str, str],
            shared: frozenset[str] = frozenset()) -> dict[str, dict[int, list[int]]]:
    """Each wanted word's first POSITIONS places on each page it is wanted on: its place
    among the page's words, text blocks BLOCK_GAP apart, a hub's lists of other pages
    LISTED further on."""
    places: dict[str, dict[int, list[int]]] = {}
    for n, members in enumerate(pages):
        mine = wanted.get(n)
        if not mine:
            continue
        place = 0
        for own, _where, texts in _fields(members, docs, boosts[n], shared):
            if own and place >= LISTED:
                place -= LISTED
            elif not own and place < LISTED:
                place += LISTED
            for text in texts:
                for block in blocks(text):
                    for word in block:
                        folded = folds.get(word) or fold(word)
                        if folded in mine:
                            at = places.setdefault(folded, {}).setdefault(n, [])
                            if len(at) < POSITIONS:
                                at.append(place)
                        place += 1
                    place += BLOCK_GAP
    return places


def split(index: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """(the manifest that replaces the index, {site path: piece script})."""
    docs: list[dict[str, Any]] = list(index.get("docs") or ())
    pages = _pages(docs)
    files: dict[str, str] = {}
    starts: list[int] = []  # first page of each page piece
    current: list[dict[str, Any]] = []
    size = 0
    for n, members in enumerate(pages):
        # Material repeats a page's keywords (tags) on each of its sections: the page's
        # first document keeps them (Lunr finds the page by them, the result shows them).
        page_docs = [docs[i] if i == members[0] else
                     {k: v for k, v in docs[i].items() if k != "tags"} for i in members]
        page_size = len(json.dumps(page_docs, ensure_ascii=False, default=str))
        if current and size + page_size > PAGE_PIECE_BYTES:
            files[f"search/p/{len(starts) - 1}.js"] = _script("p", str(len(starts) - 1), current)
            current, size = [], 0
        if not current:
            starts.append(n)
        current += page_docs
        size += page_size
    if current:
        files[f"search/p/{len(starts) - 1}.js"] = _script("p", str(len(starts) - 1), current)

    # Plain dicts, not Counters: a word on a page is one of the commonest objects made
    # here, and a Counter's constructor is pure Python (a tenth of the build's search
    # work at 1,000 checklists).
    counts: dict[str, dict[int, dict[str, int]]] = {}
    spellings: dict[str, dict[str, int]] = {}
    # A word with å, ä, ö or é by its own spelling too: "år" and "är" are one folded word
    # ("ar"), and a query typed with the letters must find only its own.
    accented: dict[str, dict[int, dict[str, int]]] = {}
    folds: dict[str, str] = {}
    boosts = [float(docs[members[0]].get("boost", 1.0) or 1.0) for members in pages]
    shared = shared_labels(docs)
    for n, members in enumerate(pages):
        for _own, where, texts in _fields(members, docs, boosts[n], shared):
            times: dict[str, int] = {}
            for text in texts:
                for word in words(text):
                    times[word] = times.get(word, 0) + 1
            for word, count in times.items():
                folded = folds.get(word)
                if folded is None:
                    folded = folds[word] = fold(word)
                by_page = counts.get(folded)
                if by_page is None:
                    by_page = counts[folded] = {}
                    spellings[folded] = {}
                fields = by_page.get(n)
                if fields is None:
                    fields = by_page[n] = {}
                fields[where] = fields.get(where, 0) + count
                spelled = spellings[folded]
                spelled[word] = spelled.get(word, 0) + count
                if folded != word:
                    mine = accented.setdefault(word, {}).setdefault(n, {})
                    mine[where] = mine.get(where, 0) + count
    entries: dict[str, list[Any]] = {}
    wanted: dict[int, set[str]] = defaultdict(set)  # page → the words whose places it shows
    order: dict[str, dict[int, int]] = {}  # word → its best pages' rank
    for folded, by_page in counts.items():
        best = _postings(by_page, boosts)
        order[folded] = {page: rank for rank, (page, _score) in enumerate(best[:POSITION_PAGES])}
        spelled = spellings[folded]
        spelling = max(spelled.items(), key=lambda kv: kv[1])[0]  # the first commonest
        entries[folded] = [spelling, sum(spelled.values()), len(by_page), _flat(best)]
        if len(spelled) > 1:
            # Each spelling's own pages ([count, postings]); the plain one's are the rest.
            entries[folded].append({
                word: [times, _flat(_postings(_spelled_counts(word, folded, by_page, accented),
                                              boosts))]
                for word, times in spelled.items()})
        for page, _score in best[:POSITION_PAGES]:
            wanted[page].add(folded)
    # Positions only where a piece shows them (each word's best pages), in a second walk:
    # kept for every word on every page they were the build's largest memory.
    for folded, on_page in _places(pages, docs, boosts, wanted, folds, shared).items():
        if len(folded.encode("utf-8")) > MAX_PIECE_NAME:
            continue  # its file name would be too long: the word ranks without places
        files[f"search/x/{folded}.js"] = _script(
            "x", folded, {str(page): on_page[page] for page in sorted(
                on_page, key=lambda page: order[folded][page])})
    pieces = _word_pieces(entries, 2)
    for key, data in pieces.items():
        files[f"search/w/{key}.js"] = _script("w", key, data)
    manifest = {
        "config": {**index.get("config", {}), "rutin_pieces": {
            "pages": len(pages), "words": sorted(pieces), "page_pieces": starts,
            "listed": LISTED,
        }},
        "docs": [],
    }
    return manifest, files


PIECE = re.compile(r'^rutinPiece\("p","(\d+)",(.*)\);\n?$', re.S)


def documents(site: Path) -> list[dict[str, Any]]:
    """The index's documents as the page pieces of a built site hold them, in order (for
    the tests and checks that read what the search can find)."""
    return documents_from({path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
                           for path in (site / "search" / "p").glob("*.js")})


def documents_from(files: dict[str, str]) -> list[dict[str, Any]]:
    """The documents of page pieces ({site path: piece script}), in order."""
    found: list[tuple[int, list[dict[str, Any]]]] = []
    for path, text in files.items():
        match = PIECE.match(text)
        if match and path.startswith("search/p/"):
            found.append((int(match.group(1)), unpack(json.loads(match.group(2)))))
    return [doc for _n, docs in sorted(found) for doc in docs]


INDEX_FILE = "search/search_index.json"


def index_files(index: dict[str, Any], help_config: Mapping[str, Any],
                names: dict[str, list[str]] | None = None, *, split_index: bool = True
                ) -> dict[str, str]:
    """The search's files ({site path: text}) from Material's index (`config`, `docs`,
    in memory): the manifest in the index's place, with our search help in its config
    (`rutin_aids`, `rutin_tasks`), and the index in pieces that a query loads as it
    needs them (`split`): a page view no longer downloads the whole index. The site's
    own titles for pages (`names`, search_help.other_names: a start page card's text)
    are searched as the page's keywords.
    `split_index=False` (the editor's preview, 0.1 s a rebuild): one index, which the
    search worker reads whole."""
    docs = [dict(doc) for doc in index.get("docs") or ()]  # the preview's kept ones unchanged
    data = {"config": {**index.get("config", {}), **help_config}, "docs": docs}
    add_other_names(docs, names)
    manifest, pieces = split(data) if split_index else (data, {})
    return {**pieces, INDEX_FILE: json.dumps(manifest, ensure_ascii=False, default=str,
                                             separators=(",", ":"))}


# Elements whose start or end separates words on screen but not in the text Material's
# search parser keeps (it keeps the text of p, li, code …, drops every other tag and
# writes no space for it): a glossary's term and definition ("SITHS-kortBank-ID"), table
# cells, a line break, the parts of a list item. Their boundaries become a space.
WORD_BOUNDARIES = frozenset({
    "address", "article", "aside", "blockquote", "br", "button", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "label", "legend", "li", "nav", "ol", "p", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})


def index_words_as_words() -> None:
    """Material's search parser (material/plugins/search/plugin.py `Parser`, looked up by
    name when a page is indexed) with a space at each element boundary that separates
    words on screen, so every text block is indexed word by word. The pages themselves
    are unchanged. Checked by tests/test_search_swedish.py (glossary words found one by
    one), so an upgrade that renames the parser fails a test."""
    from material.plugins.search import plugin as search_plugin

    base = search_plugin.Parser
    if getattr(base, "rutin_words", False):
        return

    class WordParser(base):  # type: ignore[misc, valid-type]
        rutin_words = True

        def _boundary(self) -> None:
            section = self.section
            if section is None:  # never before the page's first section
                return
            text = section.text
            # After a space in the section's text, Material's handle_data would add
            # nothing (it collapses whitespace outside <pre>, and a heading's title is
            # not its text): skipped here, as most boundaries follow one another.
            if (text and text[-1] == " " and "pre" not in self.context
                    and section.el not in self.context):
                return
            self.handle_data(" ")

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in WORD_BOUNDARIES:
                self._boundary()
            super().handle_starttag(tag, attrs)

        def handle_endtag(self, tag: str) -> None:
            super().handle_endtag(tag)
            if tag in WORD_BOUNDARIES:
                self._boundary()

    search_plugin.Parser = WordParser
