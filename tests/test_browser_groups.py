"""The Groups page in a real browser: corpus-dev (opened as a results folder) grouped by the
countries the corpus proposes, and by a label of an outlets file, with the sentences of a
comparison; and fourteen PolNeAR dev articles (seven US publishers, 2016) grouped by labels of
an outlets file, opening the sentences of a tested comparison. Screenshots in
tests/artifacts/."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.corpus import load_corpus
from analysis.outlets import outlets_to_toml
from analysis.pipeline import analyse
from analysis.results import write_results
from analysis.tables import Analysis
from tests.conftest import ARTIFACTS
from tests.test_browser import CHROMIUM, WAIT, browser, serve  # noqa: F401 - browser: fixture
from tests.test_browser_polnear import POLNEAR_TEXT
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


#: Each PolNeAR publisher (the prefix of its file names), its outlet and the labels a user
#: gives it: how it is published and its lean (as AllSides rates it).
POLNEAR_OUTLETS = {
    "breitbart": ("Breitbart", "online", "right"),
    "huff-post": ("HuffPost", "online", "left"),
    "nyt": ("The New York Times", "newspaper", "left"),
    "politico": ("Politico", "online", "left"),
    "usa-today": ("USA Today", "newspaper", "centre"),
    "wash-post": ("The Washington Post", "newspaper", "left"),
    "west-journal": ("The Western Journal", "online", "right"),
}
#: Articles taken of each publisher (the first by file name).
PER_OUTLET = 2


def polnear_outlets_toml() -> str:
    """The outlets file of :data:`POLNEAR_OUTLETS`: two groupings of the user's."""
    return "".join(
        f'[[outlet]]\nname = "{name}"\n[outlet.groups]\nmedium = "{medium}"\nlean = "{lean}"\n'
        for name, medium, lean in POLNEAR_OUTLETS.values()
    )


@pytest.fixture(scope="module")
def polnear_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard with the results folder of :data:`PER_OUTLET` PolNeAR dev articles of
    each publisher open, their outlets and dates from a manifest."""
    if not POLNEAR_TEXT.is_dir():
        pytest.skip(f"{POLNEAR_TEXT} is absent (PolNeAR in ../shared/bench)")
    texts = tmp_path_factory.mktemp("polnear-groups") / "texts"
    texts.mkdir()
    with (texts / "manifest.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "published"])
        for prefix, (outlet, _, _) in POLNEAR_OUTLETS.items():
            for path in sorted(POLNEAR_TEXT.glob(f"{prefix}_*.txt"))[:PER_OUTLET]:
                shutil.copy(path, texts / path.name)
                writer.writerow([path.name, outlet, path.name.split("_")[1]])
    folder = texts.parent / "results"
    write_results(analyse(load_corpus([texts])), folder, settings="made here", csv=False)
    before = f"import pages._ui.data as d\nd.results_argument = lambda argv: {str(folder)!r}"
    with serve(before=before, log_name="streamlit-groups-polnear.log") as url:
        yield url


#: In a chart: how many of its y tick labels are drawn, and how many distinct (panel, name)
#: rows its traces chart.
NAMED = """gd => [
    [...gd.querySelectorAll('.yaxislayer-above text')].filter(t => t.textContent.trim()).length,
    gd.data.reduce((n, trace) => n + new Set(trace.y).size, 0)]"""


def _upload_outlets(page, toml: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text("Outlets file: country, language, your own groups, aliases").click()
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]').last
    upload.set_input_files(
        files=[{"name": "outlets.toml", "mimeType": "application/toml", "buffer": toml.encode()}]
    )


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
    _upload_outlets(page, outlets_to_toml(by_story(corpus_dev)))
    page.get_by_text("Largest differences (q ≤ 0.05)").wait_for()
    page.locator(".js-plotly-plot", has_text="Differences between groups by story").wait_for()
    page.get_by_role("heading", name="The sentences behind a comparison").wait_for()
    _checked(page, errors, "groups-corpus-dev-story")
    page.close()


def test_polnear_grouped_by_labels_of_an_outlets_file_opens_a_comparisons_sentences(
    polnear_served: str,
    browser,  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    """Grouped by the first label of the file (medium: 4 online outlets, 8 articles, against
    3 newspapers, 6 articles: enough to test), the page charts the differences and opens the
    sentences of the first comparison offered, from the articles of both groups."""
    page, errors = _groups_page(browser, polnear_served)
    _upload_outlets(page, polnear_outlets_toml())
    page.locator(".js-plotly-plot", has_text="Differences between groups by medium").wait_for()
    page.get_by_text("online (4 outlets, 8 articles); newspaper (3 outlets, 6 articles)").wait_for()
    page.get_by_role("heading", name="The sentences behind a comparison").wait_for()
    caption = page.get_by_text(re.compile(r"The first \d+ rows in the articles of online and"))
    assert int(caption.inner_text().split()[2]) > 0, "the comparison opens its sentences"
    assert page.get_by_text("These groups are proposals from the corpus").count() == 0
    chart = page.locator(".js-plotly-plot", has_text="Differences between groups by medium")
    named, charted = chart.evaluate(NAMED)
    assert named == charted > 0, "every comparison charted is named beside its point"
    _checked(page, errors, "groups-polnear-medium")
    page.close()
