"""Charts drawn as PNG by kaleido through Debian's chromium."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from analysis.charts import EXPORT_SCALE, WIDTH, empty_figure
from analysis.render import NO_BROWSER, ExportError, PngRenderer, find_browser
from tests.conftest import png_size


def test_a_png_is_1200_px_at_scale_2_by_the_figure_height(renderer: PngRenderer) -> None:
    figure = empty_figure("Nothing", "nothing to show")
    figure.update_layout(height=450)
    assert png_size(renderer.png(figure)) == (WIDTH * EXPORT_SCALE, 450 * EXPORT_SCALE)


def test_concurrent_callers_each_get_their_own_chart(renderer: PngRenderer) -> None:
    heights = [300, 420, 510, 640]
    figures = []
    for height in heights:
        figure = empty_figure(f"{height}", "sized")
        figure.update_layout(height=height)
        figures.append(figure)
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda f: png_size(renderer.png(f)), figures))
    assert [height for _, height in sizes] == [h * EXPORT_SCALE for h in heights]


def test_without_a_browser_export_says_how_to_enable_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert find_browser() is None
    with pytest.raises(ExportError) as raised:
        PngRenderer()
    assert str(raised.value) == NO_BROWSER
    assert "packages.txt" in NO_BROWSER and "camera button" in NO_BROWSER
