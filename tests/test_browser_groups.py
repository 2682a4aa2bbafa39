"""The Groups page in a real browser: corpus-dev (opened as a results folder) grouped by the
countries the corpus proposes, and by a label of an outlets file, with the sentences of a
comparison. Screenshots in tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.outlets import outlets_to_toml
from analysis.results import write_results
from analysis.tables import Analysis
from tests.conftest import ARTIFACTS
from tests.test_browser import CHROMIUM, WAIT, browser, serve  # noqa: F401 - browser: fixture
from tests.test_views_groups import by_story

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def served(
    corpus_dev_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The dashboard with corpus-dev's results folder open (``--results``)."""
    folder = tmp_path_factory.mktemp("groups-browser") / "results"
    write_results(corpus_dev_analysis, folder, settings="made elsewhere", csv=False)
    before = f"import pages._ui.data as d\nd.results_argument = lambda argv: {str(folder)!r}"
    with serve(before=before, log_name="streamlit-groups.log") as url:
        yield url


def _groups_page(chromium, url: str):  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": 1400, "height": 3000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(WAIT)
    page.goto(url + "/Groups")
    page.get_by_role("heading", name="Groups").first.wait_for()
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.wait_for_timeout(1500)
    return page, errors


def _checked(page, errors: list[str], name: str) -> None:  # type: ignore[no-untyped-def]
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_corpus_dev_grouped_by_country_says_which_groups_it_cannot_test(
    served: str,
    browser,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    page, errors = _groups_page(browser, served)
    assert page.get_by_text("These groups are proposals from the corpus").is_visible()
    assert page.get_by_text("Russia (3 outlets, 3 articles)").first.is_visible()
    chart = page.locator(".js-plotly-plot").first
    assert "Differences between groups by country" in chart.inner_text()
    _checked(page, errors, "groups-corpus-dev-country")
    page.close()


def test_corpus_dev_grouped_by_a_label_of_an_outlets_file_opens_its_sentences(
    served: str,
    browser,  # noqa: F811
    corpus_dev: Path,
) -> None:  # type: ignore[no-untyped-def]
    page, errors = _groups_page(browser, served)
    page.get_by_text("Outlets file: country, language, your own groups, aliases").click()
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]').last
    upload.set_input_files(
        files=[
            {
                "name": "outlets.toml",
                "mimeType": "application/toml",
                "buffer": outlets_to_toml(by_story(corpus_dev)).encode("utf-8"),
            }
        ]
    )
    page.get_by_text("Largest differences (q ≤ 0.05)").wait_for()
    page.locator(".js-plotly-plot", has_text="Differences between groups by story").wait_for()
    page.get_by_role("heading", name="The sentences behind a comparison").wait_for()
    _checked(page, errors, "groups-corpus-dev-story")
    page.close()
