"""Facts computed from the dataset, ready to show: metrics, office details, formatted values.

Pure functions of plain values; the panels only lay out what these return.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal

from components.data.dates import parse_partial_date
from components.data.memo import per_object
from components.data.schema import (
    Dataset,
    DateName,
    Development,
    Difference,
    Office,
    Partnership,
    Person,
    Source,
)
from components.facts.geo import distance_km, distances_to_headquarters, nearest_office
from components.facts.local_time import (
    describe_difference,
    difference,
    format_local_time,
    format_offset,
    utc_offset,
)
from components.text.catalog import LANGUAGES, babel_locale, possessive, text


@dataclass(frozen=True)
class Metrics:
    existing: int
    announced: int
    countries: int
    regions: int


def office_metrics(offices: Iterable[Office]) -> Metrics:
    """How many offices exist and are announced, in how many countries and regions."""
    offices = tuple(offices)
    existing = sum(office.status == "existing" for office in offices)
    return Metrics(
        existing=existing,
        announced=len(offices) - existing,
        countries=len({office.country for office in offices}),
        regions=len({office.region for office in offices}),
    )


def headline_metrics(dataset: Dataset) -> Metrics:
    return office_metrics(dataset.offices)


def figures_line(metrics: Metrics, lang: str = "en", number: str = "{}") -> str:
    """ "4 existing · 5 announced · 7 countries · 1 region"; ``number`` formats each count
    (``"**{}**"`` sets them in bold Markdown)."""
    counts = (
        ("figure_existing", metrics.existing),
        ("figure_announced", metrics.announced),
        ("figure_countries", metrics.countries),
        ("figure_regions", metrics.regions),
    )
    return " · ".join(
        text(
            f"{key}_one" if count == 1 else key,
            lang,
            count=number.format(format_decimal(count, locale=babel_locale(lang))),
        )
        for key, count in counts
    )


def headline(dataset: Dataset, lang: str = "en") -> str:
    """ "OpenAI's global footprint" / "OpenAIs globale Präsenz", for the data's company."""
    return text("headline", lang, company=possessive(dataset.company.name.get(lang), lang))


def format_partial_date(value: str, lang: str = "en") -> str:
    """``2024-10-09`` → ``9 October 2024``, ``2015-12`` → ``December 2015``."""
    year, month, day = parse_partial_date(value)
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMMM", date(year, month, 1), locale=babel_locale(lang))
    return format_date(date(year, month, day), format="long", locale=babel_locale(lang))


def office_date(office: Office, name: DateName, lang: str = "en") -> str | None:
    """An office's date as shown: the source's wording for a planned opening ("end of 2024")
    where the data has it, else the formatted date; ``None`` where the date is unknown."""
    dates = office.dates
    if name == "planned_opening" and dates.planned_opening_label:
        return dates.planned_opening_label.get(lang)
    value: str | None = getattr(dates, name)
    return format_partial_date(value, lang) if value else None


def format_usd(amount: int, lang: str = "en") -> str:
    """``6_600_000_000`` → ``USD 6.6 billion`` / ``6,6 Mrd. USD``."""
    if amount >= 1_000_000_000:
        key, scaled = "billion_usd", amount / 1_000_000_000
    elif amount >= 1_000_000:
        key, scaled = "million_usd", amount / 1_000_000
    else:
        key, scaled = "usd", amount
    return text(
        key, lang, amount=format_decimal(scaled, format="#,##0.##", locale=babel_locale(lang))
    )


def format_km(km: float, lang: str = "en") -> str:
    return format_decimal(round(km), format="#,##0", locale=babel_locale(lang))


def country_name(code: str, lang: str = "en") -> str:
    return str(Locale.parse(babel_locale(lang)).territories.get(code, code))


@per_object()
def office_labels(dataset: Dataset) -> dict[str, dict[str, str]]:
    """Each office's name in a list, per language: the city, told apart by its country and
    then its id where two offices share a city's name."""
    labels: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        cities = [office.city.get(lang) for office in dataset.offices]
        counts = Counter(cities)
        with_country = [
            f"{city} ({country_name(office.country, lang)})" if counts[city] > 1 else city
            for city, office in zip(cities, dataset.offices, strict=True)
        ]
        counts = Counter(with_country)
        labels[lang] = {
            office.id: f"{label} · {office.id}" if counts[label] > 1 else label
            for label, office in zip(with_country, dataset.offices, strict=True)
        }
    return labels


