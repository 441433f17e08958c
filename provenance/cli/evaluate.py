"""`provenance eval ...`: score the tool on evaluation data, and the CI quality gate."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from provenance.cli._common import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, fail, say
from provenance.errors import ProvenanceError
from provenance.evaluation.gate import GateResult, check, corpus_digest, load_baseline, lookup

#: Our labels of the true origins of the real pages (``eval chains``).
EXPECTED_ORIGINS = Path(__file__).resolve().parents[2] / "benchmarks" / "real_pages_origins.json"
BASELINE_HELP = "Check the results against the floors in this baseline file; exit 1 if below."


def _emit(report: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def _run(
    name: str,
    target: Path,
    evaluate: Callable[[Path], dict[str, Any]],
    digest: str | None,
    baseline: Path | None,
    *,
    summary_only: bool = False,
) -> GateResult | None:
    try:
        report = evaluate(target)
    except ProvenanceError as exc:
        raise fail(exc, EXIT_USAGE) from exc
    if baseline is None:
        _emit(report)
        return None
    try:
        floors = load_baseline(baseline)
        result = check(name, report, floors, digest)
    except ProvenanceError as exc:
        raise fail(exc, EXIT_USAGE) from exc
    if summary_only:
        entry = floors.get(name, {})
        keys = sorted({*entry.get("floors", {}), *entry.get("ceilings", {})})
        _emit({**result.to_dict(), "metrics": {k: lookup(report, k) for k in keys}})
    else:
        _emit({"report": report, "gate": result.to_dict()})
    return result


def _finish(results: list[GateResult | None]) -> None:
    failed = [msg for r in results if r is not None for msg in r.failures]
    for r in results:
        if r is not None and r.digest_changed:
            say(
                f"the {r.evaluation} corpus differs from the one its floors "
                "were set on; review benchmarks/baseline.json",
                "warning",
                label="note",
            )
    for msg in failed:
        say(msg, label="gate")
    raise SystemExit(EXIT_PARTIAL if failed else EXIT_OK)


def _extraction(path: Path) -> dict[str, Any]:
    from provenance.evaluation.extraction import evaluate_extraction

    return evaluate_extraction(path).to_dict()


def _snippets(path: Path) -> dict[str, Any]:
    from provenance.evaluation.extraction import check_snippets

    return check_snippets(path).to_dict()


def _footers(path: Path) -> dict[str, Any]:
    from provenance.evaluation.footers import evaluate_footers

    return evaluate_footers(path).to_dict()


def _generality(path: Path) -> dict[str, Any]:
    from provenance.attribution.general import packaged_model
    from provenance.evaluation.credit_model import generality, training_set

    ts = training_set(path, path.parent / "readability")
    return generality(ts, threshold=packaged_model().threshold).to_dict()


def _chains(folder: Path) -> dict[str, Any]:
    from provenance.evaluation.chains import evaluate_chains

    return evaluate_chains(folder, EXPECTED_ORIGINS).to_dict()


def _pairs(path: Path) -> dict[str, Any]:
    from provenance.evaluation.pairs import evaluate_pairs

    return evaluate_pairs(path).to_dict()


def _digest_dir(path: Path) -> str:
    return corpus_digest((p for p in path.rglob("*") if p.is_file()), root=path)


def _digest_file(path: Path) -> str:
    return corpus_digest([path])


existing_dir = click.Path(exists=True, file_okay=False, path_type=Path)
existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)
baseline_option = click.option("--baseline", type=existing_file, default=None, help=BASELINE_HELP)


@click.group("eval")
def evaluate() -> None:
    """Score extraction, attribution and matching on evaluation data (prints JSON)."""


@evaluate.command("extraction")
@click.argument("directory", type=existing_dir)
@baseline_option
def eval_extraction(directory: Path, baseline: Path | None) -> None:
    """Text and metadata quality on a folder laid out like Readability's test suite.

    DIRECTORY holds one folder per page with source.html, expected.html and
    expected-metadata.json.  Prints per-page scores, worst first, and the means.
    """
    digest = _digest_dir(directory) if baseline else None
    _finish([_run("extraction", directory, _extraction, digest, baseline)])


@evaluate.command("snippets")
@click.argument("directory", type=existing_dir)
@baseline_option
def eval_snippets(directory: Path, baseline: Path | None) -> None:
    """Check trafilatura-style with/without snippets (*.expected.json beside each page)."""
    digest = _digest_dir(directory) if baseline else None
    _finish([_run("snippets", directory, _snippets, digest, baseline)])


@evaluate.command("footers")
@click.argument("file", type=existing_file)
@baseline_option
@click.option(
    "--leave-one-family-out",
    "generality_only",
    is_flag=True,
    help="Measure the general credit reader alone, each family and language held out of "
    "its training (slow: one fit per family).",
)
def eval_footers(file: Path, baseline: Path | None, generality_only: bool) -> None:
    """Attribution precision and recall on labelled footers (JSON Lines)."""
    digest = _digest_file(file) if baseline else None
    if generality_only:
        _finish([_run("footers-generality", file, _generality, digest, baseline)])
    _finish([_run("footers", file, _footers, digest, baseline)])


@evaluate.command("chains")
@click.argument("directory", type=existing_dir)
@click.option(
    "--expect",
    type=existing_file,
    default=None,
    help="True origins per page file (default: benchmarks/real_pages_origins.json).",
)
@baseline_option
def eval_chains(directory: Path, expect: Path | None, baseline: Path | None) -> None:
    """Audit a folder of real pages (INDEX.jsonl gives their URLs) and check that every
    chain ends at the page's true origin, with a report row for every credited page."""
    from provenance.evaluation.chains import evaluate_chains

    labels = expect or EXPECTED_ORIGINS
    digest = _digest_dir(directory) if baseline else None
    _finish(
        [
            _run(
                "chains",
                directory,
                lambda d: evaluate_chains(d, labels).to_dict(),
                digest,
                baseline,
            )
        ]
    )


