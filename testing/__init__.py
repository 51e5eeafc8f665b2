"""Plumbing shared by the real-browser tests and the benchmarks: start the app, start the
browser, and read what the page says to the server. Not part of the app."""
