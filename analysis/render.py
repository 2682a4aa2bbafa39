"""Charts as PNG, drawn server-side by kaleido 1.x.

kaleido needs a Chrome or Chromium binary (Debian's ``chromium`` package works; nothing is
downloaded). :class:`PngRenderer` starts kaleido's persistent sync server once, so each chart
takes a fraction of a second instead of starting a browser per chart.
"""

from __future__ import annotations

import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import kaleido
import plotly.graph_objects as go

from analysis.charts import EXPORT_SCALE, HEIGHT, WIDTH

#: Browser executables looked for on PATH, in order (``BROWSER_PATH`` overrides them).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
NO_BROWSER = (
    "Server-side PNG export needs Chrome or Chromium and none was found on this server. "
    "Install it (Debian or Ubuntu: `apt install chromium`; Streamlit Community Cloud: the "
    "line `chromium` in packages.txt) or set BROWSER_PATH to its executable. The camera "
    "button above each chart still downloads a PNG from your browser."
)
#: Seconds a browser may take to start and draw the first chart.
START_TIMEOUT = 60.0


class ExportError(RuntimeError):
    """A chart could not be drawn as PNG; the message says why in words a user understands."""


def find_browser() -> str | None:
    """The Chrome or Chromium executable kaleido will use: ``BROWSER_PATH`` when set (None
    when that is no executable file), else the first of :data:`BROWSERS` on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if os.path.isfile(configured) and os.access(configured, os.X_OK) else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


class PngRenderer:
    """Draws figures as PNG through kaleido's persistent sync server, started once for the
    process with ``browser`` (default :func:`find_browser`).

    Raises :class:`ExportError` with :data:`NO_BROWSER` when there is no browser, and with
    the cause when the browser cannot start. Calls are serialised: kaleido's server answers
    one request at a time and would mix up the answers of concurrent callers.
    """

    def __init__(self, browser: str | None = None, *, timeout: float = START_TIMEOUT) -> None:
        path = browser or find_browser()
        if path is None:
            raise ExportError(NO_BROWSER)
        self.browser = path
        self._lock = threading.Lock()
        kaleido.start_sync_server(path=path, mathjax=False, timeout=timeout, silence_warnings=True)
        # A browser that fails to start leaves kaleido's server waiting forever: draw a first
        # chart in a helper thread and give up after ``timeout``.
        with ThreadPoolExecutor(max_workers=1) as pool:
            first = pool.submit(self.png, go.Figure())
            try:
                first.result(timeout=timeout)
            except (FutureTimeout, ExportError) as error:
                raise ExportError(f"The browser at {path} did not draw a chart: {error}") from error

    def png(self, figure: go.Figure, *, scale: float = EXPORT_SCALE) -> bytes:
        """``figure`` as PNG bytes, :data:`~analysis.charts.WIDTH` pixels wide by the figure's
        height (default :data:`~analysis.charts.HEIGHT`), times ``scale``."""
        options = {
            "format": "png",
            "width": WIDTH,
            "height": figure.layout.height or HEIGHT,
            "scale": scale,
        }
        with self._lock:
            try:
                return kaleido.calc_fig_sync(figure.to_dict(), opts=options)
            except Exception as error:
                raise ExportError(f"kaleido could not draw the chart: {error}") from error

    @staticmethod
    def close() -> None:
        """Stop the browser (it restarts with the next :class:`PngRenderer`)."""
        kaleido.stop_sync_server(silence_warnings=True)
