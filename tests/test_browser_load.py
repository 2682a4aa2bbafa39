"""Real-browser tests under real use: every page on ../shared/corpus-dev and on one of its
stories with an empty actor registry, an article whose outlet, title and text are hostile
shown inert on every page, and ten people at once on one server. Screenshots and the memory
figures are saved in tests/artifacts/."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import threading
import time
import uuid

import pytest

from tests.conftest import ARTIFACTS, CORPUS_DEV
from tests.test_browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    WAIT,
    _open,
    _pss_mib,
    browser,
    serve,
    server,
)

__all__ = ["browser", "server"]  # the fixtures of tests/test_browser.py, one server here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

#: Every page after the home page: (sidebar link, a heading it shows).
PAGES = [
    ("Overview", "Overview"),
    ("Actors", "Actors"),
    ("Stance", "Stance"),
    ("Voices", "Voices"),
    ("Keywords", "Keywords"),
    ("Spelling", "Spelling"),
    ("Framing", "Framing"),
    ("Article", "Article"),
    ("Export", "Export"),
]
ARTICLES_METRIC = """(n) => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .some(m => m.innerText.includes('Articles') && m.innerText.includes(String(n)))"""


def _corpus_dev_files() -> list[dict[str, object]]:
    if not (CORPUS_DEV / "manifest.csv").exists():
        pytest.skip(f"{CORPUS_DEV} is absent (the shared development corpus)")
    return [
        {"name": path.name, "mimeType": "text/plain", "buffer": path.read_bytes()}
        for path in sorted(CORPUS_DEV.iterdir())
        if path.suffix in {".txt", ".csv"}
    ]


IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-testid="stSpinner"]')"""
#: Pages that draw a chart once their analysis is done.
CHARTED = {"Overview", "Actors", "Stance", "Voices", "Keywords", "Spelling", "Framing"}


def _settled(page, link: str) -> None:  # type: ignore[no-untyped-def]
    """Waits until the page has run to its end (no spinner, no running status) and, on pages
    with charts, until the first chart is drawn."""
    page.wait_for_timeout(1000)
    page.wait_for_function(IDLE, timeout=2 * WAIT)
    if link in CHARTED:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=2 * WAIT)
    page.wait_for_timeout(1000)


def _visit_every_page(page, errors: list[str], prefix: str) -> None:  # type: ignore[no-untyped-def]
    """Follows each sidebar link (the session and its uploads stay), waits for the page and
    checks it shows no exception; a full-page screenshot per page."""
    for link, heading in PAGES:
        page.get_by_role("link", name=link, exact=True).click()
        page.get_by_role("heading", name=heading).first.wait_for(timeout=2 * WAIT)
        _settled(page, link)
        assert page.locator('[data-testid="stException"]').count() == 0, link
        assert "Traceback" not in page.locator("body").inner_text(), link
        page.screenshot(path=str(ARTIFACTS / f"{prefix}-{link.lower()}.png"), full_page=True)
    assert not errors


def test_every_page_on_corpus_dev(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    files = _corpus_dev_files()
    articles = len(files) - 1  # one is the manifest
    page, errors = _open(browser, server)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files)
    page.wait_for_function(ARTICLES_METRIC, arg=articles + 3, timeout=2 * WAIT)
    page.get_by_text("Include the sample articles").click()  # corpus-dev alone
    page.wait_for_function(ARTICLES_METRIC, arg=articles, timeout=2 * WAIT)
    _visit_every_page(page, errors, "corpus-dev")
    page.close()


def test_a_long_analysis_shows_its_stage_and_the_articles_done(browser) -> None:  # type: ignore[no-untyped-def]
    """corpus-dev made new (a line added to each article, so that nothing is in the cache),
    analysed on the server's local Dask cluster (a server that sends every corpus there):
    while it is analysed, the home page shows a progress bar with the stage and the articles
    done; when it is done, the bar is gone."""
    run = uuid.uuid4().hex[:8]
    files = [
        {**file, "buffer": file["buffer"] + f"\n\nFiled for test run {run}.\n".encode()}
        if file["name"] != "manifest.csv"
        else file
        for file in _corpus_dev_files()
    ]
    with serve(before=EVERY_CORPUS_ON_DASK, log_name="streamlit-dask.log") as url:
        _watch_the_progress(browser, url, files)


