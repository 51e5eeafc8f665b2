"""Values written as a reader of each language expects them: dates (partial ones too), sums of
money, distances, country and language names (Babel's locale data)."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from components.data.dates import parse_partial_date
from components.text.catalog import N_, _, babel_locale


def format_partial_date(value: str, lang: str = "en") -> str:
    """``2024-10-09`` → ``9 October 2024``, ``2015-12`` → ``December 2015``."""
    year, month, day = parse_partial_date(value)
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMMM", date(year, month, 1), locale=babel_locale(lang))
    return format_date(date(year, month, day), format="long", locale=babel_locale(lang))


def format_usd(amount: int, lang: str = "en") -> str:
    """``6_600_000_000`` → ``USD 6.6 billion`` / ``6,6 Mrd. USD``."""
    if amount >= 1_000_000_000:
        message, scaled = N_("USD {amount} billion"), amount / 1_000_000_000
    elif amount >= 1_000_000:
        message, scaled = N_("USD {amount} million"), amount / 1_000_000
    else:
        message, scaled = N_("USD {amount}"), amount
    written = format_decimal(scaled, format="#,##0.##", locale=babel_locale(lang))
    return _(message, lang, amount=written)


def format_km(km: float, lang: str = "en") -> str:
    return format_decimal(round(km), format="#,##0", locale=babel_locale(lang))


def country_name(code: str, lang: str = "en") -> str:
    return str(Locale.parse(babel_locale(lang)).territories.get(code, code))


def language_name(code: str, lang: str = "en") -> str:
    """``de`` → "German" / "Deutsch"."""
    return str(Locale.parse(babel_locale(lang)).languages.get(code, code))
