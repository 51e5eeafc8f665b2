"""Questions asked of the dataset: which offices a filter lets through, how many of each
status, whose offices a person or partnership has, each office's name in a list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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


def filter_offices(
    dataset: Dataset, status: str = "all", region: str = "all"
) -> tuple[Office, ...]:
    """The offices that pass the status and region filters ("all" lets everything through)."""
    return tuple(
        office
        for office in dataset.offices
        if status in ("all", office.status) and region in ("all", office.region)
    )


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
    hq = dataset.company.headquarters
    ranked = sorted(
        range(len(dataset.offices)),
        key=lambda i: (
            dataset.offices[i].id != hq,
            -(dataset.offices[i].label_priority or 0),
            dataset.offices[i].status != "existing",
            i,
        ),
    )
    return tuple(dataset.offices[i].id for i in ranked[:count])
