"""The corrections of the clinical read (issue "Trust"), each as a test that failed on
the content before it (checked against the previous commit's content).

The suicide decision aid is tested by enumerating every combination of answers, so a
fix for one combination cannot hide a fault in another.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rutin.check.validate import check
from rutin.model import decide
from rutin.model.records import Checklist, DecisionTable, Routine, Rule
from support.project import CONTENT, find_checklist


@pytest.fixture(scope="module")
def routine() -> Routine:
    report = check(CONTENT)
    assert report.library is not None, [p.format_text() for p in report.errors]
    return report.library.routine("platform24")


def table(routine: Routine, table_id: str) -> DecisionTable:
    return next(d for d in routine.decisions if d.id == table_id)


def everything(rule: Rule) -> str:
    """What the reader sees of an outcome: the outcome and every action."""
    return " ".join([rule.then.outcome, *(a.text for a in rule.then.actions)])


def outcomes(t: DecisionTable, **fixed: str) -> Iterator[tuple[dict[str, str], Rule]]:
    """Every combination of answers that agrees with `fixed` (input id → value) and the
    rule it leads to."""
    for answers in decide.combinations(t):
        if all(answers[k.replace("_", "-")] == v for k, v in fixed.items()):
            rule = decide.evaluate(t, answers)
            assert rule is not None, answers
            yield answers, rule


def input_labelled(t: DecisionTable, word: str) -> str:
    return next(q.id for q in t.inputs if word in q.question.lower())


# --------------------------------------------------------------------------- suicide


def test_moderate_risk_patient_who_answers_always_gets_the_covered_guidance(
    routine: Routine,
) -> None:
    """Before: "akut = ja" replaced the guidance for moderate risk with "Anges ej i
    rutinen". An acute situation may add 112, never remove the 2-day visit."""
    t = table(routine, "suicidrisk-atgard")
    helg = input_labelled(t, "helg")
    found = 0
    for answers, rule in outcomes(t, suicid_situation="svarar", suicid_risk="mattlig"):
        assert not rule.then.not_stated, answers
        shown = everything(rule)
        if answers[helg] == "nej":
            assert "inom 2 dagar" in shown, answers
            assert "Ha kvar patienten i chatten" in shown, answers
        assert "Prioritera patienten framför andra patienter med lägre suicidrisk" in shown
        found += 1
    assert found


def test_no_rule_of_any_table_lets_silence_hide_guidance(routine: Routine) -> None:
    """For every combination: the rule that applies says "anges ej i rutinen" only when
    no rule resting on the source matches the same answers."""
    for t in routine.decisions:
        assert not decide.analyse(t).silence_first, t.id
        for answers in decide.combinations(t):
            hits = decide.matching_rules(t, answers)
            silent = [r for r in hits if "anges ej i rutinen" in r.then.outcome.lower()]
            assert not silent or len(silent) == len(hits), (t.id, answers, [r.id for r in hits])


def test_beredskapsjour_for_a_non_answering_patient_needs_a_failed_phone_attempt(
    routine: Routine,
) -> None:
    """Before: the rule dropped "Om ingen kontakt med patienten går att få till stånd"
    and told staff to hand over and close even when the phone call reached the patient."""
    t = table(routine, "suicidrisk-atgard")
    phone = input_labelled(t, "telefon")
    question = next(q for q in t.inputs if q.id == phone)
    for answers, rule in outcomes(t, suicid_situation="svarar-inte"):
        shown = everything(rule)
        if "beredskapsjour" in shown or "avslutas kontakten" in shown.lower():
            assert "ingen kontakt" in question.label_of(answers[phone]).lower(), answers
    # Before the attempt: the attempt is what the routine asks for.
    first = [r for a, r in outcomes(t, suicid_situation="svarar-inte")
             if "ingen kontakt" not in question.label_of(a[phone]).lower()]
    assert first and all("per telefon" in everything(r) for r in first)
    assert all("beredskapsjour" not in everything(r) for r in first)


def test_112_stands_wherever_the_patient_does_not_answer_or_the_risk_is_elevated(
    routine: Routine,
) -> None:
    """"I akuta situationer ring 112" stands in the paragraph on a patient who does not
    answer: it is in every outcome there before the patient is judged low risk, and (as
    an interpretation the owner has to confirm) wherever the risk is moderate or higher."""
    t = table(routine, "suicidrisk-atgard")
    phone = next(q for q in t.inputs if q.id == input_labelled(t, "telefon"))
    for answers, rule in outcomes(t):
        attempt_failed = "ingen kontakt" in phone.label_of(answers[phone.id]).lower()
        elevated = answers["suicid-risk"] != "ingen-eller-lag"
        not_yet_phoned = answers["suicid-situation"] == "svarar-inte" and not attempt_failed
        if elevated or not_yet_phoned:
            assert "ring 112" in everything(rule), (answers, rule.id)


