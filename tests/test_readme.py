"""The README is for the people who use the product: short, with a picture, every link and
file it names present in the repository, nothing outside it."""

from __future__ import annotations

import re

from testing.server import REPO_ROOT

README = REPO_ROOT / "README.md"


def test_the_readme_is_short_and_shows_the_product() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 10_000
    (picture,) = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert (REPO_ROOT / picture).is_file()


def test_every_file_the_readme_links_is_in_the_repository() -> None:
    text = README.read_text(encoding="utf-8")
    targets = [t for t in re.findall(r"\]\(([^)]+)\)", text) if not t.startswith("http")]
    assert targets
    for target in targets:
        assert (REPO_ROOT / target).resolve().is_relative_to(REPO_ROOT), target
        assert (REPO_ROOT / target).exists(), target
    assert "../" not in text  # a clone has nothing beside it


def test_the_readme_keeps_its_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "streamlit run app.py" in text
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    test_command = ci[ci.index("# The README's test command.") + 1]
    assert test_command in text
