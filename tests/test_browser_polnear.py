"""A real-browser test on a story nobody tuned for: twelve PolNeAR dev articles (US election
coverage, 2016, six publishers; ``../shared/bench/polnear/dev/text/``) uploaded with a
manifest that names each article's outlet and date, then every page opened. On each page: no
exception, no empty default chart, no name cut off at a chart's edge (every tick label and
title inside its figure, measured on the drawn SVG), no text drawn over another, no sentence
that contradicts the page's own charts, and the sample articles left out stay out. Full-page
screenshots are saved in tests/artifacts/."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, SHARED
from tests.test_browser import CHROMIUM, WAIT, _open, browser, server
from tests.test_browser_load import CHARTED, IDLE, PAGES

__all__ = ["browser", "server"]  # the fixtures of tests/test_browser.py

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

POLNEAR_TEXT = SHARED / "bench" / "polnear" / "dev" / "text"
#: The outlet of each PolNeAR publisher (the prefix of its file names).
OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
}
PER_OUTLET = 2
#: An outlet of the sample articles, which the test leaves out.
SAMPLE_OUTLET = "News Guru"

#: Every Plotly figure of the page: its title, how many traces and values it draws, whether
#: it is on screen, the texts (tick labels, titles, legend entries) that reach past the edge
#: of the figure, where the browser cuts them, and the texts drawn over one another (two
#: texts in the plot, such as cell texts or point labels, or an axis title over a tick label).
FIGURES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
    const svg = gd.querySelector('.main-svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    const shown = !!box && box.width > 0 && box.height > 0;
    const texts = selector => !shown ? [] : [...gd.querySelectorAll(selector)].filter(
        t => t.textContent.trim() && t.getBoundingClientRect().width > 0);
    const cut = texts(
        '.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .gtitle, .legendtext'
    ).filter(t => {
        const r = t.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1
               || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    }).map(t => t.textContent);
    const hit = (a, b) => {
        const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
        return r.left < s.right - 1 && s.left < r.right - 1
               && r.top < s.bottom - 1 && s.top < r.bottom - 1;
    };
    const inside = texts('.cartesianlayer .plot text, .cartesianlayer .overplot text');
    const overlaps = [];
    inside.forEach((a, i) => inside.slice(i + 1).forEach(b => {
        if (hit(a, b)) overlaps.push([a.textContent, b.textContent]);
    }));
    const ticks = texts('.xtick text, .ytick text');
    texts('.g-xtitle text, .g-ytitle text').forEach(a => ticks.forEach(b => {
        if (hit(a, b)) overlaps.push([a.textContent, b.textContent]);
    }));
    const values = (gd.data || []).reduce((n, trace) => n + Math.max(
        (trace.x || []).length, (trace.y || []).length, (trace.z || []).length), 0);
    const title = (gd.layout && gd.layout.title && gd.layout.title.text) || '';
    return {title, traces: (gd.data || []).length, values, shown, cut, overlaps};
})"""


def _polnear_files() -> list[dict[str, object]]:
    """The first :data:`PER_OUTLET` articles of each publisher of :data:`OUTLETS` (by file
    name) and a manifest.csv with their outlet and date (from the file name)."""
    if not POLNEAR_TEXT.is_dir():
        pytest.skip(f"{POLNEAR_TEXT} is absent (PolNeAR in ../shared/bench)")
    chosen: list[Path] = []
    for prefix in OUTLETS:
        chosen += sorted(POLNEAR_TEXT.glob(f"{prefix}_*.txt"))[:PER_OUTLET]
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(["file", "outlet", "published"])
    for path in chosen:
        prefix, date = path.name.split("_")[:2]
        writer.writerow([path.name, OUTLETS[prefix], date])
    return [
        {"name": "manifest.csv", "mimeType": "text/csv", "buffer": manifest.getvalue().encode()},
        *({"name": p.name, "mimeType": "text/plain", "buffer": p.read_bytes()} for p in chosen),
    ]


