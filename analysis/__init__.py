"""Wicket's analysis core: pure Python, no Django.

Every detector takes plain data (parsed files, lists of dicts) and returns
dataclasses. The web app, the CLI and the benchmarks call it the same way.
"""
