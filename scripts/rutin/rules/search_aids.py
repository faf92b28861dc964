"""Rule search-aids."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from rutin.load.source_text import SourceText, normalize
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "search-aids"

_EDGE = re.compile(r"^\W+|\W+$")


def _key(text: str) -> str:
    """How terms and words are compared: whitespace normalised, case ignored."""
    return normalize(text).casefold()


def _haystack(source: SourceText) -> list[str]:
    """The source's running text and its headings, one string per line of text, as
    compared (a term cannot run across a heading)."""
    lines = source.reading.split("\n")
    lines += [s.text for s in source.sentences if s.kind in ("heading", "toc")]
    return [line.casefold() for line in lines]


def _nearest(term: str, lines: list[str]) -> str | None:
    """The run of as many words in the source that is most like the term."""
    size = max(len(term.split()), 1)
    candidates: set[str] = set()
    for line in lines:
        words = [_EDGE.sub("", w) for w in line.split()]
        words = [w for w in words if w]
        candidates.update(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))
    found = difflib.get_close_matches(term, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def check(content: RoutineContent) -> Iterator[Problem]:
    """Sökhjälpen (`search_aids` i `routine.yaml`) är en granskad lista med ord som
    personalen söker med men som rutinen inte använder: vardagliga synonymer, andra
    sammansättningar, böjningsformer som sökningen inte kan koppla ihop (”uteblev” till
    ”uteblir”) och vanliga förkortningar. Orden läggs bara till i sökindexet för sidorna
    där begreppet står; de visas aldrig och är inga kliniska fakta.

    Begreppet (`term`) står i rutinens källtext (`source_file`), så att sökhjälpen pekar
    på rutinens egna ord; stora och små bokstäver och radbrytningar spelar ingen roll, och
    begreppet får vara början eller en del av ett längre ord (”suicid” i ”suicidrisk”).
    Finns det inte visas det närmaste ordet i källan. Ett sökord hör till ett enda
    begrepp, och ett begrepp står en gång i listan. Ett sökord som är samma som sitt
    begrepp hjälper inte sökningen och ger en varning.

    Godkänt: `{term: uteblir, words: [uteblev, uteblivit]}` när källan skriver ”Om
    patienten uteblir …”
    Fel: `{term: utebliver, words: [uteblev]}` (källan skriver ”uteblir”), eller
    ”videomöte” under både ”videobesök” och ”video”
    """
    routine = content.routine
    if routine is None or routine.data is None:
        return
    aids = routine.data.get("search_aids") or ()
    source = content.source
    lines = _haystack(source) if source is not None else None
    name = content.source_path.name if content.source_path is not None else ""
    terms: dict[str, int] = {}
    owner: dict[str, tuple[int, str]] = {}  # word -> (index of its aid, its term)
    for i, aid in enumerate(aids):
        term = str(aid.get("term", ""))
        key = _key(term)
        if key in terms:
            yield routine.problem(
                ("search_aids", i, "term"),
                f"begreppet ”{term}” står redan i search_aids[{terms[key]}]; samla orden "
                "under en post", RULE_ID)
        else:
            terms[key] = i
        if lines is not None and not any(key in line for line in lines):
            message = f"begreppet ”{term}” står inte i källtexten {name}"
            nearest = _nearest(key, lines)
            if nearest is not None:
                message += f"; närmast: ”{nearest}”"
            yield routine.problem(("search_aids", i, "term"), message, RULE_ID)
        for j, word in enumerate(aid.get("words") or ()):
            word_key = _key(str(word))
            if word_key == key:
                yield routine.problem(
                    ("search_aids", i, "words", j),
                    f"sökordet ”{word}” är samma som begreppet och hjälper inte sökningen; "
                    "ta bort det", RULE_ID, severity="warning")
                continue
            if word_key in owner:
                first, first_term = owner[word_key]
                where = ("en gång till under samma begrepp" if first == i else
                         f"redan under ”{first_term}” (search_aids[{first}])")
                yield routine.problem(
                    ("search_aids", i, "words", j),
                    f"sökordet ”{word}” står {where}; ett sökord hör till ett enda begrepp",
                    RULE_ID)
                continue
            owner[word_key] = (i, term)
