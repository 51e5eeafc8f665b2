"""The view as it travels in a link: parsing and writing the URL.

    ?office=paris&lang=de&status=announced&region=EMEA&basemap=osm&arcs=1

Pure functions: ``parse_query`` never raises. A value that is unknown, repeated or
oversized falls back to the default and yields a :class:`Notice` for the page to show.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from components.data.at_date import LATEST
from components.data.dates import parse_partial_date
from components.map.basemaps import BASEMAPS
from components.map.view import (
    ARCS_CHOICES,
    LINK_PARAMETERS,
    REGION_FILTERS,
    STATUS_FILTERS,
    View,
)
from components.text.catalog import LANGUAGES

MAX_VALUE_LENGTH = 64


@dataclass(frozen=True)
class Notice:
    """A URL value that was not used: ``reason`` is "invalid", "repeated" or "oversized"."""

    parameter: str
    value: str
    reason: str


def language_from_locale(locale: str | None) -> str:
    """``de-AT`` → ``de``; anything not offered → ``en``."""
    prefix = (locale or "").replace("_", "-").split("-")[0].lower()
    return prefix if prefix in LANGUAGES else "en"


def is_as_of(value: str) -> bool:
    """Whether a link's ``as_of`` can be shown: ``latest`` or a date (``2025``,
    ``2025-05``, ``2025-05-26``)."""
    if value == LATEST:
        return True
    try:
        parse_partial_date(value)
    except ValueError:
        return False
    return True


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"


def parse_query(
    params: Mapping[str, Sequence[str]],
    office_ids: Collection[str],
    browser_locale: str | None = None,
) -> tuple[View, tuple[Notice, ...]]:
    """The view a link asks for, and what in it could not be used."""
    allowed: dict[str, Callable[[str], bool]] = {
        "office": office_ids.__contains__,
        "lang": LANGUAGES.__contains__,
        "status": STATUS_FILTERS.__contains__,
        "region": REGION_FILTERS.__contains__,
        "basemap": BASEMAPS.__contains__,
        "arcs": ARCS_CHOICES.__contains__,
        "as_of": is_as_of,
    }
    view = View(lang=language_from_locale(browser_locale))
    notices: list[Notice] = []
    for parameter in LINK_PARAMETERS:
        values = [value for value in params.get(parameter, ()) if value != ""]
        if not values:
            continue
        if len(set(values)) > 1:
            notices.append(Notice(parameter, _shown(" / ".join(values)), "repeated"))
        elif len(values[0]) > MAX_VALUE_LENGTH:
            notices.append(Notice(parameter, _shown(values[0]), "oversized"))
        elif not allowed[parameter](values[0]):
            notices.append(Notice(parameter, _shown(values[0]), "invalid"))
        else:
            view = replace(view, **{parameter: values[0]})  # type: ignore[arg-type]  # a link's parameters are text fields
    return view, tuple(notices)


def to_query(view: View) -> dict[str, str]:
    """The URL parameters of a view; defaults are left out, the language always stays."""
    defaults = View()
    query = {}
    for parameter in LINK_PARAMETERS:
        value = getattr(view, parameter)
        if value is not None and (parameter == "lang" or value != getattr(defaults, parameter)):
            query[parameter] = value
    return query


def share_link(base_url: str | None, view: View) -> str:
    """The full link to this view: ``https://host/?office=paris&lang=de`` (relative when the
    app's address is unknown)."""
    return f"{(base_url or '').split('?')[0]}?{urlencode(to_query(view))}"
