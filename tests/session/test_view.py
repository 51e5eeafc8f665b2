"""The pure parts of the session's owner (the rest is driven through the app in test_app)."""

from __future__ import annotations

from components.session.view import remount_key
from testing.server import REPO_ROOT


def test_a_remount_key_is_stable_for_the_same_situation_and_new_for_another() -> None:
    assert remount_key("search-results", "paris") == remount_key("search-results", "paris")
    assert remount_key("search-results", "paris") != remount_key("search-results", "par")
    assert remount_key("office-table", "a", "b") != remount_key("office-table", "a-b")
    assert remount_key("timeline-chart", None).startswith("timeline-chart-")


def test_only_the_session_modules_touch_session_state() -> None:
    root = REPO_ROOT
    sources = [
        root / "app.py",
        *(root / "components").rglob("*.py"),
        *(root / "views").rglob("*.py"),
    ]
    touching = sorted(
        str(path.relative_to(root))
        for path in sources
        if "session_state" in path.read_text(encoding="utf-8")
    )
    assert touching == [
        "components/session/pages.py",
        "components/session/view.py",
        "components/session/your_data.py",
    ]
