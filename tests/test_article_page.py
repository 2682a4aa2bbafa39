"""AppTest of the Article page: marks from the tables, kinds switchable, text escaped."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from analysis import schema as S
from analysis.corpus import Corpus
from pages._ui import state
from tests.conftest import ROOT, run_page

HOSTILE = (
    "Putin <script>alert('x')</script> talks\n\n"
    + "Russian President Vladimir Putin said on Sunday that **talks** with [Ukraine](http://x) "
    "could start in Istanbul <script>alert('x')</script>, while Zelenskyy called it an "
    "invasion of his country. " * 6
)


def _article_html(at: AppTest) -> str:
    return max((element.proto.body for element in at.get("html")), key=len)


def test_the_article_page_marks_mentions_quotes_terms_and_spellings() -> None:
    at = run_page("8_Article.py")
    body = _article_html(at)
    for kind in ("actor", "quote", "term", "spelling", "keyword"):
        assert f'class="mark-{kind}"' in body, kind
    assert 'title="Zelensky: ' in body and "polarity" in body
    at.multiselect[0].set_value(["quote"]).run()
    body = _article_html(at)
    assert 'class="mark-quote"' in body and 'class="mark-actor"' not in body


def test_article_text_is_escaped_never_rendered() -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "8_Article.py"), default_timeout=120)
    at.session_state[state.INCLUDE_SEEDS] = False
    at.session_state[state.PASTED] = (("pasted text 1", HOSTILE, "Hostile Times", "", ""),)
    at.run()
    assert not at.exception
    body = _article_html(at)
    assert "<script" not in body and "</script" not in body
    plain = re.sub(r"<[^>]+>", "", body)  # the text without the marks' own tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in plain
    assert "**talks**" in plain and "[Ukraine](http://x)" in plain
    # the headline is the text's first paragraph, set large and escaped like the rest
    assert "<strong" in body and plain.startswith("Putin &lt;script&gt;alert(")
    assert not any("<script>" in m.value for m in at.markdown)


def test_an_article_is_chosen_by_its_outlet_and_a_linked_article_picks_its_outlet(
    seeds_corpus: Corpus,
) -> None:
    articles = seeds_corpus.articles
    outlets = sorted(articles[S.OUTLET].unique())
    at = run_page("8_Article.py")
    assert at.selectbox(key=state.ARTICLE.outlet).options == outlets
    at.selectbox(key=state.ARTICLE.outlet).set_value(outlets[1]).run()
    assert not at.exception
    chosen = at.selectbox(key=state.ARTICLE.id).value
    assert articles.set_index(S.ARTICLE_ID).at[chosen, S.OUTLET] == outlets[1]
    assert at.selectbox(key=state.ARTICLE.other_outlet).options == [
        o for o in outlets if o != outlets[1]
    ]
    last = articles[articles[S.OUTLET] == outlets[-1]][S.ARTICLE_ID].iloc[0]
    linked = AppTest.from_file(str(ROOT / "pages" / "8_Article.py"), default_timeout=120)
    linked.session_state[state.ARTICLE.id] = last
    linked.run()
    assert not linked.exception
    assert linked.selectbox(key=state.ARTICLE.outlet).value == outlets[-1]
    assert linked.selectbox(key=state.ARTICLE.id).value == last
