"""Helpers shared by the dashboard's pages: cached data access and session-state keys.

Streamlit does not turn this folder into pages. Pages call these helpers; they never compute.
"""
