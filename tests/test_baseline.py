"""The committed baseline (benchmarks/baseline.json) never sits below the targets the issues
set.  The gate itself is tested in tests/evaluation/test_gate.py."""

from __future__ import annotations

from provenance.evaluation.gate import load_baseline
from tests.helpers import ROOT

BASELINE = ROOT / "benchmarks" / "baseline.json"

#: The targets stated in the issues; a floor may be stricter, never looser.
TARGET_FLOORS = {
    ("extraction", "mean_f1"): 0.935,
    ("extraction", "metadata_accuracy.title"): 0.85,
    ("extraction", "metadata_accuracy.byline"): 0.85,
    ("extraction", "metadata_accuracy.siteName"): 0.85,
    ("extraction", "metadata_accuracy.publishedTime"): 0.85,
    ("extraction", "metadata_accuracy.lang"): 0.85,
    ("footers", "recall.value"): 0.97,
    ("footers", "site_accuracy.value"): 0.92,
    ("footers", "footer_min_language_recall"): 0.97,
    ("pairs", "recall.verbatim.recall"): 0.95,
    # every page of the suite: ../shared/real/html has 10 with snippets
    ("snippets", "passed"): 10,
    # credits issue: the general layer alone, leave-one-family-out
    ("footers-generality", "leave_one_family_out.recall"): 0.85,
    ("footers-generality", "leave_one_family_out.site_accuracy"): 0.85,
    ("chains", "right"): 22,
}
TARGET_CEILINGS = {
    ("extraction", "below_half_unexplained"): 0,
    ("footers", "negatives_flagged.value"): 0.0,
    ("footers-generality", "negatives_flagged.value"): 0.03,
    ("chains", "wrong"): 0,
    ("pairs", "independent_linked"): 0,
}


def test_floors_meet_the_targets() -> None:
    baseline = load_baseline(BASELINE)
    for (evaluation, key), target in TARGET_FLOORS.items():
        assert baseline[evaluation]["floors"][key] >= target, (evaluation, key)
    for (evaluation, key), target in TARGET_CEILINGS.items():
        assert baseline[evaluation]["ceilings"][key] <= target, (evaluation, key)
