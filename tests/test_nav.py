"""The navigation declares every page file once, and a page opens another by its title."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.differences import KINDS
from analysis.overview import SECTIONS
from pages._ui import nav, state

ROOT = Path(__file__).resolve().parents[1]


def test_every_page_file_is_declared_once_in_file_order() -> None:
    files = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert [file for file, _ in nav.PAGES.values()] == files
    titles = [file.split("_", 1)[1].removesuffix(".py") for file in files]
    assert list(nav.PAGES) == titles  # the title is the file's name: /Actors stays /Actors


def test_every_card_section_and_difference_opens_a_declared_page() -> None:
    assert set(nav.SECTION_PAGES) == set(SECTIONS)
    assert set(nav.KIND_PAGES) == set(KINDS)
    pages = set(nav.SECTION_PAGES.values()) | set(nav.KIND_PAGES.values())
    assert pages <= {nav.HOME, *nav.PAGES}


def test_the_entry_point_declares_every_page_and_opens_home() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert at.title[0].value == "presslens"
    for title in nav.PAGES:
        at.switch_page(f"pages/{nav.PAGES[title][0]}").run()
        assert not at.exception, title
        assert at.title[0].value == title


def test_settings_made_on_one_page_hold_on_every_page() -> None:
    """Issue 44: a user who left out the sample articles on the home page found them back on
    the Overview (Streamlit drops the state of a widget a page does not draw); so did the
    sentiment model chosen on the Actors page."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.toggle(key=state.INCLUDE_SEEDS).set_value(False).run()
    at.switch_page("pages/1_Overview.py").run()
    assert not at.exception
    assert at.session_state[state.INCLUDE_SEEDS] is False
    assert any("No articles are loaded" in w.value for w in at.warning)
    at.switch_page("dashboard.py").run()
    assert at.toggle(key=state.INCLUDE_SEEDS).value is False
    at.toggle(key=state.INCLUDE_SEEDS).set_value(True).run()
    at.switch_page("pages/2_Actors.py").run()
    at.radio(key=state.SENTIMENT).set_value("classifier").run()
    at.switch_page("pages/1_Overview.py").run()
    at.switch_page("pages/2_Actors.py").run()
    assert at.radio(key=state.SENTIMENT).value == "classifier"