def people_for_office(dataset: Dataset, office_id: str) -> tuple[Person, ...]:
    """People based at the office or tied to it by the sources."""
    return tuple(
        person
        for person in dataset.people
        if person.base_office == office_id or office_id in person.related_offices
    )


def partnerships_for_office(dataset: Dataset, office_id: str) -> tuple[Partnership, ...]:
    return tuple(p for p in dataset.partnerships if office_id in p.offices)


def language_name(code: str, lang: str = "en") -> str:
    """``de`` → "German" / "Deutsch"."""
    return str(Locale.parse(babel_locale(lang)).languages.get(code, code))


def source_label(source: Source, lang: str = "en") -> str:
    """``Reuters, 15 April 2024: OpenAI bids for Japan business … (reprint; original not
    seen)``; a source in another language than the reader's says which ("in German")."""
    when = f", {format_partial_date(source.date, lang)}" if source.date else ""
    qualifiers = []
    if source.language and source.language != lang:
        qualifiers.append(
            text("source_in_language", lang, language=language_name(source.language, lang))
        )
    if source.is_copy:
        qualifiers.append(text("source_copy", lang))
    after = f" ({'; '.join(qualifiers)})" if qualifiers else ""
    return f"{source.publisher.get(lang)}{when}: {source.title.get(lang)}{after}"


@dataclass(frozen=True)
class SourceRef:
    """A source as shown: its number in its list, its label, its address and its note."""

    number: int
    label: str
    publisher: str
    url: str | None
    note: str | None


class Citations:
    """Footnote numbers for the sources of one panel, in the order they are first cited:
    each fact says which numbers back it, and the panel lists each source once."""

    def __init__(self, dataset: Dataset, lang: str) -> None:
        self._dataset = dataset
        self._lang = lang
        self._numbers: dict[str, int] = {}

    def cite(self, source_ids: Iterable[str]) -> tuple[int, ...]:
        """The numbers of these sources, in order, numbering the new ones."""
        for source_id in source_ids:
            self._numbers.setdefault(source_id, len(self._numbers) + 1)
        return tuple(sorted({self._numbers[source_id] for source_id in source_ids}))

    def refs(self, source_ids: Iterable[str]) -> tuple[SourceRef, ...]:
        """These sources as shown, numbered in this panel's list."""
        ids = tuple(dict.fromkeys(source_ids))
        self.cite(ids)
        return tuple(
            _source_ref(
                self._numbers[source_id], self._dataset.sources_by_id[source_id], self._lang
            )
            for source_id in ids
        )

    @property
    def listed(self) -> tuple[SourceRef, ...]:
        """Every source cited so far, once, in number order."""
        return self.refs(self._numbers)


def _source_ref(number: int, source: Source, lang: str) -> SourceRef:
    return SourceRef(
        number=number,
        label=source_label(source, lang),
        publisher=source.publisher.get(lang),
        url=source.url,
        note=source.note.get(lang) if source.note else None,
    )


@dataclass(frozen=True)
class SourcedLine:
    """A line of text and the sources behind it (a difference, a later development)."""

    text: str
    sources: tuple[SourceRef, ...]
    date: str | None = None


def differences(
    citations: Citations, items: Iterable[Difference], lang: str
) -> tuple[SourcedLine, ...]:
    """Where the sources disagree, each side's source numbered in ``citations``."""
    return tuple(SourcedLine(item.text.get(lang), citations.refs(item.sources)) for item in items)


def developments(
    citations: Citations, items: Iterable[Development], lang: str
) -> tuple[SourcedLine, ...]:
    """Later developments, oldest first, each with its date as shown and its sources."""
    ordered = sorted(items, key=lambda item: item.date or "9999")
    return tuple(
        SourcedLine(
            item.text.get(lang),
            citations.refs(item.sources),
            format_partial_date(item.date, lang) if item.date else None,
        )
        for item in ordered
    )


@dataclass(frozen=True)
class LaterDevelopment:
    """A development since the data's date, for the header: where (a city, or ``None`` for
    the company as a whole) and what."""

    office_id: str | None
    place: str | None
    line: SourcedLine


