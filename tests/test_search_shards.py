"""The search index in pieces (adapters/mkdocs_material/search_index.py): nothing lost,
nothing duplicated, every word findable under its piece's letters, pieces small."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from rutin.adapters.mkdocs_material import search_index as S
from support.project import ROOT

PIECE = re.compile(r'^rutinPiece\("(w|p|x)","([^"]+)",(.*)\);\n$', re.S)


def _index(pages: int = 30) -> dict[str, Any]:
    docs = []
    for n in range(pages):
        docs.append({"location": f"r/sida-{n}/", "title": f"Sida {n} tolk",
                     "text": f"<p>Vårdnadshavare ska boka videobesök nummer {n}.</p>",
                     "tags": ["tolken"] if n % 3 == 0 else []})
        docs.append({"location": f"r/sida-{n}/#steg", "title": "Steg",
                     "text": "Bjud in tolken via e-post. " * 20})
    return {"config": {"lang": ["sv"], "rutin_aids": {"videosamtal": "videobesök"}},
            "docs": docs}


def _pieces(files: dict[str, str]) -> dict[tuple[str, str], Any]:
    found = {}
    for path, text in files.items():
        match = PIECE.match(text)
        assert match, path
        kind, key, body = match.groups()
        assert path == f"search/{kind}/{key}.js"
        found[(kind, key)] = S.unpack(json.loads(body))
    return found


def test_the_manifest_has_no_documents_and_keeps_the_config() -> None:
    index = _index()
    manifest, _ = S.split(index)
    assert manifest["docs"] == []
    assert manifest["config"]["rutin_aids"] == {"videosamtal": "videobesök"}
    assert manifest["config"]["rutin_pieces"]["pages"] == 30


def test_every_document_is_in_one_page_piece_with_its_page() -> None:
    index = _index()
    manifest, files = S.split(index)
    pieces = _pieces(files)
    docs = [d for (kind, _k), data in sorted(pieces.items(), key=lambda kv: int(kv[0][1])
                                             if kv[0][0] == "p" else -1)
            if kind == "p" for d in data]
    assert docs == index["docs"]  # all, once, in order: a page's sections with it
    starts = manifest["config"]["rutin_pieces"]["page_pieces"]
    assert starts[0] == 0 and starts == sorted(starts)
    for (kind, _key), data in pieces.items():
        if kind == "p":
            assert len(json.dumps(data, ensure_ascii=False)) <= S.PAGE_PIECE_BYTES + 2000


def test_every_word_is_under_its_first_letters_and_points_at_its_pages() -> None:
    manifest, files = S.split(_index())
    pieces = _pieces(files)
    keys = manifest["config"]["rutin_pieces"]["words"]
    assert sorted(k for kind, k in pieces if kind == "w") == keys
    words = {f: (key, e) for (kind, key), data in pieces.items() if kind == "w"
             for f, e in data.items()}
    # Folded: å, ä → a, ö → o; the spelling is kept beside it.
    key, (spelling, count, pages, flat) = words["vardnadshavare"]
    assert "vardnadshavare".startswith(key) and spelling == "vårdnadshavare"
    assert count == 30 and pages == 30
    assert len(flat) == 2 * min(30, S.POSTINGS)
    # The longest piece key that begins the word is the one it is under.
    assert key == max((k for k in keys if "vardnadshavare".startswith(k)), key=len)
    # "tolken" as a tag weighs more than in the text: tagged pages come first.
    _key, (_s, _c, _p, flat) = words["tolken"]
    first_pages = flat[0:6:2]
    assert all(p % 3 == 0 for p in first_pages), flat[:6]


def test_a_big_piece_is_split_by_one_more_letter() -> None:
    entries = {f"ta{n:03d}x": ["w", 1, 1, [0, 1.0] * 30] for n in range(400)}
    pieces = S._word_pieces(entries, 2)
    assert "ta" not in pieces or not pieces["ta"]
    assert all(len(json.dumps(p)) <= S.WORD_PIECE_BYTES or len(k) >= 6
               for k, p in pieces.items())
    assert sum(len(p) for p in pieces.values()) == 400


def test_the_preview_keeps_one_index_with_the_help(tmp_path: Path) -> None:
    """`make serve` rebuilds in 0.1 s steps: no pieces, the whole index with the help,
    which the search worker reads whole (its fallback)."""
    files = S.index_files(_index(3), {"rutin_aids": {"a": "b"}}, split_index=False)
    index = json.loads(files.pop(S.INDEX_FILE))
    assert len(index["docs"]) == 6 and index["config"]["rutin_aids"] == {"a": "b"}
    assert "rutin_pieces" not in index["config"] and not files
    files = S.index_files(_index(3), {"rutin_aids": {"a": "b"}})
    index = json.loads(files.pop(S.INDEX_FILE))
    assert index["docs"] == [] and index["config"]["rutin_pieces"]["pages"] == 3
    assert S.documents_from(files) == _index(3)["docs"]


def _postings(files: dict[str, str], word: str) -> dict[int, float]:
    for (kind, _key), data in _pieces(files).items():
        if kind == "w" and word in data:
            flat = data[word][3]
            return {int(flat[i]): flat[i + 1] for i in range(0, len(flat), 2)}
    raise AssertionError(word)


def test_keywords_count_once_and_a_hub_page_does_not_outweigh_the_page_about_a_word() -> None:
    """A page's keywords (tags) weigh most, once per page however many sections repeat
    them; text counts saturate: twenty mentions in a list are not twenty keywords."""
    hub = [{"location": "r/", "title": "Översikt", "text": "<p>tolk</p>", "tags": ["rutin"]}]
    hub += [{"location": f"r/#s{n}", "title": f"Avsnitt {n}",
             "text": "<ul><li>Bjud in tolk.</li></ul>", "tags": ["rutin"]} for n in range(20)]
    page = [{"location": "r/tolk/", "title": "Bjuda in", "text": "<p>Gör så här.</p>",
             "tags": ["tolk"]},
            {"location": "r/tolk/#steg", "title": "Steg", "text": "<p>Ring.</p>",
             "tags": ["tolk"]}]
    _manifest, files = S.split({"config": {}, "docs": hub + page})
    tolk = _postings(files, "tolk")
    assert tolk[1] > tolk[0]  # the page with the keyword, then the hub
    assert _postings(files, "rutin")[0] < 2 * S.FIELD_WEIGHTS["tags"]  # once, not 21 times
    docs = S.documents_from(files)
    # Only a page's first document keeps the keywords (Material repeats them).
    assert [("tags" in d) for d in docs] == [True] + [False] * 20 + [True, False]


def test_the_sites_own_titles_are_a_pages_keywords() -> None:
    docs = [{"location": "r/a/", "title": "A", "text": "", "tags": ["a"]},
            {"location": "r/a/#s", "title": "S", "text": ""},
            {"location": "r/b/", "title": "B", "text": ""}]
    S.add_other_names(docs, {"r/a/": ["Patienten kommer inte", "a"], "r/b/": ["Bee"]})
    assert docs[0]["tags"] == ["a", "Patienten kommer inte"]
    assert "tags" not in docs[1] and docs[2]["tags"] == ["Bee"]


def test_start_page_cards_name_the_pages_they_link_to() -> None:
    from rutin.site import search_help

    titles = {"index.md": search_help.link_titles([("r/a.md", "Kort titel")])}
    titles["index.md"] = search_help.link_titles([("r/b.md", "Annan titel")])  # set again
    titles["other.md"] = search_help.link_titles([("r/b.md", "Annan titel")])
    assert search_help.other_names(titles) == {"r/b/": ["Annan titel"],
                                               "r/b.html": ["Annan titel"]}


def test_every_text_block_is_indexed_word_by_word() -> None:
    """Material's search parser keeps the text of a few elements and writes no space for
    the others: a glossary's term ran into its definition ("SITHS-kortBank-ID")."""
    from material.plugins.search import plugin as search_plugin

    from rutin.adapters.mkdocs_material.search_index import index_words_as_words

    index_words_as_words()
    index_words_as_words()  # once is enough: not wrapped twice
    parser = search_plugin.Parser()
    parser.feed('<h1 id="t">Titel</h1><dl><dt>SITHS-kort</dt><dd>Vårdpersonalen loggar in.'
                '</dd><dt>Bank-ID</dt><dd>Invånaren.</dd></dl><p>rad<br>två</p>'
                "<table><tr><td>cell</td><td>nästa</td></tr></table>"
                "<ul><li><strong>Titel</strong><span>(Checklista)</span><br>Sammanfattning"
                "</li></ul>")
    parser.close()
    text = "".join(parser.data[0].text)
    words = re.sub(r"<[^>]*>", " ", text).split()
    for word in ("SITHS-kort", "Vårdpersonalen", "Bank-ID", "rad", "två", "cell", "nästa",
                 "Sammanfattning"):
        assert word in words, (word, text)
    assert "".join(parser.data[0].title) == "Titel"  # the page's first section unchanged