#: Python run in a server before it starts: every corpus is analysed on the local cluster.
EVERY_CORPUS_ON_DASK = "import analysis.pipeline\nanalysis.pipeline.MIN_PARALLEL_WORDS = 0"


def _watch_the_progress(browser, url: str, files: list[dict[str, object]]) -> None:  # type: ignore[no-untyped-def]
    page, errors = _open(browser, url)
    page.get_by_text("Include the sample articles").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files)
    bar = page.locator(
        '[data-testid="stProgress"]', has_text=re.compile(r"Analysing articles: [\d,]+ of 30")
    )
    bar.wait_for(timeout=2 * WAIT)
    bar.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "progress.png"))
    page.wait_for_function(ARTICLES_METRIC, arg=len(files) - 1, timeout=2 * WAIT)
    _settled(page, "home")
    assert page.locator('[data-testid="stProgress"]').count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors
    page.close()


def _story_files(story: str) -> list[dict[str, object]]:
    """The articles of one story of corpus-dev and their rows of the manifest."""
    if not (CORPUS_DEV / "manifest.csv").exists():
        pytest.skip(f"{CORPUS_DEV} is absent (the shared development corpus)")
    rows = list(csv.DictReader(io.StringIO((CORPUS_DEV / "manifest.csv").read_text())))
    chosen = [row for row in rows if row["story"] == story]
    manifest = io.StringIO()
    writer = csv.DictWriter(manifest, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(chosen)
    return [
        {"name": "manifest.csv", "mimeType": "text/csv", "buffer": manifest.getvalue().encode()},
        *(
            {
                "name": row["file"],
                "mimeType": "text/plain",
                "buffer": (CORPUS_DEV / row["file"]).read_bytes(),
            }
            for row in chosen
        ),
    ]


def test_every_page_on_a_story_with_an_empty_registry(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    """A new user's story: no actor list at all. The trade story's people are found in the
    text, and every page draws."""
    files = _story_files("geneva-trade-talks")
    articles = len(files) - 1
    page, errors = _open(browser, server)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files)
    page.wait_for_function(ARTICLES_METRIC, arg=articles + 3, timeout=2 * WAIT)
    page.get_by_text("Include the sample articles").click()
    page.wait_for_function(ARTICLES_METRIC, arg=articles, timeout=2 * WAIT)
    page.get_by_role("link", name="Actors", exact=True).click()
    page.get_by_role("heading", name="Actors").first.wait_for(timeout=2 * WAIT)
    _settled(page, "Actors")
    empty = {"name": "empty.toml", "mimeType": "application/toml", "buffer": b"# no actors\n"}
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files([empty])
    page.get_by_text("Loaded 0 actors from empty.toml").wait_for(timeout=2 * WAIT)
    _settled(page, "Actors")
    chosen = page.locator('[data-testid="stMultiSelect"]').nth(1).inner_text()
    assert "Scott Bessent" in chosen and "China" in chosen  # the most mentioned actors
    _visit_every_page(page, errors, "empty-registry")
    page.close()


HOSTILE_OUTLET = '<img src=x onerror=alert("outlet")> [Evil](http://x) &amp; Co'
HOSTILE_TITLE = "<script>alert('title')</script> **Bold** &lt;b&gt;"
HOSTILE_TEXT = (
    "Russian President Vladimir Putin said on Sunday that **talks** with [Ukraine](http://x) "
    "could start in Istanbul <script>alert('text')</script>, while Zelenskyy called it an "
    "invasion <img src=x onerror=alert(2)> of his country &amp; &lt;b&gt;. "
) * 4


def _hostile_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["outlet", "title", "published", "text"])
    writer.writerow([HOSTILE_OUTLET, HOSTILE_TITLE, "2025-05-14", HOSTILE_TEXT])
    return out.getvalue().encode()


