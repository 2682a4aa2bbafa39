"""The matrix of positions between actors (analysis.position_charts)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.position_charts import pair_counts, position_matrix, position_title, ranked_pairs

#: Stance summary rows toward actors, of two outlets.
ROWS = pd.DataFrame(
    {
        S.OUTLET: ["A", "B", "A", "B"],
        S.ACTOR: ["Trump", "Trump", "Ted Cruz", "Barack Obama"],
        S.TOPIC: ["Hillary Clinton", "Hillary Clinton", "Trump", "Hillary Clinton"],
        S.TARGET_KIND: ["actor"] * 4,
        "support": [0, 1, 1, 2],
        "conditional": [0, 0, 0, 0],
        "neutral": [1, 0, 0, 0],
        "oppose": [3, 2, 0, 0],
        "statements": [4, 3, 1, 2],
        "net": [-0.75, -1 / 3, 1.0, 1.0],
    }
)


def test_pairs_add_up_over_outlets_and_rank_holders_and_targets() -> None:
    pairs = pair_counts(ROWS).set_index([S.ACTOR, S.TOPIC])
    trump = pairs.loc[("Trump", "Hillary Clinton")]
    assert (trump["support"], trump["oppose"], trump["statements"]) == (1, 5, 7)
    assert trump["net"] == -4 / 7
    assert ranked_pairs(pair_counts(ROWS)) == (
        ["Trump", "Barack Obama", "Ted Cruz"],
        ["Hillary Clinton", "Trump"],
    )


def test_the_matrix_colours_the_net_stance_and_names_every_count() -> None:
    figure = position_matrix(
        ROWS,
        where="2 outlets together",
        holders=["Trump", "Ted Cruz"],
        targets=["Hillary Clinton", "Trump"],
    )
    heatmap = figure.data[0]
    assert list(heatmap.y) == ["Trump", "Ted Cruz"] and list(heatmap.x) == [
        "Hillary Clinton",
        "Trump",
    ]
    assert (
        list(heatmap.text[0]) == ["+1 −5", ""]
        and heatmap.z[1][1] == 1.0
        and heatmap.z[0][1] is None
    )
    assert "7 statements: support 1, conditional 0, neutral 1, oppose 5" in heatmap.hovertext[0][0]
    assert "no statement" in heatmap.hovertext[0][1]
    assert (heatmap.zmin, heatmap.zmax) == (-1, 1)
    assert figure.layout.title.text == position_title("2 outlets together")


def test_no_statement_says_why() -> None:
    figure = position_matrix(ROWS.iloc[0:0], where="one", holders=[], targets=[])
    assert not figure.data
    assert "No actor takes a position toward another" in figure.layout.annotations[0].text
    figure = position_matrix(ROWS, where="one", holders=["Nobody"], targets=["Trump"])
    assert not figure.data
