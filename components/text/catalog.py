"""The app's words in every language it speaks: gettext message catalogs, managed with Babel.

The code writes each message in English (the source language) and names the reader's
language on every call, since one server process serves readers of several languages at once::

    _("Existing office", lang)
    n_("{count} country", "{count} countries", count, lang)   # each language's plural rules
    p_("filter", "All", lang)                                   # the same English, another role
    N_("Existing office")                                       # marked now, translated later
    Nn_("{count} office", "{count} offices")                    # the same, with a plural

The translations live in ``components/text/locales/<language>/LC_MESSAGES/messages.po``:
``scripts/update_catalogs.sh`` extracts the messages from the code (``pybabel extract``) and
updates every catalog (``pybabel update``). A catalog is compiled in memory the first time a
language is used, so there is no build step to forget; a language is offered as soon as its
catalog exists (see ``docs/languages.md``).
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
# Babel locales for dates and numbers where a language's own default is not the one wanted:
# English the British way ("9 October 2024"), German as written in Germany.
_BABEL_LOCALES = {"en": "en_GB", "de": "de_DE"}


def catalog_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _languages() -> tuple[str, ...]:
    """English, then every language with a catalog, in the order of their codes."""
    found = sorted(path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


LANGUAGES: tuple[str, ...] = _languages()


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English, and any language without one, reads the
    messages as written). Fuzzy entries are left out: a guess is not a translation."""
    path = catalog_path(lang)
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _fill(message: str, values: dict[str, object]) -> str:
    return message.format(**values) if values else message


def _(message: str, lang: str, /, **values: object) -> str:
    """``message`` in ``lang``, its ``{placeholders}`` filled in."""
    return _fill(_translations(lang).gettext(message), values)


def p_(context: str, message: str, lang: str, /, **values: object) -> str:
    """``message`` in ``lang`` where the same English has another role elsewhere
    (``context`` tells translators which)."""
    return _fill(_translations(lang).pgettext(context, message), values)


def n_(singular: str, plural: str, count: int, lang: str, /, **values: object) -> str:
    """The form of ``lang`` for ``count`` (by that language's plural rules); ``{count}`` is
    filled in as the language writes numbers ("3,333" / "3.333") unless given."""
    values.setdefault("count", format_number(count, lang))
    return _fill(_translations(lang).ngettext(singular, plural, count), values)


def N_(message: str) -> str:  # noqa: N802  # gettext's name, which pybabel extracts by default
    """Mark ``message`` for the catalogs without translating it (it is translated where it
    is shown, with :func:`_`)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802  # as N_, for n_
    """Mark a message with a plural for the catalogs without translating it (it is
    translated where it is shown, with :func:`n_`)."""
    return singular, plural


def babel_locale(lang: str) -> str:
    """The Babel locale that formats dates and numbers for ``lang``."""
    return _BABEL_LOCALES.get(lang, lang if lang in LANGUAGES else _BABEL_LOCALES["en"])


def format_number(number: float, lang: str) -> str:
    """``3333`` → "3,333" / "3.333"."""
    return str(format_decimal(number, locale=babel_locale(lang)))


def native_language_name(lang: str) -> str:
    """A language's name in itself: "English", "Deutsch" (for the language switch)."""
    try:
        name = Locale.parse(lang).get_display_name(lang) or lang
    except (UnknownLocaleError, ValueError):
        return lang
    return name[:1].upper() + name[1:]


def possessive(name: str, lang: str = "en") -> str:
    """A company's name as the owner of what follows: "OpenAI's", "Siemens'"; in German
    "OpenAIs", "Siemens'" (an apostrophe only after a hissing sound). Other languages write
    the owner otherwise (in their translation of the sentence): the name as it is."""
    if lang == "de":
        return f"{name}'" if name.lower().endswith(("s", "ß", "x", "z", "ce")) else f"{name}s"
    if lang == "en":
        return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
    return name