@pytest.mark.slow
def test_the_built_index_reads_words_as_words(built_site: Path) -> None:
    """In the built site's index: every glossary term stands as words of its own in the
    overview's text (not run into its definition), and the start page's role buttons
    are not result text."""
    from rutin.check.content import content_root
    from rutin.check.validate import check

    library = check(content_root(ROOT)).library
    assert library is not None
    docs = S.documents(built_site)
    for routine in library.routines:
        text = " ".join(re.sub(r"<[^>]*>", " ", d["text"]) for d in docs
                        if d["location"].split("#")[0] == f"{routine.id}/")
        for term in routine.glossary:
            assert re.search(rf"(^|\s){re.escape(term.term)}\s", text), term.term
    start = next(d for d in docs if d["location"] == "")
    assert "Visa alla" not in start["text"], start["text"][:300]  # the role choice's button


def _places(files: dict[str, str], word: str) -> dict[int, list[int]]:
    data = _pieces({f"search/x/{word}.js": files[f"search/x/{word}.js"]})[("x", word)]
    return {int(page): places for page, places in data.items()}


def test_a_position_piece_says_where_a_word_stands_on_its_best_pages() -> None:
    """Each word has a position piece: its places on each of its best pages (the word's
    number among the page's words), so that a query's words standing next to each other
    can be told; words of two text blocks never stand next to each other; on a hub page
    (boost 1) the lists of pages stand LISTED places on, an overview's own text
    (`#avsnitt-…`) does not."""
    docs = [
        {"location": "r/a/", "title": "A", "text": "<p>Inga patienter hittade.</p>"
         "<ul><li>patienter</li><li>hittade</li></ul>", "boost": 2},
        {"location": "r/", "title": "Översikt", "text": "<p>Syfte: patienter hittade</p>",
         "boost": 1},
        {"location": "r/#uppgifter", "title": "Uppgifter",
         "text": "<ul><li>patienter hittade</li></ul>", "boost": 1},
        {"location": "r/#avsnitt-x", "title": "X", "text": "<p>patienter hittade</p>",
         "boost": 1},
    ]
    manifest, files = S.split({"config": {}, "docs": docs})
    assert manifest["config"]["rutin_pieces"]["listed"] == S.LISTED
    patienter, hittade = _places(files, "patienter"), _places(files, "hittade")
    # Page 0: "inga patienter hittade" (next to each other), then two list items.
    assert hittade[0][0] - patienter[0][0] == 1
    assert hittade[0][1] - patienter[0][1] > 1  # two blocks apart, never neighbours
    assert hittade[0][1] - patienter[0][1] >= S.BLOCK_GAP
    # Page 1, the overview: its own text (top, #avsnitt-) before LISTED, its list after.
    own = [p for p in patienter[1] if p < S.LISTED]
    listed = [p for p in patienter[1] if p >= S.LISTED]
    assert len(own) == 2 and len(listed) == 1
    assert all(len(places) <= S.POSITIONS for places in patienter.values())
    # Only a word's best pages: the first of its postings.
    best = list(_postings(files, "patienter"))[:S.POSITION_PAGES]
    assert set(patienter) == set(best)


