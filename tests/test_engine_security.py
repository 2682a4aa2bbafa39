"""No other user of the machine reaches the engine's local Dask cluster: a process of another
uid that tries its scheduler, workers and nannies (as Dask's own client, over plain TCP and
over TLS with a certificate of its own) and their HTTP servers runs no code and reads
nothing; an existing cluster is reached over TLS with the certificates of Dask's
configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import dask
import pytest

from analysis import engine
from tests.conftest import loopback_cluster

if TYPE_CHECKING:
    from distributed import Client

#: The uid and gid the probe runs as ("nobody").
OTHER = 65534

#: Another user's attempts, printed as JSON: one row per attempt, its outcome "answered"
#: (the cluster ran its code or told it something) or "refused". Everything the attempts need
#: is imported before the process gives up root (the interpreter's own files may be closed to
#: other users).
PROBE = r"""
import asyncio, json, os, ssl, sys, urllib.error, urllib.request
from distributed import Client
from distributed.comm import connect
from distributed.security import Security

other, scheduler, servers, pages = int(sys.argv[1]), sys.argv[2], sys.argv[3:5], sys.argv[5:]
own = Security.temporary()
os.setgroups([])
os.setgid(other)
os.setuid(other)
rows = [{"how": "uid", "address": "", "outcome": "", "result": os.getuid()}]


def attempt(how, address, action):
    try:
        result = action()
    except Exception as error:
        rows.append({"how": how, "address": address, "outcome": "refused",
                     "result": f"{type(error).__name__}: {error}"[:300]})
    else:
        rows.append({"how": how, "address": address, "outcome": "answered",
                     "result": repr(result)[:300]})


def run_code(address, security):
    with Client(address, security=security, timeout=5, set_as_default=False) as client:
        return client.submit(os.getuid, pure=False).result(timeout=10)


def lax(security):  # the connection arguments of security, not checking the server
    args = security.get_connection_args("client")
    args["ssl_context"].check_hostname = False
    args["ssl_context"].verify_mode = ssl.CERT_NONE
    return args


async def identity(address, args):
    comm = await connect(address, timeout=5, **args)
    try:
        await comm.write({"op": "identity"})
        return await comm.read()
    finally:
        comm.abort()


def page(port):
    answers = []
    for path in ("/health", "/json/identity.json", "/info/main/workers.html", "/metrics"):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as got:
                answers.append((path, got.status))
        except urllib.error.HTTPError:
            continue
    if not answers:
        raise LookupError("no page")
    return answers


def as_tcp(address):
    return "tcp://" + address.split("://", 1)[1]


for address in {scheduler, as_tcp(scheduler)}:
    attempt("client", address, lambda: run_code(address, None))
attempt("client, own certificate", scheduler, lambda: run_code(scheduler, own))
for server in [scheduler, *servers]:
    for address in {server, as_tcp(server)}:
        attempt("comm", address, lambda: asyncio.run(identity(address, {})))
    args = own.get_connection_args("client")
    attempt("comm, own certificate", server, lambda: asyncio.run(identity(server, args)))
    args = lax(own)
    attempt("comm, own certificate, lax", server, lambda: asyncio.run(identity(server, args)))
for port in pages:
    attempt("http", port, lambda: page(port))
print(json.dumps(rows))
"""


def probe_as_other_user(scheduler: str, servers: list[str], pages: list[int]) -> list[dict]:
    """The attempts of :data:`PROBE` as uid :data:`OTHER` on ``scheduler``, two further
    ``servers`` (a worker and a nanny) and the HTTP servers on ``pages`` (ports); the first
    row holds the uid the attempts ran as."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(OTHER), scheduler, *servers, *map(str, pages)],
        cwd="/",
        env={"PATH": os.environ.get("PATH", ""), "HOME": "/nonexistent"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows: list[dict] = json.loads(done.stdout)
    assert rows[0]["result"] == OTHER
    return rows[1:]


def every_address(client: Client) -> tuple[str, list[str], list[int]]:
    """The scheduler's address, the addresses of one worker and its nanny, and the ports of
    the scheduler's and that worker's HTTP servers."""
    info = client.scheduler_info()
    worker, about = next(iter(info["workers"].items()))
    pages = [info["services"]["dashboard"], about["services"]["dashboard"]]
    return info["address"], [worker, about["nanny"]], pages


@pytest.fixture
def as_root() -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("the probe changes to another uid (65534), which only root may do")


@pytest.fixture
def local_cluster() -> Iterator[Client]:
    """The engine's own local cluster of two workers, stopped after the test."""
    made = engine.client(workers=2)
    assert made is not None
    try:
        yield made
    finally:
        engine.stop()


@pytest.mark.usefixtures("as_root")
def test_the_probe_runs_code_on_an_open_cluster() -> None:
    """The probe's control: on a Dask cluster without security it does run code as the
    cluster's user (0), so the test below fails on the engine's cluster of before."""
    from distributed import Client

    with (
        loopback_cluster(1) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        scheduler, servers, pages = every_address(client)
        rows = probe_as_other_user(scheduler, servers, pages)
    ran = [row for row in rows if row["how"] == "client" and row["outcome"] == "answered"]
    assert ran and ran[0]["result"] == "0"


@pytest.mark.usefixtures("as_root")
def test_another_user_cannot_reach_the_local_cluster(local_cluster: Client) -> None:
    """The engine's cluster, on loopback, refuses every attempt of another uid (the cluster
    of before ran the probe's code as root), and still runs this process's work."""
    scheduler, servers, pages = every_address(local_cluster)
    hosts = {address.split("://")[1].rsplit(":", 1)[0] for address in [scheduler, *servers]}
    assert hosts == {"127.0.0.1"}
    rows = probe_as_other_user(scheduler, servers, pages)
    answered = [row for row in rows if row["outcome"] != "refused"]
    assert not answered, json.dumps(rows, indent=1)
    assert len(rows) == 17  # 3 tries of the client, 4 of each of 3 servers, 2 HTTP servers
    assert local_cluster.submit(os.getuid, pure=False).result() == 0


def test_an_existing_cluster_is_reached_with_the_tls_files_of_dask_config(
    tmp_path: Path,
) -> None:
    """A ``tls://`` scheduler given to the engine is reached with the certificate and key
    named in Dask's configuration, and the parts run on its workers."""
    from distributed.security import Security

    made = Security.temporary()
    files = {"ca-file": made.tls_ca_file, "cert": made.tls_client_cert, "key": made.tls_client_key}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with loopback_cluster(2, protocol="tls://", security=made, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tls://")
        tls = {
            "distributed.comm.tls.ca-file": str(tmp_path / "ca-file"),
            "distributed.comm.tls.client.cert": str(tmp_path / "cert"),
            "distributed.comm.tls.client.key": str(tmp_path / "key"),
        }
        try:
            with dask.config.set(tls):
                parts = [[3, 1, 2], [5, 4]]
                assert engine.map_parts(sorted, parts, scheduler=address) == [[1, 2, 3], [4, 5]]
                runner = engine.client(scheduler=address)
                assert runner is not None
                pids = runner.run(os.getpid)
            assert os.getpid() not in pids.values()
        finally:
            engine.stop()


def test_a_tls_scheduler_without_tls_files_in_dask_config_is_refused_by_name() -> None:
    tls = {
        "distributed.comm.tls.ca-file": None,
        "distributed.comm.tls.client.cert": None,
        "distributed.comm.tls.client.key": None,
    }
    with dask.config.set(tls), pytest.raises(ValueError, match=r"distributed\.comm\.tls\.ca-file"):
        engine.client(scheduler="tls://127.0.0.1:8786")