def since_developments(dataset: Dataset, lang: str = "en") -> tuple[LaterDevelopment, ...]:
    """Every later development in the data, offices' and the company's, oldest first, with
    one numbering of their sources."""
    citations = Citations(dataset, lang)
    items: list[tuple[str | None, Development]] = [
        (office.id, item) for office in dataset.offices for item in office.since
    ]
    items += [(None, item) for item in dataset.company.since]
    items.sort(key=lambda pair: pair[1].date or "9999")
    return tuple(
        LaterDevelopment(
            office_id,
            dataset.office(office_id).city.get(lang) if office_id else None,
            developments(citations, (item,), lang)[0],
        )
        for office_id, item in items
    )


@dataclass(frozen=True)
class DatedEvent:
    label: str
    value: str
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class OfficeDetails:
    """Everything the details panel shows about one office, formatted for ``lang``."""

    office: Office
    city: str
    status: str
    country: str
    region: str
    role: str
    notes: str | None
    dates: tuple[DatedEvent, ...]
    differences: tuple[SourcedLine, ...]
    since: tuple[SourcedLine, ...]
    # Every source of the office, once, numbered as the dates cite them.
    sources: tuple[SourceRef, ...]
    people: tuple[Person, ...]
    partnerships: tuple[Partnership, ...]
    distance_to_hq: str
    nearest: str | None
    local_time: str
    time_to_hq: str | None


def _office_dates(
    office: Office, lang: str, citations: Citations | None = None
) -> tuple[DatedEvent, ...]:
    dates = office.dates
    shown: list[DateName] = ["announced", "opened"]
    if dates.founded:
        shown.insert(0, "founded")
    if office.status == "announced" or dates.planned_opening:
        shown.append("planned_opening")
    return tuple(
        DatedEvent(
            text(f"date_{name}", lang),
            office_date(office, name, lang) or text("not_announced", lang),
            citations.cite(dates.sources.get(name, ())) if citations else (),
        )
        for name in shown
    )


def office_details(
    dataset: Dataset, office_id: str, lang: str = "en", at: datetime | None = None
) -> OfficeDetails:
    """The office's details in ``lang``; local times are those at ``at`` (default: now)."""
    at = at or datetime.now(UTC)
    office = dataset.office(office_id)
    hq = dataset.headquarters
    if office.id == hq.id:
        to_hq = text("distance_is_hq", lang)
    else:
        to_hq = text(
            "distance_to_hq",
            lang,
            city=hq.city.get(lang),
            km=format_km(distance_km(office, hq), lang),
        )
    neighbour = nearest_office(dataset, office)
    nearest = (
        text(
            "distance_nearest",
            lang,
            city=neighbour.office.city.get(lang),
            km=format_km(neighbour.distance_km, lang),
        )
        if neighbour
        else None
    )
    citations = Citations(dataset, lang)
    shown_dates = _office_dates(office, lang, citations)
    shown_differences = differences(citations, office.differences, lang)
    citations.cite(office.sources)
    shown_since = developments(citations, office.since, lang)
    return OfficeDetails(
        office=office,
        city=office.city.get(lang),
        status=text(f"status_{office.status}", lang),
        country=country_name(office.country, lang),
        region=text(f"region_{office.region}", lang),
        role=office.role.get(lang),
        notes=office.notes.get(lang) if office.notes else None,
        dates=shown_dates,
        differences=shown_differences,
        since=shown_since,
        sources=citations.listed,
        people=people_for_office(dataset, office.id),
        partnerships=partnerships_for_office(dataset, office.id),
        distance_to_hq=to_hq,
        nearest=nearest,
        local_time=text("local_time", lang, time=format_local_time(office.timezone, at, lang)),
        time_to_hq=None if office.id == hq.id else _time_to_hq(office, hq, at, lang),
    )


