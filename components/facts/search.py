"""One search over offices, countries, people and partners, in English and German."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

from components.data.collecting import paused_collections
from components.data.memo import per_object
from components.data.schema import Dataset
from components.text.catalog import LANGUAGES, babel_locale
from components.text.folding import fold
from components.text.formatting import country_name


@dataclass(frozen=True)
class SearchResult:
    """A match: what was found (``label``, in the reader's language) and the office it selects."""

    kind: str  # "office", "country", "person" or "partner"
    label: str
    office_id: str


# One searchable thing: its kind, the office it selects, what it is called in a result
# (the person or partner), and the names it is found by, folded and joined by NUL (one
# substring test finds a name that contains the query, one more a name that starts with it).
_Entry = tuple[str, int, str, str]
_SEPARATOR = "\x00"


@per_object()
@paused_collections()
def _index(dataset: Dataset) -> tuple[_Entry, ...]:
    """Every searchable thing, built once per dataset (folding names is the slow part: each
    name is folded once, each country's names once for all its offices)."""
    entries: list[_Entry] = []
    country_names: dict[str, str] = {}
    territories = {lang: Locale.parse(babel_locale(lang)).territories for lang in LANGUAGES}
    for index, office in enumerate(dataset.offices):
        names = {office.city.get(lang) for lang in LANGUAGES} | {office.id}
        entries.append(("office", index, "", _joined(names)))
        code = office.country
        if code not in country_names:
            country = {str(territories[lang].get(code, code)) for lang in LANGUAGES}
            country_names[code] = _joined(country | {code})
        entries.append(("country", index, "", country_names[code]))
    offices = dataset.offices_by_id
    positions = {office.id: index for index, office in enumerate(dataset.offices)}
    for person in dataset.people:
        office_id = person.base_office or next(iter(person.related_offices), None)
        if office_id in offices:
            entries.append(("person", positions[office_id], person.name, _joined({person.name})))
    for partnership in dataset.partnerships:
        for office_id in partnership.offices:
            entries.append(
                (
                    "partner",
                    positions[office_id],
                    partnership.partner,
                    _joined({partnership.partner}),
                )
            )
    # A tuple: once its entries are found to hold no containers, the collector stops
    # walking it (a list of 100,000 entries is walked on every collection, every click).
    return tuple(entries)


def _joined(names: set[str]) -> str:
    return _SEPARATOR + _SEPARATOR.join(sorted(fold(name) for name in names))


def search_index(dataset: Dataset) -> None:
    """Build the search's index now (at load, so that no reader's first search waits)."""
    _index(dataset)


def _result(dataset: Dataset, entry: _Entry, lang: str) -> SearchResult:
    kind, index, name, _names = entry
    office = dataset.offices[index]
    city = office.city.get(lang)
    if kind == "office":
        label = city
    elif kind == "country":
        label = f"{country_name(office.country, lang)} · {city}"
    else:
        label = f"{name} · {city}"
    return SearchResult(kind, label, office.id)


def search(dataset: Dataset, query: str, lang: str = "en", limit: int = 8) -> list[SearchResult]:
    """Matches for ``query`` in either language: names starting with it first, then names
    containing it. An empty query finds nothing."""
    wanted = fold(query.strip())[:100]
    if not wanted:
        return []
    starts: list[_Entry] = []
    contains: list[_Entry] = []
    prefix = _SEPARATOR + wanted
    for entry in _index(dataset):
        names = entry[3]
        if wanted in names:
            if prefix in names:
                starts.append(entry)
                if len(starts) >= limit * 4:
                    break
            elif len(contains) < limit * 4:
                contains.append(entry)
    results = [_result(dataset, entry, lang) for entry in starts + contains]
    return list(dict.fromkeys(results))[:limit]