@evaluate.command("fit-credits")
@click.argument("root", type=existing_dir)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True)
def eval_fit_credits(root: Path, output: Path, threshold: float) -> None:
    """Fit the general credit reader on ROOT/footers.jsonl, our own lines in corpora/credits
    and ROOT/readability's articles, and write its weights (credit_model.json)."""
    from provenance.evaluation.credit_model import fit, training_set, write_model

    try:
        ts = training_set(root / "footers.jsonl", root / "readability")
        model = fit(ts.examples + ts.articles, threshold=threshold)
        write_model(model, output)
    except ProvenanceError as exc:
        raise fail(exc, EXIT_USAGE) from exc
    click.echo(
        f"wrote {output}: {len(ts.examples)} labelled lines, {len(ts.articles)} article lines"
    )


@evaluate.command("pairs")
@click.argument("file", type=existing_file)
@baseline_option
def eval_pairs(file: Path, baseline: Path | None) -> None:
    """Matching precision and recall on groups of copies and independent reports."""
    digest = _digest_file(file) if baseline else None
    _finish([_run("pairs", file, _pairs, digest, baseline)])


@evaluate.command("gate")
@click.argument("root", type=existing_dir)
@click.option(
    "--baseline",
    type=existing_file,
    required=True,
    help="The committed baseline with the floors (benchmarks/baseline.json).",
)
def eval_gate(root: Path, baseline: Path) -> None:
    """Run every evaluation found under ROOT and fail if any falls below its floor.

    ROOT is laid out like the shared real-data folder: readability/, html/,
    footers.jsonl and pairs.jsonl.  Missing parts are skipped with a note.
    """
    plan: list[tuple[str, Path, Callable[[Path], dict[str, Any]], Callable[[Path], str]]] = [
        ("extraction", root / "readability", _extraction, _digest_dir),
        ("snippets", root / "html", _snippets, _digest_dir),
        ("footers", root / "footers.jsonl", _footers, _digest_file),
        ("footers-generality", root / "footers.jsonl", _generality, _digest_file),
        ("chains", root / "html", _chains, _digest_dir),
        ("pairs", root / "pairs.jsonl", _pairs, _digest_file),
    ]
    try:
        floors = load_baseline(baseline)
    except ProvenanceError as exc:
        raise fail(exc, EXIT_USAGE) from exc
    results: list[GateResult | None] = []
    for name, target, evaluate_fn, digest_fn in plan:
        if name not in floors:
            say(f"the baseline has no floors for {name}; skipped", "warning", label="gate")
            continue
        if not target.exists():
            say(f"{target} not found; {name} skipped", "warning", label="gate")
            continue
        results.append(
            _run(name, target, evaluate_fn, digest_fn(target), baseline, summary_only=True)
        )
    _finish(results)