def test_a_word_spelled_several_ways_keeps_each_spellings_pages() -> None:
    """"år" and "är" are one folded word ("ar"): the entry keeps the pages of both and
    each spelling's own, so a query typed with å finds only "år"'s pages."""
    docs = [{"location": "r/a/", "title": "A", "text": "<p>Barn 13 år och äldre.</p>"},
            {"location": "r/b/", "title": "B", "text": "<p>Det är så. Det är bra.</p>"},
            {"location": "r/c/", "title": "C", "text": "<p>Vård och vard.</p>"}]
    _manifest, files = S.split({"config": {}, "docs": docs})
    entries = {f: e for (kind, _k), data in _pieces(files).items() if kind == "w"
               for f, e in data.items()}
    spelling, count, pages, flat, spellings = entries["ar"]
    assert spelling == "är" and count == 3 and pages == 2 and len(flat) == 4
    assert spellings["år"][0] == 1 and spellings["år"][1][0] == 0 and len(spellings["år"][1]) == 2
    assert spellings["är"][0] == 2 and spellings["är"][1][0] == 1 and len(spellings["är"][1]) == 2
    # The plain spelling's own pages are what the others leave.
    assert set(entries["vard"][4]) == {"vård", "vard"}
    assert entries["vard"][4]["vard"][1][0] == 2
    assert len(entries["barn"]) == 4  # one spelling: no list of spellings


