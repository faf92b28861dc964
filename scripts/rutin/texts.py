"""User-facing Swedish phrases that recur across the tool, the site and the content.

One spelling each: an editor searching the site, or a test looking for the phrase, finds
every occurrence. Content (checklists/) writes the same words by hand, and JavaScript
cannot import them; tests/test_texts.py holds both to these constants.
"""

from __future__ import annotations

# Where the routine says nothing: shown instead of leaving a field out or filling it in.
NOT_STATED = "anges ej i rutinen"

# The same words opening a sentence ("Anges ej i rutinen – …").
NOT_STATED_SENTENCE = NOT_STATED[:1].upper() + NOT_STATED[1:]

# A decision table's answers that lead to no outcome (docs/assets/decision.js shows it;
# rutin check makes sure a published table has no such gap).
NO_OUTCOME = f"Svaren leder inte till något utfall i tabellen ({NOT_STATED})."

# Marks content that rests on a reading the routine owner has not confirmed (trace).
INTERPRETATION_UNCONFIRMED = "Tolkning – ej bekräftad av rutinägaren"
