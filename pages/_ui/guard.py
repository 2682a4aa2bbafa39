"""One guard around every page: an error shows a short apology with an error id, never a
traceback; the full traceback goes to the server's log under that id."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

import streamlit as st

from analysis.engine import Stopped
from pages._ui import share

LOG = logging.getLogger("presslens.pages")
APOLOGY = (
    "Sorry, this page could not be shown: something went wrong inside presslens (error id "
    "{error_id}). The other pages still work, and reloading this one may help. If it happens "
    "again, tell whoever runs this dashboard the error id: the details are in the server's log."
)


def run_page(view: tuple[str, ...], body: Callable[[], None]) -> None:
    """Restore the page's ``view`` from the link, run ``body`` and publish the view, all
    inside the guard. Streamlit's own stop and rerun signals pass through (they are no
    ``Exception``); work stopped because the session has gone ends the run quietly."""
    try:
        share.restore(view)
        body()
        share.publish(view)
    except Stopped:
        LOG.info("work stopped: the session has gone")
    except Exception:
        error_id = uuid.uuid4().hex[:8]
        LOG.exception("page failed, error id %s", error_id)
        st.error(APOLOGY.format(error_id=error_id), icon=":material/error:")