def test_an_overviews_own_section_headings_weigh_as_a_checklists() -> None:
    """A hub page (boost 1) weighs little, but a routine overview's own sections
    (`#avsnitt-…`) name what no other page says: a word in their heading scores as in a
    checklist's heading (boost 2), enough for rutin-pieces.js to count the page as one
    about the word (PROMINENT 3.5); a list section's heading does not."""
    docs = [{"location": "r/", "title": "Översikt", "text": "", "boost": 1},
            {"location": "r/#grupp-a", "title": "Loggning", "text": "", "boost": 1},
            {"location": "r/#avsnitt-b", "title": "Loggkontroll", "text": "", "boost": 1},
            {"location": "r/a/", "title": "A", "text": "", "boost": 2},
            {"location": "r/a/#s", "title": "Loggning", "text": "", "boost": 2}]
    _manifest, files = S.split({"config": {}, "docs": docs})
    own, listed, checklist = (_postings(files, "loggkontroll")[0],
                              _postings(files, "loggning")[0], _postings(files, "loggning")[1])
    assert own == checklist > 3.5 > listed


def test_a_run_in_heading_weighs_as_a_heading_unless_the_site_shares_it() -> None:
    """A paragraph that begins with a short label and a colon ("Syfte: …", shown bold)
    is a heading of its own: its label counts as a section's heading (enough for
    rutin-pieces.js PROMINENT, 3.5), on a checklist and in a routine overview's own text
    alike; the same word in running text does not. A label that begins paragraphs on
    many pages (a template's "Källa:") is the site's, not a heading: it counts as text."""
    docs: list[dict[str, Any]] = [
        {"location": "r/", "title": "Översikt", "boost": 1,
         "text": "<p>Qxsyfte: Beskriva ett arbetssätt.</p>"},
        {"location": "r/#avsnitt-a", "title": "Bakgrund", "text": "", "boost": 1}]
    for n in range(30):
        docs.append({"location": f"r/c{n}/", "title": f"Lista {n}", "boost": 2,
                     "text": "<p>Qxkälla: rutinen.</p> <p>Ett qxord här.</p>"})
    docs[2]["text"] += " <p>Qxansvar: sjuksköterskan ringer.</p>"
    docs[3]["text"] += " <p>Hon har qxansvar för det.</p>"
    _manifest, files = S.split({"config": {}, "docs": docs})
    label, running = _postings(files, "qxansvar")[1], _postings(files, "qxansvar")[2]
    assert label > 3.5 > running, (label, running)
    assert _postings(files, "qxsyfte")[0] > 3.5
    shared, plain = _postings(files, "qxkalla"), _postings(files, "qxord")
    assert shared == plain and max(plain.values()) < 3.5, (shared, plain)


def test_a_piece_is_packed_only_where_that_is_smaller_and_unpacks_to_its_data() -> None:
    """Pieces are deflated JSON in base64 (a string) when that is smaller than the JSON,
    which a page piece's repetitive HTML always is; a tiny piece stays JSON. Either way
    the data read back is the data written (what rutin-pieces.js unpacks)."""
    index = _index()
    _manifest, files = S.split(index)
    raw = {}
    for path, text in files.items():
        match = PIECE.match(text)
        assert match, path
        raw[path] = json.loads(match.group(3))
    packed = [p for p, data in raw.items() if isinstance(data, str)]
    assert any(p.startswith("search/p/") for p in packed)
    for path in packed:
        data = S.unpack(raw[path])
        plain = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert len(json.dumps(raw[path])) < len(plain.encode()), path
    small = S._script("x", "a", {"0": [1]})
    assert small == 'rutinPiece("x","a",{"0":[1]});\n'
    assert S.documents_from(files) == index["docs"]


def test_a_word_too_long_for_a_file_name_gets_no_position_piece() -> None:
    """A page with a 300-letter "word" (a pasted code) stopped the build: its position
    piece's file name passed the file system's 255 bytes."""
    index = _index(3)
    long_word = "ä" * 150 + "a" * 150
    index["docs"][0]["text"] += f"<p>Koden {long_word} och tolken bokas.</p>"
    index["docs"][1]["text"] += f"<p>Koden {long_word} och tolken bokas.</p>"
    files = S.index_files(index, {"rutin_aids": {"a": "b"}})
    assert max(len(Path(path).name.encode("utf-8")) for path in files) <= 255
    assert any(path.startswith("search/x/") for path in files)  # other words keep theirs
