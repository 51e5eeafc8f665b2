"""Rows of the office table and of the from-headquarters table."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from components.data.schema import (
    Dataset,
    DateName,
    Office,
)
from components.facts.details import time_to_hq
from components.facts.geo import distances_to_headquarters
from components.facts.local_time import (
    format_offset,
    utc_offset,
)
from components.text.catalog import _
from components.text.formatting import country_name
from components.text.names import date_name, region_name, status_name

TABLE_DATES: tuple[DateName, ...] = ("founded", "announced", "opened", "planned_opening")


def table_dates(offices: Iterable[Office]) -> tuple[DateName, ...]:
    """The date columns a table of these offices needs: founding only where one has it."""
    offices = tuple(offices)
    return tuple(
        name
        for name in TABLE_DATES
        if name != "founded" or any(office.dates.founded for office in offices)
    )


def table_row(
    dataset: Dataset,
    office: Office,
    lang: str = "en",
    dates: tuple[DateName, ...] = TABLE_DATES,
) -> dict[str, str | None]:
    """One office as a row of the office table, column names in ``lang``: texts as the
    details show them, each date in its own column as ISO 8601 (``2015-12`` where only the
    month is known; sorted as text, that is in time) or empty, and the address of its
    first source (without the distances, which a table of thousands would wait for)."""
    row: dict[str, str | None] = {
        _("City", lang): office.city.get(lang),
        _("Country", lang): country_name(office.country, lang),
        _("Region", lang): region_name(office.region, lang, short=True),
        _("Status", lang): status_name(office.status, lang),
    }
    for name in dates:
        row[date_name(name, lang)] = getattr(office.dates, name) or ""
    first = dataset.sources_by_id[office.sources[0]]
    row[_("Source", lang)] = first.url
    return row


def from_headquarters_rows(
    dataset: Dataset, lang: str = "en", at: datetime | None = None
) -> list[dict[str, object]]:
    """Every office seen from headquarters: distance, time difference, UTC offset at ``at``."""
    at = at or datetime.now(UTC)
    hq = dataset.headquarters
    distances = distances_to_headquarters(dataset)
    return [
        {
            _("City", lang): office.city.get(lang),
            _("Distance (km)", lang): round(distances[office.id]),
            _("Time difference", lang): time_to_hq(office, hq, at, lang),
            _("UTC offset", lang): format_offset(utc_offset(office.timezone, at)),
        }
        for office in dataset.offices
    ]
