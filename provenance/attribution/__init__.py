"""Attribution stage: credits a page gives to other publishers (stub)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Attribution, Block, Metadata


@dataclass(frozen=True, slots=True)
class AttributionResult:
    attributions: tuple[Attribution, ...]
    #: The input blocks with credit sentences removed (blocks left empty are dropped).
    blocks: tuple[Block, ...]


def find_attributions(
    blocks: Sequence[Block], meta: Metadata, page_url: str | None
) -> AttributionResult:
    return AttributionResult(attributions=(), blocks=tuple(blocks))


__all__ = ["AttributionResult", "find_attributions"]