def _time_to_hq(office: Office, hq: Office, at: datetime, lang: str) -> str:
    """``16 h ahead of San Francisco``."""
    return describe_difference(
        difference(office.timezone, hq.timezone, at), hq.city.get(lang), lang
    )


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
        text("column_city", lang): office.city.get(lang),
        text("column_country", lang): country_name(office.country, lang),
        text("column_region", lang): text(f"region_short_{office.region}", lang),
        text("column_status", lang): text(f"status_{office.status}", lang),
    }
    for name in dates:
        row[text(f"date_{name}", lang)] = getattr(office.dates, name) or ""
    first = dataset.sources_by_id[office.sources[0]]
    row[text("column_source", lang)] = first.url
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
            text("column_city", lang): office.city.get(lang),
            text("column_distance_km", lang): round(distances[office.id]),
            text("column_time_difference", lang): _time_to_hq(office, hq, at, lang),
            text("column_utc_offset", lang): format_offset(utc_offset(office.timezone, at)),
        }
        for office in dataset.offices
    ]


def filter_offices(
    dataset: Dataset, status: str = "all", region: str = "all"
) -> tuple[Office, ...]:
    """The offices that pass the status and region filters ("all" lets everything through)."""
    return tuple(
        office
        for office in dataset.offices
        if status in ("all", office.status) and region in ("all", office.region)
    )


def _counted(count: int, key: str, lang: str, **values: object) -> str:
    """The ``key_one`` string for one, ``key`` for any other count (written "3,333")."""
    shown = format_decimal(count, locale=babel_locale(lang))
    return text(f"{key}_one" if count == 1 else key, lang, count=shown, **values)


SUMMARY_CITIES = 10


def _city_list(dataset: Dataset, offices: list[Office], lang: str) -> str:
    """ "London, Dublin and Tokyo"; past ``SUMMARY_CITIES`` the first of them (headquarters
    first, then in the data's order) and how many more."""
    names = [office.city.get(lang) for office in offices]
    if len(names) > SUMMARY_CITIES:
        first = sorted(offices, key=lambda office: office.id != dataset.company.headquarters)
        named = [office.city.get(lang) for office in first[: SUMMARY_CITIES - 2]]
        more = text(
            "summary_more_cities",
            lang,
            count=format_decimal(len(names) - len(named), locale=babel_locale(lang)),
        )
        names = [*named, more]
    return format_list(names, locale=babel_locale(lang))


def summary_paragraph(dataset: Dataset, offices: tuple[Office, ...], lang: str = "en") -> str:
    """One paragraph on the offices shown, written from the data in ``lang``."""
    if not offices:
        return text("summary_none", lang)
    company = dataset.company.name.get(lang)
    existing = [o for o in offices if o.status == "existing"]
    announced = [o for o in offices if o.status == "announced"]
    sentences = []
    if existing:
        cities = _city_list(dataset, existing, lang)
        sentences.append(
            _counted(len(existing), "summary_existing", lang, company=company, cities=cities)
        )
    if announced:
        cities = _city_list(dataset, announced, lang)
        dates = {o.dates.announced for o in announced}
        common = dates.pop() if len(dates) == 1 else None
        if common is not None:
            when = format_partial_date(common, lang)
            sentences.append(
                _counted(
                    len(announced),
                    "summary_announced_on",
                    lang,
                    company=company,
                    date=when,
                    cities=cities,
                )
            )
        else:
            sentences.append(
                _counted(len(announced), "summary_announced", lang, company=company, cities=cities)
            )
    countries = len({o.country for o in offices})
    regions = len({o.region for o in offices})
    sentences.append(
        _counted(countries, "summary_countries", lang)
        + " "
        + _counted(regions, "summary_regions", lang)
    )
    if dataset.headquarters in offices:
        sentences.append(text("summary_hq", lang, city=dataset.headquarters.city.get(lang)))
    return " ".join(sentences)


def highlighted_offices(dataset: Dataset, highlight: tuple[str, str] | None) -> frozenset[str]:
    """The offices a highlighted person (``("person", id)``) or partnership
    (``("partnership", id)``) belongs to; nothing for anything else."""
    if not highlight:
        return frozenset()
    kind, item_id = highlight
    if kind == "person":
        for person in dataset.people:
            if person.id == item_id:
                base = (person.base_office,) if person.base_office else ()
                return frozenset(base + person.related_offices)
    if kind == "partnership":
        for partnership in dataset.partnerships:
            if partnership.id == item_id:
                return frozenset(partnership.offices)
    return frozenset()
