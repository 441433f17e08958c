"""LazyPattern answers as the compiled regex does, and compiles only when first used."""

from __future__ import annotations

import re

from provenance.lazyre import LazyPattern


def test_lazy_pattern_matches_as_re_does() -> None:
    source, flags = r"(?P<w>appeared)\s+first\s+on", re.IGNORECASE
    lazy, eager = LazyPattern(source, flags), re.compile(source, flags)
    text = "The post X Appeared  first on Y. It appeared first on Z."
    assert not lazy.is_compiled
    assert lazy.search(text, 5).span() == eager.search(text, 5).span()  # type: ignore[union-attr]
    assert lazy.is_compiled
    assert lazy.match(text) is None and eager.match(text) is None
    assert lazy.match(text, 11).span() == eager.match(text, 11).span()
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert [m.span() for m in lazy.finditer(text, 0, 30)] == [
        m.span() for m in eager.finditer(text, 0, 30)
    ]
    assert lazy.fullmatch("appeared first on").group("w") == "appeared"
    assert lazy.sub("-", text) == eager.sub("-", text)
    assert lazy.split(text) == eager.split(text)
    assert lazy == LazyPattern(source, flags) and hash(lazy) == hash(LazyPattern(source, flags))
    assert lazy != LazyPattern(source)


def test_loading_the_credit_patterns_compiles_none_of_them() -> None:
    from provenance.attribution.patterns import compiled

    data = compiled.__wrapped__()  # a fresh load, not the process's cached one
    lazy = [rx for t in data.templates for rx in (*t.prefixes, t.middle, *t.suffixes)]
    lazy += [c.anchor for c in data.credits] + [c.site_stop for c in data.credits if c.site_stop]
    assert lazy and not any(rx.is_compiled for rx in lazy)
    # The prefilter still knows each anchor's literals without compiling it.
    assert all(data.anchor_of(c.anchor).regex is c.anchor for c in data.credits)
