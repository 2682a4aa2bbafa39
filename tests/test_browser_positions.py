"""Real-browser test of the positions between actors on the Stance page: PolNeAR dev
articles of the 2016 US election (``../shared/bench/polnear/dev/text/``), a story in which
who attacks whom is the main kind of position, uploaded with a manifest naming each file's
outlet, beside the sample articles. The screenshot is saved in tests/artifacts/."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS, SHARED
from tests.test_browser import CHROMIUM, WAIT, _open, browser, server
from tests.test_browser_load import _settled

__all__ = ["browser", "server"]  # the fixtures of tests/test_browser.py, one server here

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

POLNEAR = SHARED / "bench" / "polnear" / "dev" / "text"
#: Articles of each outlet uploaded (the first ones of each, by file name).
PER_OUTLET = 2
#: The sample articles (and outlets) that stay in the corpus: unticking them on the home page
#: does not last past the next page (the toggle's state goes with it).
SAMPLES = 3
#: Whether the home page's Articles metric is exactly n.
ARTICLES = """(n) => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .some(m => m.innerText.includes('Articles')
        && m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === String(n))"""


def _polnear_files() -> list[dict[str, object]]:
    """The first :data:`PER_OUTLET` articles of each outlet and a manifest naming it (the
    file name's prefix)."""
    if not POLNEAR.is_dir():
        pytest.skip(f"{POLNEAR} is absent (the shared PolNeAR benchmark)")
    chosen: dict[str, list[str]] = {}
    for path in sorted(POLNEAR.glob("*.txt")):
        outlet = path.name.split("_")[0]
        if len(chosen.setdefault(outlet, [])) < PER_OUTLET:
            chosen[outlet].append(path.name)
    manifest = "file,outlet\n" + "".join(
        f"{name},{outlet}\n" for outlet, names in chosen.items() for name in names
    )
    files = [
        {"name": name, "mimeType": "text/plain", "buffer": (POLNEAR / name).read_bytes()}
        for names in chosen.values()
        for name in names
    ]
    return [*files, {"name": "manifest.csv", "mimeType": "text/csv", "buffer": manifest.encode()}]


def test_the_stance_page_draws_who_takes_positions_toward_whom(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    files = _polnear_files()
    page, errors = _open(browser, server)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files)
    page.wait_for_function(ARTICLES, arg=len(files) - 1 + SAMPLES, timeout=2 * WAIT)
    page.get_by_role("link", name="Stance", exact=True).click()
    page.get_by_role("heading", name="Stance").first.wait_for(timeout=2 * WAIT)
    _settled(page, "Stance")
    matrix = page.locator(".js-plotly-plot", has_text="Who takes positions toward whom")
    matrix.wait_for(timeout=2 * WAIT)
    matrix.scroll_into_view_if_needed()
    outlets = len({name.split("_")[0] for name in (str(f["name"]) for f in files[:-1])})
    assert f"({outlets + SAMPLES} outlets together)" in matrix.inner_text()
    assert matrix.locator(".heatmaplayer").count() == 1  # drawn, not the empty figure
    drawn = matrix.inner_text()
    assert "Trump" in drawn and "Clinton" in drawn
    assert page.get_by_text("statements of", exact=False).last.is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors
    page.wait_for_timeout(1000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    matrix.screenshot(path=str(ARTIFACTS / "stance-positions-polnear.png"))
    page.screenshot(path=str(ARTIFACTS / "stance-polnear.png"), full_page=True)
    page.close()
