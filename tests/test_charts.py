"""Chart export settings shared by every page."""

from __future__ import annotations

from analysis.charts import EXPORT_SCALE, WIDTH, empty_figure, export_config, file_stem


def test_file_stems_are_safe_file_names() -> None:
    assert file_stem("Stance: direct talks") == "presslens-stance-direct-talks"
    assert file_stem("spelling Türkiye") == "presslens-spelling-türkiye"
    assert file_stem("../../etc/passwd <script>") == "presslens-etc-passwd-script"
    assert file_stem("***") == "presslens-chart"


def test_export_config_uses_the_figure_height_and_scale_2() -> None:
    figure = empty_figure("Nothing", "nothing to show")
    figure.update_layout(height=950)
    options = export_config("news frames", figure)["toImageButtonOptions"]
    assert options == {
        "format": "png",
        "filename": "presslens-news-frames",
        "width": WIDTH,
        "height": 950,
        "scale": EXPORT_SCALE,
    }
