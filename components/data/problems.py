"""What is wrong with a data file, every problem at once, each with its JSON path
(``offices[3].lat``) and the bad value.

Two kinds: what pydantic finds against the schema, and references to records that do not
exist (or ids used twice). The second is derived from the schema itself: a walk of the raw
JSON that follows the models' field types, so it reports unknown references even in a file
that fails validation elsewhere, and a new reference field needs no code here.
"""

from __future__ import annotations

import reprlib
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from components.data.schema import Dataset, Model, RecordKind, RefersTo

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 80
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 12


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
        shown = _SHORT.repr(self.value)  # never the whole of a huge value
        if len(shown) > 80:
            shown = shown[:77] + "..."
        return f"{where}: {self.message} (got {shown})"


class DatasetError(ValueError):
    """A data file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"{source}: {count} problem{'' if count == 1 else 's'}"]
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


def validation_problems(error: ValidationError) -> Iterator[Problem]:
    """pydantic's errors as problems with JSON paths."""
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
        or part.startswith(("constrained-", "function-", "tuple[", "nullable[", "dict["))
        or part in {cls.__name__ for cls in Model.__subclasses__()}
        or part == "LocalizedText"
    )


# References, derived from the schema ---------------------------------------------------------


# Where a value stands, as a chain of (parent, key or index) built while walking and written
# out as a JSON path only for a problem: a file of 50,000 offices walks without formatting
# a path for each of its ids.
_Path = tuple[Any, str | int] | None


class _Found(NamedTuple):
    """A record's id (``is_reference`` false) or a reference to one, where it stands."""

    kind: RecordKind
    path: _Path
    value: str
    is_reference: bool


def _path_text(path: _Path) -> str:
    parts: list[str | int] = []
    while path is not None:
        path, part = path
        parts.append(part)
    return json_path(parts[::-1])


def reference_problems(raw: Any, schema: type[BaseModel] = Dataset) -> Iterator[Problem]:
    """Ids used twice within a kind of record, and references to ids that do not exist, in
    the file's JSON or in a record the schema already validated."""
    found: list[_Found] = []
    visit = _visitor_of_model(schema)
    if visit is not None:
        visit(raw, None, found)
    first: dict[tuple[RecordKind, str], _Path] = {}
    for item in found:
        if item.is_reference:
            continue
        key = (item.kind, item.value)
        if key in first:
            where = _path_text(first[key]).removesuffix(".id")
            message = f"duplicate id, first used at {where}"
            yield Problem(_path_text(item.path), message, item.value, True)
        else:
            first[key] = item.path
    for item in found:
        if item.is_reference and (item.kind, item.value) not in first:
            message = f"unknown {item.kind} id"
            yield Problem(_path_text(item.path), message, item.value, has_value=True)


# A visitor reads one raw JSON value as its type says and appends the ids and references it
# holds; it is compiled once per type (a file of 50,000 offices is walked in a few tenths of
# a second), and is None where the type can hold neither.
Visitor = Callable[[Any, _Path, list[_Found]], None]
_MODEL_VISITORS: dict[type[BaseModel], Visitor | None] = {}


def _visitor(annotation: Any) -> Visitor | None:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        marks = [mark for mark in metadata if isinstance(mark, RefersTo)]
        if marks:
            kind = marks[0].kind

            def reference(raw: Any, path: _Path, found: list[_Found]) -> None:
                if isinstance(raw, str):
                    found.append(_Found(kind, path, raw, is_reference=True))

            return reference
        return _visitor(inner)
    if origin in (Union, types.UnionType):
        options = [v for a in get_args(annotation) if a is not type(None) and (v := _visitor(a))]
        if not options:
            return None

        def either(raw: Any, path: _Path, found: list[_Found]) -> None:
            for option in options:
                option(raw, path, found)

        return either
    if origin is tuple:
        item = _visitor(get_args(annotation)[0])
        if item is None:
            return None

        def items(raw: Any, path: _Path, found: list[_Found]) -> None:
            if isinstance(raw, list | tuple):
                for index, value in enumerate(raw):
                    item(value, (path, index), found)

        return items
    if origin is dict:
        value_visitor = _visitor(get_args(annotation)[1])
        if value_visitor is None:
            return None

        def values(raw: Any, path: _Path, found: list[_Found]) -> None:
            if isinstance(raw, dict):
                for key, value in raw.items():
                    value_visitor(value, (path, key), found)

        return values
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _visitor_of_model(annotation)
    return None


def _visitor_of_model(model: type[BaseModel]) -> Visitor | None:
    if model in _MODEL_VISITORS:
        return _MODEL_VISITORS[model]
    _MODEL_VISITORS[model] = None  # a model that holds itself holds nothing new
    kind = getattr(model, "kind", None)
    fields: list[tuple[str, str, Visitor]] = []  # (key in the file, attribute, visitor)
    for name, field in model.model_fields.items():
        annotation: Any = field.annotation
        if field.metadata:
            annotation = Annotated[(annotation, *field.metadata)]
        if (visit := _visitor(annotation)) is not None:
            fields.append((field.alias or name, name, visit))
    if not fields and not isinstance(kind, str):
        return None
    has_id = "id" in model.model_fields

    def record(raw: Any, path: _Path, found: list[_Found]) -> None:
        # The file's JSON (a dict), or a record already validated (the model itself).
        is_json = isinstance(raw, dict)
        if not (is_json or isinstance(raw, model)):
            return
        # (Only a model with an id field is asked for it: pydantic's getattr of a missing
        # attribute is slow.)
        record_id = raw.get("id") if is_json else (raw.id if has_id else None)
        if isinstance(kind, str) and isinstance(record_id, str):
            found.append(_Found(kind, (path, "id"), record_id, False))  # type: ignore[arg-type]  # a RecordKind by the schema's ClassVar
        for key, name, visit in fields:
            if not is_json:
                visit(getattr(raw, name), (path, key), found)
            elif key in raw:
                visit(raw[key], (path, key), found)

    _MODEL_VISITORS[model] = record
    return record
