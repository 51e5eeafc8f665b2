"""What the Your data library has to tell a reader, as codes with parameters.

Reading, placing and building a reader's table say what happened as a :class:`Message` (a
code and its values), never as a sentence: the page and the command line render each one in
the reader's language with :func:`render`. Every code's words are here, marked for the
catalogs (in English; the German is in ``components/text/locales/de``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from components.text.catalog import N_, Nn_, _, format_number, n_

# The code of each message and its English words; ``{name}`` fields are its parameters.
MESSAGES: Mapping[str, str] = {
    # Where a table came from, named in other messages.
    "source.file": N_("“{name}”"),
    "source.pasted": N_("the pasted table"),
    "source.sheet": N_("the first sheet of “{name}”"),
    # Reading a table.
    "read.empty": N_("{source} is empty."),
    "read.too_big": N_(
        "{source} is {size} MB; files up to {limit} MB are read. Split it, or keep only the "
        "columns the map needs."
    ),
    "read.zip_not_xlsx": N_(
        "{source} is an Excel workbook (or another zip file), not .{extension}: save it as "
        ".xlsx or CSV."
    ),
    "read.old_excel": N_(
        "{source} is named .{extension} but is an old Excel file (.xls): save it from Excel as "
        ".xlsx or CSV."
    ),
    "read.not_a_workbook": N_(
        "{source} is named .{extension} but is not a workbook: save it from Excel as .xlsx or CSV."
    ),
    "read.json_misnamed": N_("{source} holds JSON, not .{extension}: name it .json."),
    "read.not_json": N_("{source} is named .{extension} but does not hold JSON."),
    "read.utf16": N_("{source} was read as UTF-16 text."),
    "read.binary": N_("{source} is not a text file or a spreadsheet this app can read."),
    "read.not_text": N_("{source} is not text this app can read."),
    "read.windows_1252": N_(
        "{source} is not UTF-8; it was read as Windows-1252 (Western European). If accented "
        "letters look wrong, save the file as “CSV UTF-8” and upload it again."
    ),
    "read.single_column": N_(
        "{source} has a single column. A table of places needs at least two, such as city "
        "and country, separated by commas, semicolons or tabs."
    ),
    "read.too_many_rows": N_(
        "{source} has more than {limit} rows; the first {limit} are used. Split it into "
        "files of up to {limit} rows to map the rest."
    ),
    "read.too_many_columns": N_(
        "{source} has {columns} columns; at most {limit} can be read. Keep only the columns "
        "the map needs (such as name, city, country, status and dates) and upload it again."
    ),
    "read.cell_too_long": N_(
        "{source}, row {row}: a cell holds more than {limit} characters. Shorten it, or "
        "leave that column out, and upload it again."
    ),
    "read.too_slow": N_(
        "Reading {source} took longer than {seconds} seconds and was stopped. Split it into "
        "smaller files, or save its first sheet as CSV."
    ),
    "read.failed": N_(
        "{source} could not be read: the reading stopped unexpectedly. Save it as CSV and "
        "upload it again."
    ),
    "read.not_csv": N_("{source} could not be read as rows (line {line}: {error})."),
    "read.too_deep": N_(
        "{source} is JSON nested too deeply to read; a table of places needs only a list of "
        "objects."
    ),
    "read.xlsx_too_large": N_(
        "{source} unpacks to {size} MB; workbooks that unpack to up to {limit} MB are read. "
        "Save its first sheet as CSV, or keep only the columns the map needs."
    ),
    "read.header_only": N_("{source} has a header but no rows."),
    "read.xlsx_unreadable": N_("{source} could not be opened as an Excel workbook ({error})."),
    "read.only_first_sheet": N_("Only the first sheet (“{sheet}”) of {source} is read."),
    "read.invalid_json": N_("{source} is not valid JSON (line {line}, column {column}: {error})."),
    "read.json_not_a_table": N_(
        "{source} is JSON, but neither this app's dataset, a GeoJSON FeatureCollection of "
        "points, nor a list of records."
    ),
    "read.no_features": N_("{source} is a FeatureCollection without a list of features."),
    "read.no_points": N_("{source} has no Point features: only points can be mapped as offices."),
    # The mapping of columns.
    "columns.half_coordinates": N_("pick both a latitude and a longitude column, or neither"),
    "columns.nothing_to_place": N_(
        "pick latitude and longitude columns, or a city or country column to look up"
    ),
    "columns.used_twice": N_("each column can stand for one field only"),
    # Placing rows.
    "place.nothing_given": N_("no coordinates, city or country"),
    "place.unknown_country": N_(
        "“{country}” is not a country this app knows (try its English name or ISO code)"
    ),
    "place.not_in_gazetteer": N_("“{city}” is not among the offline list's places"),
    "place.not_in_gazetteer_in": N_("“{city}” is not among the offline list's places in {country}"),
    "place.not_a_number": N_("“{value}” is not a number"),
    "place.swapped": N_(
        "latitude {lat} is out of range (-90 to 90) but longitude {lon} would fit: latitude "
        "and longitude look swapped"
    ),
    "place.out_of_range": N_("coordinates {lat}, {lon} are out of range"),
    "place.capital": N_("only a country: placed at its capital, {city}"),
    "place.state_disagrees": N_(
        "not in “{state}”: no place of that name is there; placed at {place}: check it"
    ),
    "place.state_unknown": N_(
        "“{state}” is not a state or province this app knows in {country}: not checked"
    ),
    "place.zero_zero": N_("0, 0 is in the ocean off Africa: most likely no coordinates"),
    "place.whole_numbers": N_(
        "{lat} and {lon} are whole numbers: if the file writes decimals with a comma, the "
        "comma split them; quote the coordinates or use semicolons between columns"
    ),
    "place.swapped_in_range": N_(
        "{lat}, {lon} is not in {country} but the other way round is: latitude and "
        "longitude swapped, placed so; check it"
    ),
    "place.country_disagrees": N_(
        "the coordinates are in {near}, the row says {country}: check which is right"
    ),
    "place.picked": N_("chosen by you"),
    "place.checked_online": N_("checked online; the offline list had {offline}"),
    "place.suggestion": N_("did you mean {place}?"),
    "place.offline_and_unavailable": N_("{reason}; online lookup is unavailable"),
    "place.offline_and_not_found": N_("{reason}; not found online either"),
    "place.offline_and_over_the_cap": N_("{reason}; not looked up online (over the limit)"),
    "place.found": N_("{city}, {country}"),
    "place.found_in": N_("{city}, {state}, {country}"),
    "place.found_capital": N_("{city}, {country} (capital)"),
    "place.online": N_("{address}"),
    "place.near": N_("near {city}, {country}"),
    "place.alternative": N_("{place}, {km} km away"),
    # Online lookup.
    "online.slow_down": N_("Nominatim asks us to slow down; try again in a few minutes."),
    "online.unavailable": N_("Online lookup is unavailable ({error})."),
    "online.no_contact": N_(
        "Online lookup is off on this server: Nominatim's usage policy asks for a contact, "
        "and the server's operator has not set one ({variable})."
    ),
    # What became of a row, and how it was placed.
    "outcome.matched": N_("placed"),
    "outcome.ambiguous": N_("ambiguous"),
    "outcome.approximate": N_("approximate"),
    "outcome.unmatched": N_("not placed"),
    "how.column": N_("your coordinates"),
    "how.gazetteer": N_("offline city list"),
    "how.country": N_("country only (capital)"),
    "how.nominatim": N_("Nominatim (online)"),
    # The report of every row, as the command line writes it: its columns.
    "report.row": N_("row"),
    "report.outcome": N_("outcome"),
    "report.how": N_("how"),
    "report.place": N_("place"),
    "report.reason": N_("reason"),
    "report.alternatives": N_("alternatives"),
    "report.state": N_("state or province"),
    "report.country": N_("country"),
    "report.lat": N_("latitude"),
    "report.lon": N_("longitude"),
    "report.population": N_("population"),
    "report.suggestions": N_("suggestions"),
    # The command line.
    "cli.description": N_("Place a table of offices on the map: write a dataset and a report."),
    "cli.help_input": N_("the table: CSV, XLSX, JSON or GeoJSON"),
    "cli.help_output": N_("the dataset to write (default: the table's name with .offices.json)"),
    "cli.help_company": N_("the company's name (default: the table's file name)"),
    "cli.help_online": N_("look up online what the offline list lacks (needs FOOTPRINT_CONTACT)"),
    "cli.help_check_doubtful": N_(
        "with --online: also look up online the rows the offline list places with doubt"
    ),
    "cli.help_lang": N_("the language of the messages and the report"),
    "cli.placed": N_("{placed} of {total} rows placed; report: {report}"),
    "cli.cannot_place": N_("{path}: cannot place rows: {problems}"),
    "cli.unreadable": N_("{path}: {error}"),
    # Building the dataset.
    "build.nothing_placed": N_("no row was placed on the map"),
    "build.same_name": N_("Rows {first} and {second} are both named “{name}”."),
    "build.not_an_address": N_("Row {row}: “{value}” is not a web address (http…)."),
    "build.dates_as_notes": N_("Row {row}: kept as a note, not read as a date: {dates}."),
    "build.date_as_note": N_("{field}: {value}"),
    "build.row": N_("Row {row}"),
    "build.your_table": N_("Your table"),
    "build.your_data": N_("Your data"),
    "build.your_company": N_("Your company"),
}
# Messages whose words depend on a count (``{count}``): singular, plural.
PLURALS: Mapping[str, tuple[str, str]] = {
    "place.most_populous": Nn_(
        "the largest of {count} place of that name: check it",
        "the largest of {count} places of that name: check it",
    ),
    "read.rows_not_read": Nn_(
        "{source}: {count} row after the first {limit} was not read. Split the file into "
        "files of up to {limit} rows to map it.",
        "{source}: {count} rows after the first {limit} were not read. Split the file into "
        "files of up to {limit} rows to map them.",
    ),
    "online.capped": Nn_(
        "{count} row was not looked up online: at most {limit} rows of a table are, as "
        "Nominatim's usage policy asks (no bulk lists).",
        "{count} rows were not looked up online: at most {limit} rows of a table are, as "
        "Nominatim's usage policy asks (no bulk lists).",
    ),
    "cli.dataset_written": Nn_("{path}: {count} office", "{path}: {count} offices"),
    "read.not_points": Nn_(
        "{count} feature of {source} is not a point and was not read.",
        "{count} features of {source} are not points and were not read.",
    ),
}


@dataclass(frozen=True)
class Message:
    """A code of :data:`MESSAGES` and its values (texts, numbers, or other messages)."""

    code: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **values: Any) -> Message:
        if code not in MESSAGES and code not in PLURALS:
            raise KeyError(f"no message {code!r}")
        return cls(code, tuple(values.items()))

    def value(self, name: str) -> Any:
        return dict(self.values).get(name)


def render(message: Message, lang: str) -> str:
    """The message in ``lang``: numbers written as the language writes them, messages among
    its values rendered too (and capitalised where one begins the sentence)."""
    values = {name: _shown(value, lang) for name, value in message.values if name != "count"}
    if message.code in PLURALS:
        singular, plural = PLURALS[message.code]
        text = n_(singular, plural, int(message.value("count") or 0), lang, **values)
    else:
        if message.value("count") is not None:
            values["count"] = _shown(message.value("count"), lang)
        text = _(MESSAGES[message.code], lang, **values)
    for name, value in message.values:
        if isinstance(value, Message) and text.startswith(values[name]):
            return text[:1].upper() + text[1:]
    return text


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, Message):
        return render(value, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value, lang)
    return str(value)