#: Whether the home page's "Articles" metric shows exactly ``n``.
ARTICLES_ARE = """(n) => [...document.querySelectorAll('[data-testid="stMetric"]')].some(m =>
    m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() === 'Articles'
    && m.querySelector('[data-testid="stMetricValue"]')?.innerText.trim() === String(n))"""

#: Sentences a page must not say while its charts show what they deny: (page, sentence,
#: the start of the title of the chart that would contradict it).
DENIALS = (
    ("Stance", "No actor takes a position on", "Stance toward"),
    ("Voices", "No quotes found", "Who gets a voice"),
    ("Actors", "No actor is mentioned", "Mean sentiment"),
    ("Overview", "No actor is mentioned", "Articles by date"),
)


#: A page done drawing: a chart drawn, or a notice that says why there is none.
DRAWN = """() => document.querySelector('.js-plotly-plot .main-svg')
    || document.querySelector('[data-testid="stAlert"]')"""


def _settled(page, link: str) -> None:  # type: ignore[no-untyped-def]
    """Waits until the page has run to its end and, on pages with charts, has drawn its
    first chart or said why it has none."""
    page.wait_for_timeout(1000)
    page.wait_for_function(IDLE, timeout=2 * WAIT)
    if link in CHARTED:
        page.wait_for_function(DRAWN, timeout=2 * WAIT)
    page.wait_for_timeout(1000)


def _check_page(page, link: str, problems: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Adds to ``problems`` what reads wrong on the page open at ``link``."""
    figures = page.evaluate(FIGURES)
    text = page.locator('[data-testid="stMain"]').inner_text()
    shown = [f for f in figures if f["shown"]]
    if link in CHARTED and shown and not shown[0]["values"]:  # no chart: the page says why
        problems.append(f"{link}: the first chart is empty ({shown[:1]})")
    problems += [f"{link}: cut in “{f['title']}”: {f['cut']}" for f in shown if f["cut"]]
    problems += [
        f"{link}: texts over one another in “{f['title']}”: {f['overlaps'][:3]}"
        for f in shown
        if f["overlaps"]
    ]
    for where, sentence, title in DENIALS:
        drawn = [f for f in figures if f["title"].startswith(title) and f["values"]]
        if where == link and sentence in text and drawn:
            problems.append(f"{link}: says “{sentence}” beside a chart of {drawn[0]['title']}")
    if SAMPLE_OUTLET in text:
        problems.append(f"{link}: the sample articles left out are back")
    if link == "Spelling" and "No other spellings found" in text and "other name" in text:
        problems.append("Spelling: the chart names other spellings the list says are none")


def test_every_page_reads_right_on_polnear_articles(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    files = _polnear_files()
    articles = len(files) - 1
    page, errors = _open(browser, server)
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files)
    page.wait_for_function(ARTICLES_ARE, arg=articles + 3, timeout=2 * WAIT)
    page.wait_for_function(IDLE, timeout=2 * WAIT)
    page.get_by_text("Include the sample articles").click()  # the PolNeAR articles alone
    page.wait_for_function(ARTICLES_ARE, arg=articles, timeout=2 * WAIT)
    page.wait_for_function(IDLE, timeout=2 * WAIT)
    page.get_by_text("Include the sample articles").wait_for(timeout=WAIT)
    assert (
        page.locator('[data-testid="stMetric"]', has_text="Outlets")
        .inner_text()
        .endswith(str(len(OUTLETS)))
    )
    problems: list[str] = []
    for link, heading in PAGES:
        page.get_by_role("link", name=link, exact=True).click()
        page.get_by_role("heading", name=heading).first.wait_for(timeout=2 * WAIT)
        _settled(page, link)
        assert page.locator('[data-testid="stException"]').count() == 0, link
        assert "Traceback" not in page.locator("body").inner_text(), link
        page.screenshot(path=str(ARTIFACTS / f"polnear-{link.lower()}.png"), full_page=True)
        _check_page(page, link, problems)
    assert not errors
    assert not problems, "\n".join(problems)
    page.close()
