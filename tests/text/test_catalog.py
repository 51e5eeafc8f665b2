"""The message catalogs: every message of the code is in every language's catalog, each
language's plural rules apply, and a catalog is used without a build step."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from components.text.catalog import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    _,
    catalog_path,
    n_,
    native_language_name,
    p_,
)
from testing.server import REPO_ROOT

KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "Nn_": (1, 2), "p_": ((1, "c"), 2)}
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]


def messages_in_the_code() -> set[str | tuple[str, ...]]:
    """Every message the code marks, as pybabel extract finds it (scripts/update_catalogs.sh)."""
    found: set[str | tuple[str, ...]] = set()
    for folder in ("components", "views"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            REPO_ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message)
    return found


def marking_calls() -> list[tuple[str, int, ast.Call, bool]]:
    """Every call of a marking function in the code: its file, line, node, and whether it
    sits inside an f-string."""
    calls = []
    for folder in ("components", "views"):
        for path in sorted((REPO_ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            in_fstring = {
                id(node)
                for joined in ast.walk(tree)
                if isinstance(joined, ast.JoinedStr)
                for node in ast.walk(joined)
            }
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS
                ):
                    where = str(path.relative_to(REPO_ROOT))
                    calls.append((where, node.lineno, node, id(node) in in_fstring))
    return calls


def test_no_message_is_marked_inside_an_f_string() -> None:
    # Before Python 3.12 an f-string is one token to pybabel's extractor, which therefore
    # never sees a message marked inside one (python-babel/babel#1001, fixed for 3.12+ by
    # reading PEP 701's tokens): the message would reach no catalog and show in English.
    inside = [f"{where}:{line}" for where, line, _node, in_fstring in marking_calls() if in_fstring]
    assert inside == []


def test_the_extractor_finds_every_message_the_code_marks() -> None:
    code = messages_in_the_code()
    literal = {
        str(node.args[0].value)
        for _where, _line, node, _inside in marking_calls()
        if node.func.id in ("_", "N_")  # type: ignore[attr-defined]
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(literal) > 200
    assert sorted(literal - code) == []


def test_the_app_speaks_english_and_german() -> None:
    assert LANGUAGES[0] == SOURCE_LANGUAGE == "en" and "de" in LANGUAGES
    assert [native_language_name(lang) for lang in ("en", "de")] == ["English", "Deutsch"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_code_is_translated(lang: str) -> None:
    with catalog_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    code = messages_in_the_code()
    assert len(code) > 200
    entries = {message.id: message for message in catalog if message.id}
    missing = sorted(str(message) for message in code if message not in entries)
    assert missing == [], "run scripts/update_catalogs.sh and translate"
    untranslated = sorted(
        str(message.id)
        for message in entries.values()
        if message.fuzzy
        or not (all(message.string) if isinstance(message.string, tuple) else message.string)
    )
    assert untranslated == []


def test_one_and_many_follow_each_languages_rules() -> None:
    singular = "Since {as_of}: {count} later development"
    plural = "Since {as_of}: {count} later developments"

    def header(count: int, lang: str) -> str:
        return n_(singular, plural, count, lang, as_of="X")

    assert header(1, "en") == "Since X: 1 later development"
    assert header(2, "en") == "Since X: 2 later developments"
    assert header(1, "de") == "Seit X: 1 spätere Entwicklung"
    assert header(3333, "de") == "Seit X: 3.333 spätere Entwicklungen"


def test_a_language_without_a_catalog_reads_english() -> None:
    assert _("Existing office", "fr") == "Existing office"
    assert _("Existing office", "de") == "Bestehendes Büro"
    assert p_("nothing", "Existing office", "en") == "Existing office"


def test_a_new_language_is_a_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What docs/languages.md promises: a catalog in locales/ is a language of the app."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    import components.text.catalog as catalog

    french = Catalog(locale="fr", domain="messages")
    french.add("Existing office", "Bureau existant")
    # French has three plural forms in CLDR (one, many, other): a translator fills each.
    french.add(("{count} country", "{count} countries"), ("{count} pays",) * 3)
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, french)
    monkeypatch.setattr(catalog, "LOCALES", tmp_path)
    catalog._translations.cache_clear()
    try:
        assert catalog._languages() == ("en", "fr")
        assert _("Existing office", "fr") == "Bureau existant"
        assert n_("{count} country", "{count} countries", 2, "fr") == "2 pays"
        assert native_language_name("fr") == "Français"
        assert catalog.possessive("OpenAI", "fr") == "OpenAI"
    finally:
        catalog._translations.cache_clear()
