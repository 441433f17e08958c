"""Quality gate: compare evaluation metrics with floors kept in a committed baseline.

The baseline (``benchmarks/baseline.json``) holds, per evaluation, the floors a
metric may not fall below and a digest of the corpus the floors were set on.
A floor can only be changed by editing that file in a commit, so a change
cannot quietly lower quality; ``tests/test_baseline.py`` also checks that no
floor sits below the project's stated targets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.errors import EvaluationError


@dataclass(frozen=True, slots=True)
class GateResult:
    evaluation: str
    failures: tuple[str, ...]
    #: Set when the corpus differs from the one the floors were set on.
    digest_changed: bool

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluation": self.evaluation,
            "passed": self.passed,
            "failures": list(self.failures),
            "corpus_digest_changed": self.digest_changed,
        }


def corpus_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A stable sha256 over file names (relative to ``root``) and contents."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        name = str(path.relative_to(root)) if root is not None else path.name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{path}: the baseline is not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise EvaluationError(f"{path}: the baseline must be a JSON object keyed by evaluation")
    return data


def lookup(metrics: Mapping[str, Any], dotted: str) -> Any:
    value: Any = metrics
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def check(
    evaluation: str,
    metrics: Mapping[str, Any],
    baseline: Mapping[str, Any],
    digest: str | None = None,
) -> GateResult:
    """Check ``metrics`` (nested dict; floors use dotted keys) against the baseline."""
    entry = baseline.get(evaluation)
    if not isinstance(entry, Mapping):
        raise EvaluationError(
            f"the baseline has no entry for {evaluation!r}; add floors for it to the baseline file"
        )
    failures: list[str] = []
    for key, floor in sorted(entry.get("floors", {}).items()):
        value = lookup(metrics, key)
        if not isinstance(value, int | float):
            failures.append(f"{evaluation}: metric {key} is missing from the results")
        elif value < floor:
            failures.append(f"{evaluation}: {key} = {value:.4f} is below its floor {floor}")
    for key, ceiling in sorted(entry.get("ceilings", {}).items()):
        value = lookup(metrics, key)
        if not isinstance(value, int | float):
            failures.append(f"{evaluation}: metric {key} is missing from the results")
        elif value > ceiling:
            failures.append(f"{evaluation}: {key} = {value:.4f} is above its ceiling {ceiling}")
    expected = entry.get("corpus_digest")
    changed = bool(digest and expected and digest != expected)
    return GateResult(evaluation, tuple(failures), changed)


__all__ = ["GateResult", "check", "corpus_digest", "load_baseline", "lookup"]
