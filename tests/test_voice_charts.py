"""The charts of the Voices page (analysis.voice_charts)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as S
from analysis.voice_charts import loaded_verbs_heatmap


def test_voices_cells_are_readable_and_their_verbs_in_the_hover() -> None:
    """Issue 44: the Voices cell text was shrunk unreadably small at many outlets."""
    outlets = [f"Outlet {n:02d} with a rather long name" for n in range(30)]
    verbs = "said ×4, claimed ×2, insisted ×1, warned ×1"
    voices = pd.DataFrame(
        {S.OUTLET: outlets, S.SPEAKER: "A speaker", "quotes": 3, "verbs": verbs, "loaded": 0.5}
    )
    trace = loaded_verbs_heatmap(voices).data[0]
    assert trace.textfont.size >= 12
    assert trace.text[0][0] == "" and verbs in trace.customdata[0][0]  # 30 narrow cells
    assert loaded_verbs_heatmap(voices.head(12)).data[0].text[0][0] == "50%"  # room for 50%
    few = loaded_verbs_heatmap(voices.head(3)).data[0]
    assert "claimed ×2 …" in few.text[0][0]  # wide cells name the verbs
    assert "%{customdata}" in trace.hovertemplate
