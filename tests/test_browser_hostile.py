"""Uploads that decode to gigabytes, through the real upload path of a served dashboard: each
is one rejected input, the sample articles stay loaded, and the server's peak memory stays
under 1.5 GB."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import bombs
from tests.conftest import ARTIFACTS
from tests.test_browser import _PIDS, CHROMIUM, WAIT, _open, browser, serve

__all__ = ["browser"]  # the fixture of tests/test_browser.py

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

REJECTED = """(n) => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .some(m => m.innerText.includes('Rejected inputs') && m.innerText.includes(String(n)))"""


def _peak_mib(pid: int) -> int:
    """The process's peak resident memory since it started (VmHWM), in MiB."""
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(line for line in status if line.startswith("VmHWM:")).split()[1]) // 1024


def test_upload_bombs_are_rejected_and_the_server_stays_small(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = [
        bombs.rows_parquet(tmp_path),
        bombs.strings_parquet(tmp_path),
        bombs.rows_csv(tmp_path),
    ]
    with serve(log_name="streamlit-bombs.log") as url:
        page, errors = _open(browser, url)
        for count, path in enumerate(files, start=1):
            upload = {"name": path.name, "mimeType": "application/octet-stream"}
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
                [{**upload, "buffer": path.read_bytes()}]
            )
            page.wait_for_function(REJECTED, arg=count, timeout=WAIT)
        page.locator("#rejected-inputs").scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(ARTIFACTS / "home-upload-bombs.png"), full_page=True)
        # the reasons, in the rejected table (a canvas), are the library's: tests/test_hostile.py
        assert (
            page.locator('[data-testid="stMetric"]', has_text="Articles").inner_text().endswith("3")
        )
        assert page.locator('[data-testid="stException"]').count() == 0
        assert not errors
        peak = _peak_mib(_PIDS[url])
        page.close()
    (ARTIFACTS / "hostile-memory.txt").open("a").write(
        f"server after uploading the three bombs: peak {peak} MiB\n"
    )
    assert peak < 1536, f"{peak} MiB"
