"""The names of the data's fixed values (statuses, regions, kinds of date) in the reader's
language: one table each, every name marked for the catalogs."""

from __future__ import annotations

from components.data.events import Status
from components.data.schema import DateName, Region
from components.text.catalog import N_, _

_STATUS: dict[str, str] = {
    "existing": N_("Existing office"),
    "announced": N_("Announced office"),
}
# The status filter's choices: short, beside one another.
_STATUS_FILTER: dict[str, str] = {
    "all": N_("All"),
    "existing": N_("Existing"),
    "announced": N_("Announced"),
}
_REGION: dict[str, str] = {
    "Americas": N_("Americas"),
    "EMEA": N_("Europe, Middle East & Africa"),
    "APAC": N_("Asia-Pacific"),
}
_REGION_SHORT: dict[str, str] = {
    "all": N_("All"),
    "Americas": N_("Americas"),
    "EMEA": N_("EMEA"),
    "APAC": N_("Asia-Pacific"),
}
_DATE: dict[str, str] = {
    "founded": N_("Founded"),
    "announced": N_("Announced"),
    "opened": N_("Opened"),
    "planned_opening": N_("Planned opening"),
}

# What happened to an office, as a line of its history says it.
_EVENT: dict[str, str] = {
    "founded": N_("Founded"),
    "announced": N_("Announced"),
    "opened": N_("Opened"),
    "moved": N_("Moved"),
    "renamed": N_("Renamed"),
    "closed": N_("Closed"),
}


def status_name(status: Status | str, lang: str) -> str:
    """ "Existing office" / "Bestehendes Büro"."""
    return _(_STATUS[status], lang)


def status_filter_name(value: str, lang: str) -> str:
    """A choice of the status filter: "All", "Existing", "Announced"."""
    return _(_STATUS_FILTER[value], lang)


def region_name(region: Region | str, lang: str, short: bool = False) -> str:
    """ "Europe, Middle East & Africa"; ``short``: "EMEA" (also "All" for ``"all"``): one
    region, one name, wherever it is shown."""
    return _((_REGION_SHORT if short else _REGION)[region], lang)


def date_name(name: DateName | str, lang: str) -> str:
    """ "Announced", "Planned opening"."""
    return _(_DATE[name], lang)


def event_name(kind: str, lang: str) -> str:
    """ "Opened", "Moved"."""
    return _(_EVENT[kind], lang)
