"""Words written from the data for the page's head and the table's summary: the headline, the
figures line, the paragraph on the offices shown, the later developments."""

from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list
from babel.numbers import format_decimal

from components.data.schema import (
    Dataset,
    Development,
    Office,
)
from components.facts.citations import Citations, SourcedLine, developments
from components.facts.queries import Metrics
from components.text.catalog import babel_locale, possessive, text
from components.text.formatting import format_partial_date


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
