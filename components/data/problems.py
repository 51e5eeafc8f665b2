"""What is wrong with a data file, every problem at once, each with its JSON path
(``offices[3].lat``) and the bad value.

Two kinds: what pydantic finds against the schema, and references to records that do not
exist (or ids used twice). The second is derived from the schema itself: a walk of the raw
JSON that follows the models' field types, so it reports unknown references even in a file
that fails validation elsewhere, and a new reference field needs no code here.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from components.data.schema import Dataset, Model, RecordKind, RefersTo


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


@dataclass(frozen=True)
class _Found:
    """A record's id (``is_reference`` false) or a reference to one, where it stands."""

    kind: RecordKind
    path: str
    value: str
    is_reference: bool


def reference_problems(raw: Any, schema: type[BaseModel] = Dataset) -> Iterator[Problem]:
    """Ids used twice within a kind of record, and references to ids that do not exist."""
    found = list(_walk(raw, schema, ""))
    first: dict[tuple[RecordKind, str], str] = {}
    for item in found:
        if item.is_reference:
            continue
        key = (item.kind, item.value)
        if key in first:
            where = first[key].removesuffix(".id")
            yield Problem(item.path, f"duplicate id, first used at {where}", item.value, True)
        else:
            first[key] = item.path
    for item in found:
        if item.is_reference and (item.kind, item.value) not in first:
            yield Problem(item.path, f"unknown {item.kind} id", item.value, has_value=True)


def _walk(raw: Any, annotation: Any, path: str) -> Iterator[_Found]:
    """Every id and reference in ``raw``, read as ``annotation`` says (what does not have
    the expected shape is left to validation to report)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *metadata = get_args(annotation)
        marks = [mark for mark in metadata if isinstance(mark, RefersTo)]
        if marks and isinstance(raw, str):
            yield _Found(marks[0].kind, path, raw, is_reference=True)
            return
        yield from _walk(raw, inner, path)
    elif origin in (Union, types.UnionType):
        for option in get_args(annotation):
            if option is not type(None):
                yield from _walk(raw, option, path)
    elif origin is tuple and isinstance(raw, list):
        item_type = get_args(annotation)[0]
        for index, item in enumerate(raw):
            yield from _walk(item, item_type, f"{path}[{index}]")
    elif origin is dict and isinstance(raw, dict):
        value_type = get_args(annotation)[1]
        for key, item in raw.items():
            yield from _walk(item, value_type, f"{path}.{key}")
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from _walk_model(raw, annotation, path)


def _walk_model(raw: Any, model: type[BaseModel], path: str) -> Iterator[_Found]:
    if not isinstance(raw, dict):
        return
    kind = getattr(model, "kind", None)
    if isinstance(kind, str) and isinstance(raw.get("id"), str):
        yield _Found(kind, _join(path, "id"), raw["id"], is_reference=False)  # type: ignore[arg-type]  # a RecordKind by the schema's ClassVar
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in raw:
            continue
        annotation: Any = field.annotation
        if field.metadata:
            annotation = Annotated[(annotation, *field.metadata)]
        yield from _walk(raw[key], annotation, _join(path, key))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
