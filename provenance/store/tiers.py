"""The band and passage index in two tiers, and the queries over both (both backends).

Ingest appends a new document's index rows to ``pending_keys``; ``match`` files them
(:meth:`IndexTiers.flush_index`).  Filing them straight into the large ``bands`` and
``passages`` B-trees cost a write of nearly every page of both at every cron run once
the store is large: a 1,000-document increment's 185,000 rows, sorted, still land on
as many different leaf pages of a 1,000,000-document index (3 GB), and the flush was
most of the increment's 22 s.

So the index has a second, small tier, ``recent_bands`` and ``recent_passages`` (the
same layout).  A flush files the pending rows into the recent tier, whose pages are
few; once the recent tier would hold at least :data:`MERGE_SHARE` of the rows of the
main one, the flush instead files the pending rows and the recent tier together into
the main tables (sorted inserts) and empties the recent tier.  Each main page is then
rewritten once per 1/:data:`MERGE_SHARE` growth of the store, not once per run; a
store built in one go (the main tier empty, or the pending rows at least that share)
files straight into the main tables as before.  Queries read both tiers.

The row counts the policy needs are kept in ``meta`` (``index_rows``,
``recent_index_rows``); a store without them (made before schema 7) counts its main
tier once.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

#: ``pending_keys.band`` of a passage key (band numbers are 0 and up).
PASSAGE = -1
#: The recent tier is merged into the main one when it would hold this share of the
#: main tier's rows.  With increments of ``i`` rows into a main tier of ``m``, a run
#: rewrites about ``MERGE_SHARE * m / 2`` recent rows on average and a merge every
#: ``MERGE_SHARE * m / i`` runs rewrites ``m``: the sum is least near
#: ``sqrt(2 i / m)``, 1/22 for 1,000 new documents a night into 1,000,000.
MERGE_SHARE = 1 / 16
#: The two tiers' tables: (bands, passages).
MAIN = ("bands", "passages")
RECENT = ("recent_bands", "recent_passages")


def index_tables(key: str, doc_id: str, suffix: str = "") -> str:
    """The DDL of both tiers' band and passage tables, with a backend's column types
    for keys and document ids and its table ``suffix`` (SQLite's ``WITHOUT ROWID``)."""
    return "".join(
        f"CREATE TABLE IF NOT EXISTS {bands}(band INTEGER NOT NULL, key {key} NOT NULL,"
        f" doc_id {doc_id} NOT NULL, PRIMARY KEY(band, key, doc_id)){suffix};\n"
        f"CREATE TABLE IF NOT EXISTS {passages}(key {key} NOT NULL, doc_id {doc_id} NOT NULL,"
        f" PRIMARY KEY(key, doc_id)){suffix};\n"
        for bands, passages in (MAIN, RECENT)
    )


class IndexTiers:
    """The index tables' part of :class:`~provenance.store.sql.SQLStore`."""

    #: SQL giving a one-column table of the keys passed as one parameter.
    KEYS_TABLE: str

    if TYPE_CHECKING:  # what the store this is part of provides

        def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

        def _run(self, sql: str, args: Sequence[Any] = ()) -> None: ...

        def _keys_arg(self, keys: Sequence[int]) -> Any: ...

        def transaction(self) -> AbstractContextManager[None]: ...

    # -- filing -----------------------------------------------------------------
    def flush_index(self) -> int:
        """File the pending index rows of new documents into the index (the recent tier,
        or both tiers into the main one: see the module's docstring), each table in one
        insert sorted by key, in one transaction; returns how many rows were filed.
        ``match`` calls it first: until then new documents are stored but neither
        candidates nor matched (:meth:`unmatched_ids` skips them).  Only rows up to the
        highest document id seen at the start are filed and deleted, so rows an ingest
        commits meanwhile wait for the next call rather than being lost."""
        with self.transaction():
            [(horizon, n)] = self._rows("SELECT MAX(doc_id), COUNT(*) FROM pending_keys")
            if not n:
                return 0
            main, recent = self._tier_rows()
            merge = recent + int(n) >= MERGE_SHARE * main
            self._file_pending(int(horizon), int(n), MAIN if merge else RECENT)
            if merge:
                if recent:
                    self._merge_recent()
                self._set_tier_rows(main + recent + int(n), 0)
            else:
                self._set_tier_rows(main, recent + int(n))
        return int(n)

    def _file_pending(self, horizon: int, count: int, into: tuple[str, str]) -> None:
        """Inside :meth:`flush_index`: file the pending rows up to ``horizon`` (about
        ``count`` of them) into the tables ``into``, sorted, and delete them."""
        self._insert_index_rows("pending_keys", into, "doc_id <= ?", (horizon,))
        self._delete_filed(horizon)

    def _insert_index_rows(
        self,
        source: str,
        into: tuple[str, str],
        where: str = "",
        args: Sequence[Any] = (),
        *,
        ordered: bool = True,
    ) -> None:
        """Copy the rows of ``source`` (``band, key, doc_id``, passages as band
        :data:`PASSAGE`) matching ``where`` into the band and passage tables ``into``,
        each in key order (``ordered=False``: ``source`` is read in key order already)."""
        cond = f" AND {where}" if where else ""
        by = " ORDER BY band, key, doc_id" if ordered else ""
        self._run(
            f"INSERT INTO {into[0]}(band, key, doc_id) SELECT band, key, doc_id FROM"
            f" {source} WHERE band != {PASSAGE}{cond}{by} ON CONFLICT DO NOTHING",
            args,
        )
        self._run(
            f"INSERT INTO {into[1]}(key, doc_id) SELECT key, doc_id FROM {source}"
            f" WHERE band = {PASSAGE}{cond}{by} ON CONFLICT DO NOTHING",
            args,
        )

    def _delete_filed(self, horizon: int) -> None:
        """Inside :meth:`flush_index`: delete the pending rows up to ``horizon``, filed."""
        self._run("DELETE FROM pending_keys WHERE doc_id <= ?", (horizon,))

    def _merge_recent(self) -> None:
        """Inside :meth:`flush_index`: move the recent tier into the main one, sorted."""
        for recent, main, columns in (
            (RECENT[0], MAIN[0], "band, key, doc_id"),
            (RECENT[1], MAIN[1], "key, doc_id"),
        ):
            self._run(
                f"INSERT INTO {main}({columns}) SELECT {columns} FROM {recent}"
                f" ORDER BY {columns} ON CONFLICT DO NOTHING"
            )
        self._empty_recent()

    def _empty_recent(self) -> None:
        self._run(f"DELETE FROM {RECENT[0]}")
        self._run(f"DELETE FROM {RECENT[1]}")

    def _tier_rows(self) -> tuple[int, int]:
        """Rows in the main and the recent tier, as ``meta`` keeps them (counted once
        in a store that has no count yet)."""
        found = dict(
            self._rows(
                "SELECT key, value FROM meta WHERE key IN ('index_rows', 'recent_index_rows')"
            )
        )
        if "index_rows" in found and "recent_index_rows" in found:
            return int(found["index_rows"]), int(found["recent_index_rows"])
        [(main,)] = self._rows(
            f"SELECT (SELECT COUNT(*) FROM {MAIN[0]}) + (SELECT COUNT(*) FROM {MAIN[1]})"
        )
        [(recent,)] = self._rows(
            f"SELECT (SELECT COUNT(*) FROM {RECENT[0]}) + (SELECT COUNT(*) FROM {RECENT[1]})"
        )
        return int(main), int(recent)

    def _set_tier_rows(self, main: int, recent: int) -> None:
        for key, value in (("index_rows", main), ("recent_index_rows", recent)):
            self._run(
                "INSERT INTO meta(key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )

    # -- queries over both tiers -------------------------------------------------
    def _tiers(self) -> tuple[tuple[str, str], ...]:
        """The tiers a query reads: the main one alone while the recent one is empty.

        Safe however other processes file meanwhile: a document is matched only once
        its rows and all lower ids' are filed (ids are taken in commit order), so rows
        filed into the recent tier later are of higher ids, never its candidates; and
        rows only ever move from the recent tier to the main one."""
        found = self._rows("SELECT value FROM meta WHERE key = 'recent_index_rows'")
        return (MAIN,) if found and str(found[0][0]) == "0" else (MAIN, RECENT)

    def band_candidates(self, doc_id: int, keys: Sequence[tuple[int, int]]) -> dict[int, int]:
        if not keys:
            return {}
        tiers = self._tiers()
        values = ",".join("(?,?)" for _ in keys)
        args: list[Any] = [x for pair in keys for x in pair]
        hits = " UNION ALL ".join(
            f"SELECT b.doc_id FROM q JOIN {bands} b ON b.band = q.band AND b.key = q.key"
            " WHERE b.doc_id < ?"
            for bands, _ in tiers
        )
        rows = self._rows(
            f"WITH q(band, key) AS (VALUES {values}), hits(doc_id) AS ({hits})"
            " SELECT h.doc_id, COUNT(*) FROM hits h JOIN documents d ON d.id = h.doc_id"
            " WHERE d.url != (SELECT url FROM documents WHERE id = ?)"
            " GROUP BY h.doc_id",
            [*args, *[doc_id] * len(tiers), doc_id],
        )
        return {int(d): int(n) for d, n in rows}

    def passage_candidates(
        self, doc_id: int, keys: Sequence[int], max_postings: int
    ) -> dict[int, int]:
        if not keys:
            return {}
        tiers = self._tiers()
        # Each key is first counted, reading at most max_postings + 1 postings of each
        # tier, so a boilerplate key costs a bounded scan however many documents hold
        # it; only the keys that pass are joined.
        held = _postings_held(tiers)
        hits = " UNION ALL ".join(
            f"SELECT p.doc_id FROM q JOIN {table} p ON p.key = q.key WHERE p.doc_id < ?"
            for _, table in tiers
        )
        rows = self._rows(
            f"WITH asked(key) AS ({self.KEYS_TABLE}),"
            f" q(key) AS (SELECT a.key FROM asked a WHERE {held} <= ?),"
            f" hits(doc_id) AS ({hits})"
            " SELECT h.doc_id, COUNT(*) FROM hits h JOIN documents d ON d.id = h.doc_id"
            " WHERE d.url != (SELECT url FROM documents WHERE id = ?) GROUP BY h.doc_id",
            (
                self._keys_arg(keys),
                *[max_postings + 1] * len(tiers),
                max_postings,
                *[doc_id] * len(tiers),
                doc_id,
            ),
        )
        return {int(d): int(n) for d, n in rows}

    def index_candidates(
        self,
        doc_id: int,
        band_keys: Sequence[tuple[int, int]],
        passage_keys: Sequence[int],
        max_postings: int,
    ) -> tuple[dict[int, int], dict[int, int]]:
        return (
            self.band_candidates(doc_id, band_keys),
            self.passage_candidates(doc_id, passage_keys, max_postings),
        )

    def site_passage_keys(self, domain: str, keys: Sequence[int], min_documents: int) -> set[int]:
        """Which of ``keys`` are held by at least ``min_documents`` documents of the site
        ``domain`` (a domain key): the passages that site repeats on its pages."""
        if not keys or not domain:
            return set()
        tiers = self._tiers()
        # Each key's count stops at min_documents in each tier: a site's footer held by
        # every one of its pages costs a bounded scan.  A key held by fewer documents in
        # all (most keys of a text) is dismissed on the passage index alone, before any
        # document row is read for its site.
        held = _postings_held(tiers)
        on_site = " + ".join(
            f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} p JOIN documents d"
            " ON d.id = p.doc_id WHERE p.key = a.key AND d.domain_key = ? LIMIT ?) AS n)"
            for _, table in tiers
        )
        rows = self._rows(
            f"WITH asked(key) AS ({self.KEYS_TABLE})"
            f" SELECT a.key FROM asked a WHERE {held} >= ? AND {on_site} >= ?",
            (
                self._keys_arg(keys),
                *[min_documents] * len(tiers),
                min_documents,
                *[domain, min_documents] * len(tiers),
                min_documents,
            ),
        )
        return {int(r[0]) for r in rows}

    def held_passage_keys(self, keys: Sequence[int], doc_ids: Sequence[int]) -> dict[int, set[int]]:
        """Which of ``keys`` each of ``doc_ids`` holds (one seek per key and document)."""
        out: dict[int, set[int]] = {}
        if not keys or not doc_ids:
            return out
        tiers = self._tiers()
        ids = sorted(set(doc_ids))
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            marks = ",".join("?" * len(chunk))
            hits = " UNION ALL ".join(
                f"SELECT p.doc_id, p.key FROM asked a JOIN {table} p"
                f" ON p.key = a.key AND p.doc_id IN ({marks})"
                for _, table in tiers
            )
            rows = self._rows(
                f"WITH asked(key) AS ({self.KEYS_TABLE}) {hits}",
                (self._keys_arg(keys), *chunk * len(tiers)),
            )
            for doc_id, key in rows:
                out.setdefault(int(doc_id), set()).add(int(key))
        return out


def _postings_held(tiers: tuple[tuple[str, str], ...]) -> str:
    """SQL of how many documents hold the key ``a.key`` in the passage tables of
    ``tiers``, each tier's count read up to a limit (one ``?`` per tier)."""
    return " + ".join(
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} c WHERE c.key = a.key LIMIT ?) AS n)"
        for _, table in tiers
    )


#: Document ids per ``IN (...)`` list (the keys are one parameter).
_ID_CHUNK = 400

__all__ = ["MAIN", "MERGE_SHARE", "PASSAGE", "RECENT", "IndexTiers", "index_tables"]
