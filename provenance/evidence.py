"""Small frozen records shared by the matching stages: evidence and findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """One signal behind a decision; ``score`` > 0 supports it, < 0 speaks against it."""

    kind: str
    detail: str
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail, "score": round(self.score, 4)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(str(data["kind"]), str(data.get("detail", "")), float(data.get("score", 0.0)))


@dataclass(frozen=True, slots=True)
class Finding:
    """A conflict worth a person's look (credit names another site, two origins, cycle ...)."""

    kind: str
    detail: str
    doc_id: int | None = None
    other_id: int | None = None
    url: str | None = None
    other_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "detail": self.detail,
            "doc_id": self.doc_id,
            "other_id": self.other_id,
            "url": self.url,
            "other_url": self.other_url,
        }


__all__ = ["Evidence", "Finding"]
