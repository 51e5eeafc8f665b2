"""The dataset: a typed, immutable model of ``data/offices.json`` and its validation.

``load_dataset(path)`` returns a frozen :class:`Dataset` or raises one
:class:`DatasetError` that lists *every* problem with its JSON path and the bad value.

Run ``python -m components.data.schema validate [PATH]`` to check a file from the shell.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

DEFAULT_DATA_PATH = Path(__file__).resolve().parents[2] / "data" / "offices.json"

Status = Literal["existing", "announced"]
Region = Literal["Americas", "EMEA", "APAC"]
Language = Literal["en", "de"]
DateName = Literal["founded", "announced", "opened", "planned_opening"]

STATUSES: tuple[Status, ...] = ("existing", "announced")
REGIONS: tuple[Region, ...] = ("Americas", "EMEA", "APAC")

# Babel knows these two-letter codes, but they name groupings or placeholders, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})
_COUNTRY_CODES = frozenset(
    code
    for code in Locale.parse("en").territories
    if isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code) and code not in _NOT_COUNTRIES
)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_partial_date(value: str) -> tuple[int, int | None, int | None]:
    """``2024-10-09`` → ``(2024, 10, 9)``, ``2015-12`` → ``(2015, 12, None)``, ``2017`` →
    ``(2017, None, None)``. The one parser of the data's dates: raises ``ValueError`` for
    anything else, and for dates that do not exist."""
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern requires it
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"not a real date ({exc})") from None
    return year, month, day


def partial_date_start(value: str) -> date:
    """The first day a partial date can mean: ``2015-12`` → 1 December 2015."""
    year, month, day = parse_partial_date(value)
    return date(year, month or 1, day or 1)


def slug(text: str, default: str = "office") -> str:
    """An identifier made from a name: ``Brüssel`` → ``brussel``, ``São Paulo`` →
    ``sao-paulo``; ``default`` where nothing of the name is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:48] or default


def _check_partial_date(value: str) -> str:
    parse_partial_date(value)
    return value


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("expected an IANA time zone such as 'Europe/Paris'") from None
    return value


def _check_country(value: str) -> str:
    if value not in _COUNTRY_CODES:
        raise ValueError("expected an ISO 3166-1 alpha-2 country code such as 'FR'")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