def test_refusing_patient_gets_individual_handling_before_the_last_resort(
    routine: Routine,
) -> None:
    """Before: a patient who refused care went straight to beredskapsjour and closing."""
    t = table(routine, "suicidrisk-atgard")
    elevated = [(a, r) for risk in ("mattlig", "hogre-an-mattlig")
                for a, r in outcomes(t, suicid_situation="vagrar-vard", suicid_risk=risk)]
    individual = [r for _, r in elevated if "individuell handläggning" in everything(r)]
    last_resort = [r for _, r in elevated if "beredskapsjour" in everything(r)]
    assert individual and last_resort
    assert all("sista utväg" in everything(r).lower() for r in last_resort)
    assert all("beredskapsjour" not in everything(r) for r in individual)
    # the last resort rests on readings the owner has to confirm
    assert all("tolkning-detta-galler-aven" in r.then.interpretations for r in last_resort)


def test_prioritising_is_kept_at_weekends_and_when_the_patient_opposes_booking(
    routine: Routine,
) -> None:
    t = table(routine, "suicidrisk-atgard")
    helg = input_labelled(t, "helg")
    rules = [r for a, r in outcomes(t, suicid_situation="svarar", suicid_risk="mattlig")
             if a[helg] == "ja"]
    assert rules and all("framför andra patienter med lägre suicidrisk" in everything(r)
                         for r in rules)


def test_detta_galler_aven_is_a_reading_not_a_fact(routine: Routine) -> None:
    """The glossary quoted the reading as fact; now it quotes the source and the table's
    outcome names the interpretation."""
    term = next(t for t in routine.glossary if t.id == "term-beredskapsjour")
    assert "”Detta gäller även som sista utväg" in term.meaning
    # A reading, whether or not the owner has confirmed it yet (rule
    # interpretation-confirmation says how a confirmation is recorded).
    assert any(i.id == "tolkning-detta-galler-aven" for i in routine.interpretations)


# --------------------------------------------------------------------------- medium


def test_after_hours_chat_at_a_vardcentral_keeps_the_automatic_referral(
    routine: Routine,
) -> None:
    t = table(routine, "chatt-efter-stangning")
    for _answers, rule in outcomes(t):
        shown = everything(rule)
        if "vårdcentral" in shown.lower():
            assert "1177" in shown and "112" in shown, rule.id


def _warnings(c: Checklist) -> str:
    return " ".join(w.text for w in c.warnings)


def test_protected_identity_limits_stand_where_a_child_is_booked(routine: Routine) -> None:
    _, child = find_checklist("barn-under-13-med-ombud")
    assert "skyddade personuppgifter" in _warnings(child)
    assert any("Vårdnadshavare som har skyddade personuppgifter" in q
               for w in child.warnings for q in w.quotes)


def test_sms_names_the_unit_where_a_video_visit_is_booked(routine: Routine) -> None:
    _, booking = find_checklist("boka-videobesok-i-cosmic")
    assert any("framgår det vilken vårdenhet" in q for w in booking.warnings for q in w.quotes)


def test_creating_a_child_manually_is_a_recommendation(routine: Routine) -> None:
    _, child = find_checklist("barn-under-13-med-ombud")
    step = next(s for s in child.steps if s.id == "barn-skapa-manuellt")
    assert not step.critical
    assert "rekommenderas" in step.text.lower()


def test_primary_contact_rule_keeps_chose_to_share(routine: Routine) -> None:
    """"… och har valt att dela sina kontaktuppgifter väljs den som systemet först får
    tillbaka …": the rule that picks the first guardian the system returns applies only
    when the guardians chose to share, and says so."""
    t = table(routine, "primar-kontaktperson")
    share = input_labelled(t, "dela")
    first = [r for r in t.rules if "först får tillbaka" in r.then.outcome
             and not r.then.not_stated]
    assert first
    for rule in first:
        assert share in rule.when, rule.id
        labels = [next(q for q in t.inputs if q.id == share).label_of(v)
                  for v in rule.when[share]]
        assert all(label.lower().startswith("ja") for label in labels), labels
        assert "valt att dela sina kontaktuppgifter" in everything(rule)


def test_ending_a_shift_checks_ongoing_visits_first_as_an_interpretation(
    routine: Routine,
) -> None:
    _, shift = find_checklist("avsluta-arbetspass")
    first = shift.steps[0]
    assert first.id == "arbetspass-kontrollera-pagaende"
    assert first.interpretations
    assert first.interpretations[0] in {i.id for i in routine.interpretations}


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("table_id", [
    "suicidrisk-atgard", "primar-kontaktperson", "skyddade-personuppgifter",
    "chatt-registrering", "formular-dokumentation", "chatt-efter-stangning",
])
def test_every_combination_rests_on_quotes(routine: Routine, table_id: str) -> None:
    """Every combination of answers leads to an outcome that quotes the source, and every
    action quotes it too; "Anges ej i rutinen" quotes what the source says nearby."""
    t = table(routine, table_id)
    combos = list(outcomes(t))
    assert len(combos) == len(list(decide.combinations(t)))
    for answers, rule in combos:
        assert rule.then.quotes, (answers, rule.id)
        assert all(a.quotes for a in rule.then.actions), (answers, rule.id)
        if rule.then.not_stated:
            assert "anges ej i rutinen" in rule.then.outcome.lower(), rule.id
