"""Running the per-article work on Dask: in this process, on a local cluster, or on an
existing one.

:func:`split` cuts a run of items into parts of about equal work; :func:`map_parts` runs a
module-level function on each part and returns the results in order. Where it runs is
chosen by :func:`client`:

- ``scheduler="tls://host:8786"`` (or ``tcp://``): on the workers of an existing Dask
  cluster (every worker needs presslens installed), with the TLS settings of Dask's own
  configuration (see :func:`client`);
- ``workers`` > 1 (the default: every core): on a local Dask cluster of that many worker
  processes, one thread each, started on first use and kept for the life of this process, so
  that each worker loads the spaCy pipeline and the sentiment model once (on its first part
  to analyse: workers that only clean documents never load them). The cluster listens on
  loopback only and speaks TLS with a key and certificate made for it in memory (Dask's
  ``Security.temporary()``): its scheduler, workers and nannies take only connections that
  show that certificate, so no other user of the machine can reach them to run code as this
  process's user. Their HTTP servers (Dask starts them regardless) serve no page;
- ``workers=1``: here, in this process, part after part.

Parts travel with their tasks (not scattered ahead: data scattered to a worker dies with it),
so a worker that dies mid-run has its parts run again on another (Dask's retries); a local
cluster whose workers keep dying leaves the work to this process: the same results, one
core. Like every program that starts worker processes, a script that analyses a large
corpus needs the ``if __name__ == "__main__":`` guard (the workers import the script's main
module).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from distributed import Client

Part = TypeVar("Part")
Result = TypeVar("Result")

#: Parts per worker: more parts even out the work and report progress more often, fewer
#: move less data between processes.
PARTS_PER_WORKER = 4
#: Dask settings of the local cluster (its workers inherit them): no statistical profiler
#: (it samples the stack of the running task every 10 ms: the analysis took 20% more CPU and
#: half as long again on two cores), glibc's own memory trimming, and no pages on the HTTP
#: servers that the scheduler and each worker start whether or not a dashboard is asked for
#: (by default they tell anyone who asks the cluster's workers, tasks and logs).
LOCAL_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.scheduler.http.routes": [],
    "distributed.worker.http.routes": [],
}
#: Seconds between two looks at ``should_stop`` and at the parts done.
POLL_SECONDS = 0.2

LOG = logging.getLogger(__name__)
_lock = threading.Lock()
_clients: dict[str, Client] = {}


class Progress(NamedTuple):
    """How far a run of parts has got: ``done`` of ``total`` items (``unit``: articles,
    documents, or the input's bytes)."""

    stage: str
    done: int
    total: int
    unit: str = "articles"


#: What is told of the progress after each part.
OnProgress = Callable[[Progress], None]


class Stopped(Exception):
    """The work was stopped because ``should_stop`` said so (its requester is gone)."""


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def split(sizes: Sequence[int], count: int) -> list[tuple[int, int]]:
    """``(start, end)`` runs of consecutive positions, at most ``count`` of them, none empty,
    each holding about the same share of the total of ``sizes``."""
    if not sizes:
        return []
    total = sum(sizes) or 1
    cuts, running, part = [0], 0, 1
    for position, size in enumerate(sizes):
        running += size
        if part < count and running >= total * part / count and position + 1 < len(sizes):
            cuts.append(position + 1)
            part += 1
    cuts.append(len(sizes))
    return list(pairwise(cuts))


def client(*, workers: int | None = None, scheduler: str | None = None) -> Client | None:
    """The Dask client that runs the work: connected to ``scheduler`` when it is given; else
    a local cluster of ``workers`` processes (default: every core) when that is more than
    one; else None (the work runs here). Clients are kept for the life of the process, one
    per scheduler address or local worker count.

    The local cluster listens on 127.0.0.1 and speaks only TLS, with a key and a self-signed
    certificate made for it in this process's memory: a connection without that certificate
    (another local user's, a plain ``tcp://`` one) is refused by the scheduler, the workers
    and the nannies alike.

    An existing cluster's TLS settings are Dask's own: with a ``tls://`` address, the client
    presents the files named by ``distributed.comm.tls.ca-file``,
    ``distributed.comm.tls.client.cert`` and ``distributed.comm.tls.client.key`` (in a Dask
    configuration file, or the environment variables ``DASK_DISTRIBUTED__COMM__TLS__CA_FILE``,
    ``DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT`` and ``DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY``).
    A ``tls://`` address without them raises ValueError (before connecting). A ``tcp://``
    scheduler has no authentication: anyone who can reach it runs code on its workers, so
    give one only on a network where that is so by design."""
    if scheduler is None and (workers or default_workers()) <= 1:
        return None
    key = scheduler or f"local:{workers or default_workers()}"
    with _lock:
        known = _clients.get(key)
        if known is not None and known.status == "running":
            return known
        import dask
        from distributed import Client, LocalCluster
        from distributed.security import Security

        if scheduler is not None:
            security = Security()  # Dask's configuration: distributed.comm.tls.*
            if scheduler.startswith("tls://") and not (
                security.tls_ca_file and security.tls_client_cert
            ):
                raise ValueError(
                    f"the scheduler {scheduler} speaks TLS: name its certificate authority and "
                    "this client's certificate and key in Dask's configuration "
                    "(distributed.comm.tls.ca-file, distributed.comm.tls.client.cert, "
                    "distributed.comm.tls.client.key)"
                )
            made = Client(scheduler, security=security, set_as_default=False)
        else:
            with dask.config.set(LOCAL_CONFIG):
                cluster = LocalCluster(
                    n_workers=workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    protocol="tls://",
                    security=Security.temporary(),
                    dashboard_address=None,
                    # the HTTP server the scheduler starts anyway (no pages): on loopback, on
                    # any free port rather than Dask's usual 8787
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    silence_logs=logging.WARNING,
                )
            made = Client(cluster, set_as_default=False)
        _clients[key] = made
        return made


def stop() -> None:
    """Close every client (and the local clusters) this process started; a later call to
    :func:`client` starts afresh."""
    with _lock:
        for made in _clients.values():
            cluster = made.cluster
            made.close()
            if cluster is not None:
                cluster.close()
        _clients.clear()


def _here(
    function: Callable[[Part], Result],
    parts: list[Part],
    report: Callable[[int], None],
    should_stop: Callable[[], bool],
) -> list[Result]:
    results = []
    for position, part in enumerate(parts):
        if should_stop():
            raise Stopped
        results.append(function(part))
        report(position)
    return results


def _on_cluster(
    runner: Client,
    function: Callable[[Part], Result],
    parts: list[Part],
    report: Callable[[int], None],
    should_stop: Callable[[], bool],
) -> list[Result]:
    """The results of ``function`` on the cluster, each fetched as soon as its part is done
    and then released there (a worker holds one part's result at a time, not all of them)."""
    futures = runner.map(function, parts, pure=False)
    waiting = dict(enumerate(futures))
    results: dict[int, Result] = {}
    try:
        while waiting:
            if should_stop():
                raise Stopped
            finished = [position for position, future in waiting.items() if future.done()]
            for position in finished:
                results[position] = waiting.pop(position).result()
                futures[position].release()
                report(position)
            if waiting and not finished:
                time.sleep(POLL_SECONDS)
        return [results[position] for position in range(len(parts))]
    finally:
        runner.cancel(futures)


def map_parts(
    function: Callable[[Part], Result],
    parts: list[Part],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    sizes: Sequence[int] | None = None,
    stage: str = "",
    on_progress: OnProgress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[Result]:
    """``function`` of each of ``parts``, in order, where :func:`client` says (``workers=1``
    or a single part: here). ``function`` must be defined at module level (or be a
    :func:`functools.partial` of one): workers import it by name.

    ``on_progress`` is told a :class:`Progress` of ``stage`` before the first part and after
    each part, counting ``sizes`` (the items in each part; one per part by default). When
    ``should_stop()`` turns true (it is asked every :data:`POLL_SECONDS` and between parts),
    the parts not done are cancelled and :class:`Stopped` is raised."""
    counts = list(sizes) if sizes is not None else [1] * len(parts)
    total, done = sum(counts), [0]

    def report(position: int) -> None:
        done[0] += counts[position]
        if on_progress is not None:
            on_progress(Progress(stage, done[0], total))

    if on_progress is not None:
        on_progress(Progress(stage, 0, total))
    runner = None if len(parts) <= 1 else client(workers=workers, scheduler=scheduler)
    if runner is None:
        return _here(function, parts, report, should_stop)
    from distributed.scheduler import KilledWorker

    try:
        return _on_cluster(runner, function, parts, report, should_stop)
    except KilledWorker:
        if scheduler is not None:
            raise
        LOG.warning("the local workers kept dying; running the parts in this process")
        done[0] = 0
        stop()
        return _here(function, parts, report, should_stop)


class Engine(NamedTuple):
    """Where parts of a corpus are worked on and who hears of it, the one way these
    settings travel: ``workers`` local processes (None: every core) or the cluster at
    ``scheduler``; ``on_progress`` told after each part; ``should_stop`` asked between
    parts (see :func:`map_parts`)."""

    workers: int | None = None
    scheduler: str | None = None
    on_progress: OnProgress | None = None
    should_stop: Callable[[], bool] = lambda: False

    def map(
        self,
        function: Callable[[Part], Result],
        parts: list[Part],
        *,
        sizes: Sequence[int] | None = None,
        stage: str = "",
    ) -> list[Result]:
        """:func:`map_parts` of ``function`` over ``parts`` on this engine."""
        return map_parts(
            function,
            parts,
            workers=self.workers,
            scheduler=self.scheduler,
            sizes=sizes,
            stage=stage,
            on_progress=self.on_progress,
            should_stop=self.should_stop,
        )


#: Every core of this machine, no progress told, never stopped.
DEFAULT_ENGINE = Engine()
