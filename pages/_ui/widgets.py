"""Widgets shared by pages that keep their selection valid when the data changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st


def multiselect(
    container: Any,
    label: str,
    options: Sequence[str],
    *,
    default: Sequence[str],
    key: str,
    **kw: Any,
) -> list[str]:
    """A multiselect whose remembered selection drops options that no longer exist (after a
    corpus or registry change) instead of failing; ``default`` applies on first show."""
    if key in st.session_state:
        kept = [value for value in st.session_state[key] if value in options]
        if kept != st.session_state[key]:
            st.session_state[key] = kept
        return container.multiselect(label, options, key=key, **kw)
    return container.multiselect(label, options, default=list(default), key=key, **kw)


def selectbox(container: Any, label: str, options: Sequence[str], *, key: str, **kw: Any) -> Any:
    """A selectbox that falls back to the first option when its remembered value is gone."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    return container.selectbox(label, options, key=key, **kw)


def csv_download(container: Any, label: str, frame: pd.DataFrame, file_name: str) -> None:
    """A CSV download of ``frame``; the CSV is made when the user clicks, not on every rerun."""
    container.download_button(
        label,
        lambda: frame.to_csv(index=False).encode("utf-8"),
        file_name=file_name,
        mime="text/csv",
    )
