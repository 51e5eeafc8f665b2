"""Words written from the data for the page's head and the table's summary: the headline, the
figures line, the paragraph on the offices shown, the later developments."""

from __future__ import annotations

from babel.lists import format_list

from components.data.schema import (
    Dataset,
    Office,
)
from components.facts.queries import Metrics
from components.text.catalog import Nn_, _, babel_locale, format_number, n_, possessive
from components.text.formatting import format_partial_date


def figures_line(
    metrics: Metrics, lang: str = "en", number: str = "{}", total: int | None = None
) -> str:
    """ "4 existing · 5 announced · 7 countries · 3 regions"; where a filter shows only some
    of ``total`` offices, what is shown: "2 of 9 offices shown · 2 announced · 2 countries"
    (a status none of them has is not counted). ``number`` formats each count (``"**{}**"``
    sets them in bold Markdown)."""

    def shown(count: int) -> str:
        return number.format(format_number(count, lang))

    parts = []
    filtered = total is not None and metrics.existing + metrics.announced < total
    if filtered:
        count = metrics.existing + metrics.announced
        # The noun goes with the total: "1 of 9 offices shown".
        parts.append(
            n_("{count} of {total} office shown", "{count} of {total} offices shown", total or 0,
               lang, count=shown(count), total=shown(total or 0))
        )  # fmt: skip
    if metrics.existing or not filtered:
        parts.append(n_("{count} existing", "{count} existing", metrics.existing, lang,
                        count=shown(metrics.existing)))  # fmt: skip
    if metrics.announced or not filtered:
        parts.append(n_("{count} announced", "{count} announced", metrics.announced, lang,
                        count=shown(metrics.announced)))  # fmt: skip
    parts.append(n_("{count} country", "{count} countries", metrics.countries, lang,
                    count=shown(metrics.countries)))  # fmt: skip
    if metrics.regions > 1 or not filtered:
        parts.append(n_("{count} region", "{count} regions", metrics.regions, lang,
                        count=shown(metrics.regions)))  # fmt: skip
    return " · ".join(parts)


def headline(dataset: Dataset, lang: str = "en") -> str:
    """ "OpenAI's global footprint" / "OpenAIs globale Präsenz", for the data's company."""
    owner = possessive(dataset.company.name.get(lang), lang)
    return _("{company} global footprint", lang, company=owner)


SUMMARY_CITIES = 10


def _city_list(dataset: Dataset, offices: list[Office], lang: str) -> str:
    """ "London, Dublin and Tokyo"; past ``SUMMARY_CITIES`` the first of them (headquarters
    first, then in the data's order) and how many more."""
    names = [office.city.get(lang) for office in offices]
    if len(names) > SUMMARY_CITIES:
        first = sorted(offices, key=lambda office: office.id != dataset.company.headquarters)
        named = [office.city.get(lang) for office in first[: SUMMARY_CITIES - 2]]
        rest = len(names) - len(named)
        more = n_("{count} more", "{count} more", rest, lang)
        names = [*named, more]
    return format_list(names, locale=babel_locale(lang))


# The summary's sentences on existing and announced offices, by whether the company is named.
_EXISTING = {
    True: Nn_("{company} has one existing office: {cities}.",
              "{company} has {count} existing offices: {cities}."),
    False: Nn_("You have one existing office: {cities}.",
               "You have {count} existing offices: {cities}."),
}  # fmt: skip
_ANNOUNCED_ON = {
    True: Nn_("On {date} {company} announced one new office: {cities}.",
              "On {date} {company} announced {count} new offices: {cities}."),
    False: Nn_("On {date} you announced one new office: {cities}.",
               "On {date} you announced {count} new offices: {cities}."),
}  # fmt: skip
_ANNOUNCED = {
    True: Nn_("{company} has announced one new office: {cities}.",
              "{company} has announced {count} new offices: {cities}."),
    False: Nn_("You have announced one new office: {cities}.",
               "You have announced {count} new offices: {cities}."),
}  # fmt: skip


def summary_paragraph(dataset: Dataset, offices: tuple[Office, ...], lang: str = "en") -> str:
    """One paragraph on the offices shown, written from the data in ``lang``."""
    if not offices:
        return _("No office matches these filters.", lang)
    values = {"company": dataset.company.name.get(lang)}
    # Without a name (a reader's table), the sentences speak to the reader.
    named = dataset.company.name_stated
    existing = [o for o in offices if o.status == "existing"]
    announced = [o for o in offices if o.status == "announced"]
    sentences = []
    if existing:
        cities = _city_list(dataset, existing, lang)
        sentences.append(n_(*_EXISTING[named], len(existing), lang, **values, cities=cities))
    if announced:
        cities = _city_list(dataset, announced, lang)
        dates = {o.dates.announced for o in announced}
        common = dates.pop() if len(dates) == 1 else None
        if common is not None:
            when = format_partial_date(common, lang)
            message = _ANNOUNCED_ON[named]
            sentences.append(n_(*message, len(announced), lang, **values, cities=cities, date=when))
        else:
            sentences.append(n_(*_ANNOUNCED[named], len(announced), lang, **values, cities=cities))
    countries = len({o.country for o in offices})
    regions = len({o.region for o in offices})
    sentences.append(
        n_("They are in one country", "They are in {count} countries", countries, lang)
        + " "
        + n_("in one region.", "across {count} regions.", regions, lang)
    )
    if dataset.company.headquarters_stated and dataset.headquarters in offices:
        city = dataset.headquarters.city.get(lang)
        sentences.append(_("The headquarters is in {city}.", lang, city=city))
    return " ".join(sentences)
