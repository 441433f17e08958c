"""A real PostgreSQL server for the store tests: never a mock.

``.ci/run`` installs Debian's ``postgresql`` package when it is missing, starts a
server on 127.0.0.1 in a temporary folder and passes its URL in
``PROVENANCE_TEST_POSTGRES``.  Without that variable, :func:`server` starts one
itself from the installed binaries (as the ``postgres`` user when run as root),
and stops it when the session ends.  Each test gets a database of its own.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_URL = "PROVENANCE_TEST_POSTGRES"
ENV_REQUIRED = "PROVENANCE_REQUIRE_POSTGRES"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def missing_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the postgres extra is missing (pip install -e '.[postgres]')"
    if os.environ.get(ENV_URL) or (_bin("initdb") and _bin("pg_ctl")):
        return None
    return "no PostgreSQL server binaries (.ci/run installs Debian's postgresql package)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server() -> Iterator[str]:
    """The URL of a running server's maintenance database (``postgres``)."""
    if os.environ.get(ENV_URL):
        yield os.environ[ENV_URL]
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    assert initdb and pg_ctl, missing_reason()
    folder = Path(tempfile.mkdtemp(prefix="provenance-pg-"))
    as_root = os.geteuid() == 0
    if as_root:
        shutil.chown(folder, "postgres")
    user = "postgres" if as_root else None
    port = _free_port()
    data = folder / "data"
    try:
        subprocess.run(
            [initdb, "-D", str(data), "-A", "trust", "-U", "provenance", "-E", "UTF8"],
            user=user, check=True, capture_output=True, cwd=folder,
        )  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        subprocess.run(
            [pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-o", options, "-w", "start"],
            user=user, check=True, capture_output=True, cwd=folder,
        )  # fmt: skip
        try:
            yield f"postgresql://provenance@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                user=user, capture_output=True, cwd=folder,
            )  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new empty database on the server; dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
