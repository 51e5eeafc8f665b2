"""One search over offices, countries, people and partners, in English and German."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from components.data.memo import per_object
from components.data.schema import Dataset
from components.text.catalog import LANGUAGES, babel_locale
from components.text.folding import fold


@dataclass(frozen=True)
class SearchResult:
    """A match: what was found (``label``, in the reader's language) and the office it selects."""

    kind: str  # "office", "country", "person" or "partner"
    label: str
    office_id: str


@per_object()
def _all_entries(dataset: Dataset) -> dict[str, list[tuple[SearchResult, tuple[str, ...]]]]:
    """Every searchable thing per language: the result it gives and the names it is found
    by, folded (computed once per dataset: thousands of offices are searched per keystroke)."""
    return {
        lang: [
            (result, tuple(fold(name) for name in names))
            for result, names in _entries(dataset, lang)
        ]
        for lang in LANGUAGES
    }


def _entries(dataset: Dataset, lang: str) -> list[tuple[SearchResult, set[str]]]:
    """Every searchable thing: the result it gives and the names it is found by."""
    entries = []
    countries = {code: Locale.parse(babel_locale(code)).territories for code in LANGUAGES}
    for office in dataset.offices:
        names = {office.city.get("en"), office.city.get("de"), office.id}
        entries.append((SearchResult("office", office.city.get(lang), office.id), names))
        country_names = {countries[code].get(office.country, office.country) for code in LANGUAGES}
        label = f"{countries[lang].get(office.country, office.country)} · {office.city.get(lang)}"
        entries.append(
            (SearchResult("country", label, office.id), country_names | {office.country})
        )
    for person in dataset.people:
        office_id = person.base_office or next(iter(person.related_offices), None)
        if office_id:
            city = dataset.office(office_id).city.get(lang)
            entries.append(
                (SearchResult("person", f"{person.name} · {city}", office_id), {person.name})
            )
    for partnership in dataset.partnerships:
        for office_id in partnership.offices:
            city = dataset.office(office_id).city.get(lang)
            label = f"{partnership.partner} · {city}"
            entries.append((SearchResult("partner", label, office_id), {partnership.partner}))
    return entries


def search(dataset: Dataset, query: str, lang: str = "en", limit: int = 8) -> list[SearchResult]:
    """Matches for ``query`` in either language: names starting with it first, then names
    containing it. An empty query finds nothing."""
    wanted = fold(query.strip())[:100]
    if not wanted:
        return []
    starts, contains = [], []
    entries = _all_entries(dataset)
    for result, folded in entries.get(lang, entries["en"]):
        if any(name.startswith(wanted) for name in folded):
            starts.append(result)
        elif any(wanted in name for name in folded):
            contains.append(result)
    unique = list(dict.fromkeys(starts + contains))
    return unique[:limit]