def test_hostile_outlet_title_and_text_are_inert_on_every_page(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page, errors = _open(browser, server)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        [{"name": "hostile.csv", "mimeType": "text/csv", "buffer": _hostile_csv()}]
    )
    page.wait_for_function(ARTICLES_METRIC, arg=4, timeout=2 * WAIT)
    for link, heading in [("Home", ""), *PAGES]:
        if link != "Home":
            page.get_by_role("link", name=link, exact=True).click()
            page.get_by_role("heading", name=heading).first.wait_for(timeout=2 * WAIT)
            _settled(page, link)
        if link == "Article":
            page.locator('[data-testid="stSelectbox"]').first.click()
            page.get_by_role("option", name="Evil", exact=False).first.click()
            page.locator(".mark-actor").first.wait_for(timeout=2 * WAIT)
            page.wait_for_timeout(1500)
            shown = page.locator("body").inner_text()
            assert HOSTILE_OUTLET in shown and "<script>alert('text')</script>" in shown
            assert "[Ukraine](http://x)" in shown and "**talks**" in shown
        page.wait_for_timeout(2500)
        assert page.locator('a[href="http://x"]').count() == 0, link
        assert page.locator('img[src="x"]').count() == 0, link
        assert page.locator("[onerror]").count() == 0, link
        assert page.locator("script:has-text('alert')").count() == 0, link
        assert page.locator('[data-testid="stException"]').count() == 0, link
        page.screenshot(path=str(ARTIFACTS / f"hostile-{link.lower()}.png"), full_page=True)
    assert not dialogs
    assert not errors
    page.close()


SESSIONS = 10
#: Pages each concurrent session opens after loading its corpus.
SESSION_PAGES = ("Overview", "Actors", "Keywords", "Article")


class _Sampler(threading.Thread):
    """The server's memory (PSS of it and its workers, MiB) every half second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            try:
                self.samples.append(_pss_mib(self.pid))
            except OSError:
                continue


async def _one_session(browser, server: str, number: int, story: str) -> tuple[float, list[str]]:  # type: ignore[no-untyped-def]
    """One person: opens the dashboard, uploads an article of their own, opens four pages.
    Returns the seconds it took and the errors it met."""
    started = time.monotonic()
    context = await browser.new_context(viewport={"width": 1300, "height": 1000})
    context.set_default_timeout(2 * WAIT)
    page = await context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    await page.goto(server)
    await page.get_by_text("What cleaning removed").wait_for(timeout=2 * WAIT)
    text = f"{story} Reader {number} saved this copy on their own machine. " * 3
    await page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        [{"name": f"reader-{number}.txt", "mimeType": "text/plain", "buffer": text.encode()}]
    )
    await page.wait_for_function(ARTICLES_METRIC, arg=4, timeout=2 * WAIT)
    for link in SESSION_PAGES:
        await page.get_by_role("link", name=link, exact=True).click()
        await page.get_by_role("heading", name=link).first.wait_for(timeout=2 * WAIT)
        await page.wait_for_timeout(1000)
        await page.wait_for_function(IDLE, timeout=2 * WAIT)
        if await page.locator('[data-testid="stException"]').count():
            problems.append(f"session {number}: exception on {link}")
    await page.screenshot(path=str(ARTIFACTS / f"concurrent-{number}.png"))
    await context.close()
    return time.monotonic() - started, problems


async def _sessions(server: str, story: str) -> list[tuple[float, list[str]]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        try:
            return await asyncio.gather(
                *(_one_session(chromium, server, n, story) for n in range(SESSIONS))
            )
        finally:
            await chromium.close()


def test_ten_people_at_once_on_one_server(server: str) -> None:
    from tests.test_browser import _PIDS, STORY

    pid = _PIDS[server]
    before = _pss_mib(pid)
    sampler = _Sampler(pid)
    sampler.start()
    started = time.monotonic()
    # a thread of its own: the module's synchronous Playwright holds this thread's event loop
    results: list[tuple[float, list[str]]] = []
    runner = threading.Thread(target=lambda: results.extend(asyncio.run(_sessions(server, STORY))))
    runner.start()
    runner.join()
    assert len(results) == SESSIONS
    wall = time.monotonic() - started
    sampler.done.set()
    sampler.join()
    after = _pss_mib(pid)
    problems = [problem for _, found in results for problem in found]
    seconds = sorted(spent for spent, _ in results)
    peak = max([before, after, *sampler.samples])
    (ARTIFACTS / "concurrency.txt").write_text(
        f"{SESSIONS} sessions, each: home, upload one article, "
        f"{', '.join(SESSION_PAGES)}\n"
        f"wall {wall:.1f} s; per session median {seconds[len(seconds) // 2]:.1f} s, "
        f"slowest {seconds[-1]:.1f} s\n"
        f"server memory (PSS with workers): before {before:.0f} MiB, peak {peak:.0f} MiB, "
        f"after {after:.0f} MiB\n"
        f"errors: {len(problems)}\n"
    )
    assert not problems, problems