CountryCode = Annotated[str, AfterValidator(_check_country)]
TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_check_timezone)]
SourceIds = Annotated[tuple[Identifier, ...], Field(min_length=1)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


def _check_sides(value: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(value)) < 2:
        raise ValueError(
            "a note that sources differ must cite at least two different sources, one for each side"
        )
    return value


def _same_in_both_languages(value: Any) -> Any:
    """A name given once (``"Reuters"``) is the same in English and German."""
    return {"en": value, "de": value} if isinstance(value, str) else value


DifferingSources = Annotated[tuple[Identifier, ...], AfterValidator(_check_sides)]


class Model(BaseModel):
    """Base of every record: immutable, strict, and no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, serialize_by_alias=True)


class LocalizedText(Model):
    """A human-readable text in English and German."""

    en: Text
    de: Text

    def get(self, lang: str) -> str:
        """The text in ``lang``, English for any other language."""
        return self.de if lang == "de" else self.en


class SourcedText(Model):
    text: LocalizedText
    sources: SourceIds


class Difference(Model):
    """Where sources disagree about a fact: both sides, each with its source."""

    text: LocalizedText
    sources: DifferingSources


class Development(Model):
    """Something that happened after the data's date, with its source; it changes no status."""

    date: PartialDate | None
    text: LocalizedText
    sources: SourceIds


class Source(Model):
    id: Identifier
    # A name given once is the same in both languages ("Reuters").
    publisher: Annotated[LocalizedText, BeforeValidator(_same_in_both_languages)]
    title: LocalizedText
    date: PartialDate | None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None
    # The language the source is written in (ISO 639-1), ``null`` where not seen.
    language: LanguageCode | None
    # ``"copy": true``: the address is a reprint, the original was not seen. (Named
    # ``is_copy`` here because ``copy`` is a method of every pydantic model.)
    is_copy: bool = Field(default=False, alias="copy")
    # What a reader should know about the source ("Quotes OpenAI's post on X: …").
    note: LocalizedText | None = None


class OfficeDates(Model):
    founded: PartialDate | None
    announced: PartialDate | None
    opened: PartialDate | None
    planned_opening: PartialDate | None
    # How the source words the plan ("end of 2024"), shown instead of the bare date.
    planned_opening_label: LocalizedText | None
    # Which sources give which date.
    sources: dict[DateName, tuple[Identifier, ...]] = Field(default_factory=dict)


class Office(Model):
    id: Identifier
    city: LocalizedText
    country: CountryCode
    region: Region
    lat: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    lon: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
    timezone: TimeZone
    status: Status
    dates: OfficeDates
    role: LocalizedText
    notes: LocalizedText | None
    sources: SourceIds
    differences: tuple[Difference, ...] = ()
    # Later developments; the office's status stays that of the data's date.
    since: tuple[Development, ...] = ()
    # Whose name the map keeps where labels would collide (higher first); without it,
    # headquarters, then existing, then announced offices.
    label_priority: Annotated[int, Field(ge=0, le=100)] | None = None


class Statement(Model):
    kind: Literal["quote", "paraphrase"]
    original_language: Language
    text: LocalizedText


class Person(Model):
    id: Identifier
    name: Text
    role: LocalizedText
    previous_positions: tuple[LocalizedText, ...]
    other_roles: tuple[LocalizedText, ...]
    base_office: Identifier | None
    related_offices: tuple[Identifier, ...]
    statement: Statement | None
    sources: SourceIds
    differences: tuple[Difference, ...] = ()


class Partnership(Model):
    id: Identifier
    partner: Text
    description: LocalizedText
    partner_since: PartialDate | None
    initiated_by: Text | None
    aim: LocalizedText
    offices: tuple[Identifier, ...]
    notes: tuple[SourcedText, ...]
    sources: SourceIds
    differences: tuple[Difference, ...] = ()


class Funding(Model):
    amount_usd: Annotated[int, Field(gt=0)]
    description: LocalizedText
    uses: tuple[LocalizedText, ...]
    credit_line_usd: Annotated[int, Field(gt=0)] | None
    valuation_usd: Annotated[int, Field(gt=0)] | None
    details_sources: tuple[Identifier, ...]
    sources: SourceIds
    context: tuple[SourcedText, ...]
    differences: tuple[Difference, ...] = ()


class Licence(Model):
    """Under what terms the data may be reused, as the export's footer states it."""

    name: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    # Who to credit, where not the company's name ("OpenAI offices, compiled from …").
    attribution: LocalizedText | None = None


class Company(Model):
    name: LocalizedText
    headquarters: Identifier
    sources: SourceIds
    # Later developments that belong to no office on the map (a planned office elsewhere).
    since: tuple[Development, ...] = ()


class Dataset(Model):
    """Everything the dashboard shows, validated and immutable."""

    schema_version: Literal[1]
    company: Company
    as_of: PartialDate
    sources: tuple[Source, ...]
    offices: Annotated[tuple[Office, ...], Field(min_length=1)]
    # A company's own list of places may have none of these.
    people: tuple[Person, ...] = ()
    partnerships: tuple[Partnership, ...] = ()
    funding: Funding | None = None
    licence: Licence | None = None

    @cached_property
    def offices_by_id(self) -> dict[str, Office]:
        return {office.id: office for office in self.offices}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    def office(self, office_id: str) -> Office:
        return self.offices_by_id[office_id]

    @property
    def headquarters(self) -> Office:
        return self.office(self.company.headquarters)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where (JSON path), what, and the bad value."""

    path: str
    message: str
    value: Any = None
    has_value: bool = False

    def __str__(self) -> str:
        where = self.path or "(file)"
        if not self.has_value:
            return f"{where}: {self.message}"
        shown = repr(self.value)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{where}: {self.message} (got {shown})"


class DatasetError(ValueError):
    """A data file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        lines = [f"{source}: {_count(len(self.problems), 'problem')}"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


def json_path(location: Sequence[str | int]) -> str:
    """``("offices", 3, "lat")`` → ``offices[3].lat``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _problems_from_validation(error: ValidationError) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        # Pydantic names the union branch tried (``str``, ``constrained-str``,
        # ``function-after[...]``) in the location; a reader wants the JSON path only.
        location = [part for part in item["loc"] if not _is_union_branch(part)]
        if item["type"] == "none_required":
            continue  # the other branch of "X | None" already says what is wrong
        missing = item["type"] == "missing"
        message = "required field is missing" if missing else item["msg"]
        message = message.removeprefix("Value error, ")
        yield Problem(json_path(location), message, item.get("input"), has_value=not missing)


def _is_union_branch(part: str | int) -> bool:
    return isinstance(part, str) and (
        part in {"str", "int", "float", "none"}
        or part.startswith(("constrained-", "function-", "tuple[", "nullable["))
        or part in {cls.__name__ for cls in Model.__subclasses__()}
    )


def _items(raw: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The records of a top-level list, skipping anything that is not an object."""
    values = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(values, list):
        return []
    return [(index, item) for index, item in enumerate(values) if isinstance(item, dict)]


def _id_set(raw: Any, key: str) -> set[str]:
    return {item["id"] for _, item in _items(raw, key) if isinstance(item.get("id"), str)}


def _reference_problems(raw: Any) -> Iterator[Problem]:
    """Duplicate ids and references to offices or sources that do not exist."""
    for key in ("sources", "offices", "people", "partnerships"):
        seen: dict[str, int] = {}
        for index, item in _items(raw, key):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                yield Problem(
                    f"{key}[{index}].id",
                    f"duplicate id, first used at {key}[{seen[item_id]}]",
                    item_id,
                    has_value=True,
                )
            else:
                seen[item_id] = index

    known = {"office": _id_set(raw, "offices"), "source": _id_set(raw, "sources")}

    def check(kind: str, path: str, value: Any) -> Iterator[Problem]:
        values = value if isinstance(value, list) else [value]
        for position, ref in enumerate(values):
            if isinstance(ref, str) and ref not in known[kind]:
                where = f"{path}[{position}]" if isinstance(value, list) else path
                yield Problem(where, f"unknown {kind} id", ref, has_value=True)

    company = raw.get("company") if isinstance(raw, dict) else None
    if isinstance(company, dict):
        yield from check("office", "company.headquarters", company.get("headquarters"))
        yield from check("source", "company.sources", company.get("sources"))
        yield from _sourced_text_problems(check, "company.since", company.get("since"))
    for index, office in _items(raw, "offices"):
        yield from check("source", f"offices[{index}].sources", office.get("sources"))
        dates = office.get("dates")
        date_sources = dates.get("sources") if isinstance(dates, dict) else None
        if isinstance(date_sources, dict):
            for name, ids in date_sources.items():
                path = f"offices[{index}].dates.sources.{name}"
                yield from check("source", path, ids)
        for part in ("differences", "since"):
            yield from _sourced_text_problems(check, f"offices[{index}].{part}", office.get(part))
    for index, person in _items(raw, "people"):
        yield from check("office", f"people[{index}].base_office", person.get("base_office"))
        yield from check(
            "office", f"people[{index}].related_offices", person.get("related_offices")
        )
        yield from check("source", f"people[{index}].sources", person.get("sources"))
        yield from _sourced_text_problems(
            check, f"people[{index}].differences", person.get("differences")
        )
    for index, partnership in _items(raw, "partnerships"):
        path = f"partnerships[{index}]"
        yield from check("office", f"{path}.offices", partnership.get("offices"))
        yield from check("source", f"{path}.sources", partnership.get("sources"))
        for part in ("notes", "differences"):
            yield from _sourced_text_problems(check, f"{path}.{part}", partnership.get(part))
    funding = raw.get("funding") if isinstance(raw, dict) else None
    if isinstance(funding, dict):
        yield from check("source", "funding.sources", funding.get("sources"))
        yield from check("source", "funding.details_sources", funding.get("details_sources"))
        for part in ("context", "differences"):
            yield from _sourced_text_problems(check, f"funding.{part}", funding.get(part))


def _sourced_text_problems(check: Any, path: str, items: Any) -> Iterator[Problem]:
    """Unknown sources of a list of sourced texts (notes, differences, developments)."""
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield from check("source", f"{path}[{index}].sources", item.get("sources"))


def parse_dataset(text: str, source: str = "<data>") -> Dataset:
    """Validate the JSON text of a data file; raise :class:`DatasetError` listing all problems."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem("", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        raise DatasetError(source, [problem]) from None
    if not isinstance(raw, dict):
        raise DatasetError(source, [Problem("", "expected a JSON object", raw, has_value=True)])

    problems: list[Problem] = []
    dataset: Dataset | None = None
    try:
        dataset = Dataset.model_validate_json(text)
    except ValidationError as exc:
        problems.extend(_problems_from_validation(exc))
    problems.extend(_reference_problems(raw))
    if problems or dataset is None:
        raise DatasetError(source, problems)
    return dataset


def load_dataset(path: str | Path = DEFAULT_DATA_PATH) -> Dataset:
    """Read and validate a data file; raise :class:`DatasetError` naming every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(str(path), [Problem("", "file not found")]) from None
    except UnicodeDecodeError as exc:
        problem = Problem("", f"not UTF-8 text (byte {exc.start}: {exc.reason})")
        raise DatasetError(str(path), [problem]) from None
    except OSError as exc:
        raise DatasetError(str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    return parse_dataset(text, str(path))


def summary(dataset: Dataset) -> str:
    """One line describing a valid dataset."""
    existing = sum(office.status == "existing" for office in dataset.offices)
    announced = len(dataset.offices) - existing
    return (
        f"{len(dataset.offices)} offices ({existing} existing, {announced} announced), "
        f"{len(dataset.people)} people, {_count(len(dataset.partnerships), 'partnership')}, "
        f"{len(dataset.sources)} sources"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m components.data.schema")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data file and list its problems")
    validate.add_argument("path", nargs="?", default=str(DEFAULT_DATA_PATH))
    args = parser.parse_args(argv)

    try:
        dataset = load_dataset(args.path)
    except DatasetError as exc:
        print(exc)
        return 1
    print(f"{args.path}: OK, {summary(dataset)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
