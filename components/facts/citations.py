"""Sources as a panel cites them: labels, footnote numbers in the order first cited, and the
sourced lines (differences between sources, later developments)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from components.data.schema import (
    Dataset,
    Difference,
    Source,
)
from components.text.catalog import _
from components.text.formatting import format_partial_date, language_name


def source_label(source: Source, lang: str = "en") -> str:
    """``Reuters, 15 April 2024: OpenAI bids for Japan business … (reprint; original not
    seen)``; a source in another language than the reader's says which ("in German")."""
    when = f", {format_partial_date(source.date, lang)}" if source.date else ""
    qualifiers = []
    if source.language and source.language != lang:
        qualifiers.append(_("in {language}", lang, language=language_name(source.language, lang)))
    if source.is_copy:
        qualifiers.append(_("reprint; original not seen", lang))
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
