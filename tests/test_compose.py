"""The services of ``docker-compose.yml`` run as the processes they start: its scheduler, a
worker and the ``analyze`` service's command, on loopback. Docker itself cannot run here (the
machine cannot pull the base image), so what is checked is what the containers run: the
commands, the worker's preload and the command line's ``--scheduler``."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.results import read_manifest
from tests.conftest import ROOT, SEEDS

COMPOSE = ROOT / "docker-compose.yml"
#: How the services name the scheduler inside the compose network.
SCHEDULER = "tcp://scheduler:8786"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _here(command: list[str], port: int) -> list[str]:
    """A service's command run on this machine, on loopback: the scheduler at ``port``, its
    status page on any free port, the programs of this environment."""
    programs = {"dask": str(Path(sys.executable).parent / "dask"), "python": sys.executable}
    replaced = {SCHEDULER: f"tcp://127.0.0.1:{port}", "8786": str(port), ":8787": "127.0.0.1:0"}
    return [programs.get(part, replaced.get(part, part)) for part in command]


@pytest.fixture
def compose_cluster() -> Iterator[str]:
    """The compose file's scheduler and one of its workers, started as it starts them (on
    loopback); stopped after the test."""
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    port = _free_port()
    started = [
        subprocess.Popen(
            [*_here(services[name]["command"], port), "--host", "127.0.0.1"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for name in ("scheduler", "worker")
    ]
    try:
        yield f"tcp://127.0.0.1:{port}"
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


def test_the_compose_services_analyse_the_sample_articles_on_their_cluster(
    compose_cluster: str, tmp_path: Path
) -> None:
    from distributed import Client

    with Client(compose_cluster, timeout=120) as client:
        client.wait_for_workers(1, timeout=180)
        analyze = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]["analyze"]
        port = compose_cluster.rsplit(":", 1)[1]
        command = [*_here(analyze["entrypoint"], int(port)), str(SEEDS)]
        out = tmp_path / "results"
        run = subprocess.run(
            [*command, "--out", str(out), "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert sum(executed.values()) >= 1  # the articles were analysed by the compose worker
    made = read_manifest(out)
    assert made["articles"] == 3 and not made["failed"]
    assert len(pd.read_parquet(out / "mentions")) > 50


def test_the_workers_see_the_results_folder_where_the_analyze_service_writes_it() -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    assert set(services["analyze"]["volumes"]) <= set(services["worker"]["volumes"])
