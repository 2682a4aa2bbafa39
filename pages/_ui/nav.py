"""The app's pages as ``st.Page`` objects: the navigation ``dashboard.py`` runs and the pages
one page opens from another (the Overview's cards open the page that explains an item).

Pages are named by their title ("Actors"); nothing outside this module names a page file.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.navigation.page import StreamlitPage

#: The page that opens first: loading articles (``dashboard.py``).
HOME = "Home"
#: The pages after Home, in navigation order: title -> (file in pages/, icon).
PAGES: dict[str, tuple[str, str]] = {
    "Overview": ("1_Overview.py", ":material/dashboard:"),
    "Actors": ("2_Actors.py", ":material/groups:"),
    "Stance": ("3_Stance.py", ":material/balance:"),
    "Voices": ("4_Voices.py", ":material/record_voice_over:"),
    "Groups": ("5_Groups.py", ":material/compare_arrows:"),
    "Keywords": ("5_Keywords.py", ":material/key:"),
    "Spelling": ("6_Spelling.py", ":material/spellcheck:"),
    "Framing": ("7_Framing.py", ":material/filter_frames:"),
    "Article": ("8_Article.py", ":material/article:"),
    "Export": ("9_Export.py", ":material/download:"),
}
#: The page that explains each section of a card (analysis.overview.SECTIONS).
SECTION_PAGES = {
    "articles": HOME,
    "spelling": "Spelling",
    "keywords": "Keywords",
    "distinctive terms": "Keywords",
    "sentiment": "Actors",
    "quotes": "Voices",
    "frames": "Framing",
    "contested terms": "Framing",
}
#: The page that explains each kind of difference (analysis.overview.KINDS).
KIND_PAGES = {
    "spelling": "Spelling",
    "wording": "Framing",
    "sentiment": "Actors",
    "voices": "Voices",
    "frames": "Framing",
}
#: The function that draws Home (set by :func:`navigation`; a function, shared safely).
_home: list[Callable[[], None]] = []


def _page(title: str) -> StreamlitPage:
    """A new page object for ``title``: page objects belong to one session's run, so none is
    kept between runs or shared between sessions."""
    if title == HOME:
        return st.Page(_home[0], title=HOME, icon=":material/home:", default=True)
    file, icon = PAGES[title]
    return st.Page(f"pages/{file}", title=title, icon=icon)


def navigation(home: Callable[[], None]) -> StreamlitPage:
    """Declare the app's pages, :data:`HOME` drawn by ``home``, and return the page to run
    (call its ``run()``); ``dashboard.py`` calls this on every rerun."""
    _home[:] = [home]
    return st.navigation([_page(title) for title in (HOME, *PAGES)])


def switch_to(title: str) -> None:
    """Open the page called ``title`` ("Actors", :data:`HOME`); a page run on its own, with no
    navigation declared in this process (as AppTest may), opens the page's file."""
    if _home:
        st.switch_page(_page(title))
    else:
        st.switch_page("dashboard.py" if title == HOME else f"pages/{PAGES[title][0]}")
