"""Span matching and metrics against hand-computed answers: exact vs overlap, no-leak coverage, aliasing."""

from __future__ import annotations

import pytest

from anonymizer.detect.findings import Finding
from anonymizer.evaluation import DEFAULT_TYPE_MAPPING, GoldSpan, Scores, TypeMapping, f_beta, score_text, score_texts

TEXT = "Call Jane Doe at 415-555-0123 today"
#       0    5   9 13  17           29


def gold(start: int, end: int, entity_type: str, message_id: str = "m1") -> GoldSpan:
    return GoldSpan(message_id=message_id, start=start, end=end, entity_type=entity_type)


def pred(start: int, end: int, entity_type: str, score: float = 0.85, recognizer: str = "test") -> Finding:
    return Finding(start, end, entity_type, score, recognizer)


def scored(text: str, golds: list[GoldSpan], preds: list[Finding], mapping: TypeMapping = DEFAULT_TYPE_MAPPING) -> Scores:
    scores = Scores()
    score_text(("m1", "text"), text, golds, preds, mapping, scores)
    return scores


def test_f2_weighs_recall_twice_as_much_as_precision() -> None:
    assert f_beta(0.5, 1.0) == pytest.approx(2.5 / 3)  # 5PR/(4P+R) = 2.5/3.0
    assert f_beta(1.0, 0.5) == pytest.approx(2.5 / 4.5)
    assert f_beta(0.0, 0.0) == 0.0
    assert f_beta(None, 1.0) is None


def test_partial_span_is_an_overlap_hit_but_an_exact_miss() -> None:
    scores = scored(TEXT, [gold(5, 13, "PERSON")], [pred(5, 9, "PERSON")])
    exact, overlap = scores.total("exact"), scores.total("overlap")
    assert (exact.gold_matched, exact.predicted_matched) == (0, 0)
    assert (overlap.gold_matched, overlap.predicted_matched) == (1, 1)
    assert overlap.precision == overlap.recall == overlap.f2 == 1.0
    assert exact.precision == exact.recall == exact.f2 == 0.0


def test_exact_match_ignores_surrounding_whitespace_only() -> None:
    text = "name:  Jane Doe  ok"
    scores = scored(text, [gold(7, 15, "PERSON")], [pred(6, 17, "PERSON")])
    assert scores.total("exact").gold_matched == 1
    scores = scored(text, [gold(7, 15, "PERSON")], [pred(7, 16, "PERSON"), pred(16, 18, "PERSON")])
    assert scores.total("exact").gold_matched == 1  # "Jane Doe " trims to the gold span
    assert scores.total("exact").predicted_matched == 1


def test_precision_counts_predictions_and_recall_counts_gold_spans() -> None:
    # One long prediction over two gold spans: 1 of 1 prediction right, 2 of 2 gold spans found.
    scores = scored(TEXT, [gold(5, 9, "PERSON"), gold(10, 13, "PERSON")], [pred(5, 13, "PERSON")])
    overlap = scores.total("overlap")
    assert (overlap.predicted, overlap.predicted_matched, overlap.gold, overlap.gold_matched) == (1, 1, 2, 2)
    # Plus a false positive on "today": precision 1/2, recall 2/2, F2 = 5*.5*1/(4*.5+1) = 0.8333.
    scores = scored(TEXT, [gold(5, 9, "PERSON"), gold(10, 13, "PERSON")], [pred(5, 13, "PERSON"), pred(30, 35, "PERSON")])
    overlap = scores.total("overlap")
    assert overlap.precision == 0.5 and overlap.recall == 1.0
    assert overlap.f2 == pytest.approx(2.5 / 3)
    assert [(f.start, f.end) for f in scores.false_positives] == [(30, 35)]
    assert scores.false_positive_recognizers == {"test": 1}


def test_no_leak_needs_every_non_space_character_covered_by_any_type() -> None:
    two_parts = [pred(5, 9, "LOCATION"), pred(10, 13, "USERNAME")]  # the space at 9 is not covered
    scores = scored(TEXT, [gold(5, 13, "PERSON")], two_parts)
    assert scores.no_leak["PERSON"].covered == 1 and scores.no_leak_total().recall == 1.0
    assert scores.total("overlap").gold_matched == 0  # wrong types: no typed hit
    scores = scored(TEXT, [gold(17, 29, "PHONE_NUMBER")], [pred(17, 28, "PHONE_NUMBER")])  # last digit missed
    assert scores.no_leak_total().recall == 0.0
    assert scores.total("overlap").recall == 1.0
    (miss,) = scores.misses
    assert (miss.leaked, miss.chars, miss.predicted_types) == (1, 12, ("PHONE_NUMBER",))


def test_canonical_alias_renames_predicted_types_into_the_gold_vocabulary() -> None:
    text = "account 12345678"
    scores = scored(text, [gold(8, 16, "ACCOUNT_ID")], [pred(8, 16, "US_BANK_NUMBER")])
    assert scores.total("exact").f2 == 1.0
    assert "US_BANK_NUMBER" not in scores.exact and scores.exact["ACCOUNT_ID"].predicted == 1


def test_family_alias_accepts_a_location_for_an_address_but_counts_it_in_its_own_row() -> None:
    text = "ship to 9 Elm St, Springfield"
    scores = scored(text, [gold(8, 29, "STREET_ADDRESS")], [pred(18, 29, "LOCATION")])
    assert scores.overlap["STREET_ADDRESS"].gold_matched == 1
    assert scores.overlap["LOCATION"].predicted_matched == 1
    assert scores.no_leak["STREET_ADDRESS"].covered == 0  # the street part leaks


def test_incompatible_types_are_a_confusion_not_a_hit() -> None:
    text = "user cminh730 here"
    scores = scored(text, [gold(5, 13, "USERNAME")], [pred(5, 13, "PERSON")])
    assert scores.total("overlap").gold_matched == 0 and scores.total("overlap").predicted_matched == 0
    assert scores.any_type.gold_matched == 1 and scores.any_type.predicted_matched == 1
    assert scores.confusions == {("USERNAME", "PERSON"): 1}
    assert scores.false_positives == []  # it touches PII, so it is a wrong type, not a false positive


def test_without_aliases_a_bank_number_is_not_an_account_id() -> None:
    scores = scored("account 12345678", [gold(8, 16, "ACCOUNT_ID")], [pred(8, 16, "US_BANK_NUMBER")], TypeMapping())
    assert scores.total("exact").gold_matched == 0


def test_empty_denominators_are_none_not_zero_or_one() -> None:
    scores = scored("nothing here", [], [])
    assert scores.total("overlap").precision is None and scores.total("overlap").recall is None
    assert scores.no_leak_total().recall is None


def test_texts_without_gold_count_their_predictions_as_false_positives() -> None:
    texts = {("m1", "text"): "Jane", ("m2", "text"): "Thursday"}
    scores = score_texts(
        texts,
        {("m1", "text"): [gold(0, 4, "PERSON")]},
        {("m1", "text"): [pred(0, 4, "PERSON")], ("m2", "text"): [pred(0, 8, "PERSON")]},
        DEFAULT_TYPE_MAPPING,
    )
    assert scores.texts == 2
    assert scores.total("exact").precision == 0.5 and scores.total("exact").recall == 1.0
    report = scores.to_dict()
    assert report["overall"]["exact"]["f2"] == pytest.approx(round(2.5 / 3, 4))  # type: ignore[index]
