"""Questions asked of the dataset: which offices a filter lets through, how many of each
status, whose offices a person or partnership has, each office's name in a list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from components.data.collecting import paused_collections
from components.data.memo import per_object
from components.data.schema import (
    Dataset,
    Office,
    Partnership,
    Person,
    status_counts,
)
from components.text.catalog import LANGUAGES
from components.text.formatting import country_name


@dataclass(frozen=True)
class Metrics:
    existing: int
    announced: int
    countries: int
    regions: int


def office_metrics(offices: Iterable[Office]) -> Metrics:
    """How many offices exist and are announced, in how many countries and regions."""
    offices = tuple(offices)
    counts = status_counts(offices)
    return Metrics(
        existing=counts["existing"],
        announced=counts["announced"],
        countries=len({office.country for office in offices}),
        regions=len({office.region for office in offices}),
    )


def headline_metrics(dataset: Dataset) -> Metrics:
    return office_metrics(dataset.offices)


@per_object()
@paused_collections()
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


def passes_filters(office: Office, status: str = "all", region: str = "all") -> bool:
    """Whether the status and region filters let the office through ("all": any)."""
    return status in ("all", office.status) and region in ("all", office.region)


def filter_offices(
    dataset: Dataset, status: str = "all", region: str = "all"
) -> tuple[Office, ...]:
    """The offices that pass the status and region filters, kept per dataset and filter
    (a click's run asks again; at 50,000 offices a pass over them took 30 ms)."""
    if status == "all" and region == "all":
        return dataset.offices
    kept = _filtered(dataset)
    shown = kept.get((status, region))
    if shown is None:
        shown = tuple(o for o in dataset.offices if passes_filters(o, status, region))
        if len(kept) < _FILTERS_KEPT:  # a race computes it twice, never wrongly
            kept[(status, region)] = shown
    return shown


_FILTERS_KEPT = 32  # every status and region filter the page offers, with room to spare


@per_object()
def _filtered(dataset: Dataset) -> dict[tuple[str, str], tuple[Office, ...]]:
    return {}


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


def leading_offices(dataset: Dataset, count: int) -> tuple[str, ...]:
    """The ``count`` offices a long list starts with: headquarters, then those the data
    ranks higher, existing before announced, in the data's order."""
    return _ranked(dataset)[:count]


@per_object()
@paused_collections()
def _ranked(dataset: Dataset) -> tuple[str, ...]:
    """Every office's id in the order of :func:`leading_offices`, once per dataset (the
    sort took 0.25 s at 50,000 offices, on every click)."""
    hq = dataset.company.headquarters
    keys = [
        (office.id != hq, -(office.label_priority or 0), office.status != "existing", index)
        for index, office in enumerate(dataset.offices)
    ]
    return tuple(dataset.offices[key[-1]].id for key in sorted(keys))
