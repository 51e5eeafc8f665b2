from __future__ import annotations

import json
import re

import pytest

from bench.generate import generate
from components.data.at_date import footprint_at
from components.data.loading import parse_dataset
from components.data.schema import REGIONS, STATUSES, Dataset
from components.facts.citations import Citations, source_label
from components.facts.details import office_date, office_details
from components.facts.history import later_developments
from components.facts.queries import (
    filter_offices,
    headline_metrics,
    highlighted_offices,
    leading_offices,
    office_metrics,
    partnerships_for_office,
    passes_filters,
    people_for_office,
)
from components.facts.summary import figures_line, headline, summary_paragraph
from components.facts.tables import table_dates, table_row
from components.text.catalog import possessive
from components.text.formatting import country_name, format_partial_date, format_usd


def test_headline_metrics(dataset: Dataset) -> None:
    metrics = headline_metrics(dataset)
    assert (metrics.existing, metrics.announced, metrics.countries, metrics.regions) == (
        4,
        5,
        7,
        3,
    )


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2024-10-09", "en", "9 October 2024"),
        ("2024-10-09", "de", "9. Oktober 2024"),
        ("2015-12", "en", "December 2015"),
        ("2015-12", "de", "Dezember 2015"),
        ("2017", "de", "2017"),
    ],
)
def test_format_partial_date(value: str, lang: str, expected: str) -> None:
    assert format_partial_date(value, lang) == expected


@pytest.mark.parametrize(
    ("amount", "lang", "expected"),
    [
        (6_600_000_000, "en", "USD 6.6 billion"),
        (6_600_000_000, "de", "6,6 Mrd. USD"),
        (157_000_000_000, "en", "USD 157 billion"),
        (1_000_000, "de", "1 Mio. USD"),
        (500, "en", "USD 500"),
    ],
)
def test_format_usd(amount: int, lang: str, expected: str) -> None:
    assert format_usd(amount, lang) == expected


def test_country_names_are_localised() -> None:
    assert country_name("BE", "en") == "Belgium"
    assert country_name("BE", "de") == "Belgien"


def test_people_and_partnerships_of_singapore(dataset: Dataset) -> None:
    people = {person.id for person in people_for_office(dataset, "singapore")}
    assert people == {"oliver-jay", "sam-altman", "sandy-kunvatanagarn"}
    assert [p.id for p in partnerships_for_office(dataset, "singapore")] == ["ai-singapore"]
    assert people_for_office(dataset, "paris") == ()


def test_office_details_of_paris(dataset: Dataset) -> None:
    details = office_details(dataset, "paris")
    assert details.city == "Paris"
    assert details.status == "Announced office"
    assert details.country == "France"
    # About 8,970 km on the ellipsoid; shown rounded, with a thousands separator.
    assert re.fullmatch(
        r"To headquarters \(San Francisco\): 8,9[67]\d km", details.distance_to_hq or ""
    )
    assert details.nearest == "Nearest office: Brussels, 264 km"
    assert ("Announced", "9 October 2024") in [(d.label, d.value) for d in details.dates]


def test_office_details_of_the_headquarters(dataset: Dataset) -> None:
    details = office_details(dataset, "san-francisco", "de")
    assert details.distance_to_hq == "Dies ist der Hauptsitz."
    assert (details.dates[0].label, details.dates[0].value) == ("Gegründet", "Dezember 2015")


def test_unknown_dates_say_what_is_known_in_words_that_fit_the_status(dataset: Dataset) -> None:
    london, tokyo = office_details(dataset, "london"), office_details(dataset, "tokyo")
    # London's opening is dated by no source: said so, and where the map places it.
    opened = "date not stated (placed at 28 June 2023, its sources' date)"
    assert ("Opened", opened) in [(d.label, d.value) for d in london.dates]
    assert ("Announced", "not stated in the sources") in [(d.label, d.value) for d in tokyo.dates]
    paris = office_details(dataset, "paris", "de")
    assert ("Eröffnet", "noch nicht") in [(d.label, d.value) for d in paris.dates]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_date_line_contradicts_itself_or_the_status(dataset: Dataset, lang: str) -> None:
    not_yet = office_details(dataset, "paris", lang).dates[-2].value  # "not yet" in lang
    for office in dataset.offices:
        for event in office_details(dataset, office.id, lang).dates:
            words = event.value.casefold()
            # "Announced: not announced", "Opened: not announced" never again.
            assert event.label.casefold() not in words, (office.id, event)
            if event.value == not_yet:
                assert office.status == "announced", (office.id, event)


def test_office_date_is_formatted_or_none(dataset: Dataset) -> None:
    assert office_date(dataset.office("tokyo"), "opened", "de") == "15. April 2024"
    assert office_date(dataset.office("tokyo"), "announced", "en") is None
    assert office_date(dataset.office("singapore"), "planned_opening", "en") == "end of 2024"


def test_planned_opening_uses_the_source_wording(dataset: Dataset) -> None:
    details = office_details(dataset, "singapore", "de")
    assert ("Geplante Eröffnung", "Ende 2024") in [(d.label, d.value) for d in details.dates]


def test_filters_and_the_lists_start_agree_with_a_plain_pass_on_data_i_did_not_write() -> None:
    generated = parse_dataset(json.dumps(generate(600)), "generated")
    for status in ("all", *STATUSES):
        for region in ("all", *REGIONS):
            expected = tuple(
                o
                for o in generated.offices
                if status in ("all", o.status) and region in ("all", o.region)
            )
            assert filter_offices(generated, status, region) == expected
            assert filter_offices(generated, status, region) is filter_offices(
                generated, status, region
            )  # kept: a click does not pass over every office again
            assert all(passes_filters(o, status, region) for o in expected)
    hq = generated.company.headquarters
    ranked = sorted(
        generated.offices,
        key=lambda o: (o.id != hq, -(o.label_priority or 0), o.status != "existing"),
    )  # stable: the data's order within a rank
    assert leading_offices(generated, 50) == tuple(o.id for o in ranked[:50])


def test_filter_offices(dataset: Dataset) -> None:
    assert len(filter_offices(dataset)) == 9
    assert [o.id for o in filter_offices(dataset, "existing", "APAC")] == ["tokyo"]
    assert filter_offices(dataset, "announced", "nowhere") == ()


def test_summary_is_computed_from_the_data(dataset: Dataset) -> None:
    summary = summary_paragraph(dataset, dataset.offices, "en")
    assert summary.startswith(
        "OpenAI has 4 existing offices: San Francisco, London, Dublin and Tokyo."
    )
    assert "On 9 October 2024 OpenAI announced 5 new offices" in summary
    assert "7 countries across 3 regions" in summary


def test_summary_in_german_and_singular(dataset: Dataset) -> None:
    summary = summary_paragraph(dataset, filter_offices(dataset, "existing", "APAC"), "de")
    assert summary == (
        "OpenAI hat ein bestehendes Büro: Tokio. Sie liegen in einem Land und einer Region."
    )


def test_summary_of_nothing(dataset: Dataset) -> None:
    assert summary_paragraph(dataset, (), "en") == "No office matches these filters."


def test_highlighted_offices_of_people_and_partnerships(dataset: Dataset) -> None:
    assert highlighted_offices(dataset, ("person", "oliver-jay")) == {"singapore"}
    assert highlighted_offices(dataset, ("person", "tadao-nagasaki")) == {"tokyo"}
    assert highlighted_offices(dataset, ("partnership", "ai-singapore")) == {"singapore"}
    assert highlighted_offices(dataset, ("person", "nobody")) == frozenset()
    assert highlighted_offices(dataset, None) == frozenset()


def test_a_table_row_is_the_details_in_columns(dataset: Dataset) -> None:
    row = table_row(dataset, dataset.office("tokyo"), "de")
    assert list(row) == [
        "Stadt", "Land", "Region", "Status",
        "Gegründet", "Angekündigt", "Eröffnet", "Geplante Eröffnung", "Quelle",
    ]  # fmt: skip
    assert row["Stadt"] == "Tokio" and row["Land"] == "Japan"
    # Each date in its own column, ISO (it sorts in time), empty where it does not apply.
    assert row["Eröffnet"] == "2024-04-15" and row["Angekündigt"] == ""
    assert (
        row["Quelle"]
        == "https://www.trendingtopics.eu/openai-strebt-globale-expansion-an-neue-standorte-in-singapur-paris-und-bruessel/"
    )


def test_the_table_has_a_founding_column_only_where_an_office_has_one(dataset: Dataset) -> None:
    assert table_dates(dataset.offices) == ("founded", "announced", "opened", "planned_opening")
    new = filter_offices(dataset, "announced")
    assert table_dates(new) == ("announced", "opened", "planned_opening")
    row = table_row(dataset, dataset.office("singapore"), "en", table_dates(new))
    assert "Founded" not in row and row["Planned opening"] == "2024-12"


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [("OpenAI", "en", "OpenAI's"), ("Siemens", "en", "Siemens'"), ("OpenAI", "de", "OpenAIs"),
     ("Siemens", "de", "Siemens'"), ("Inditex", "de", "Inditex'"), ("Meta", "de", "Metas")],
)  # fmt: skip
def test_the_company_owns_the_headline(name: str, lang: str, expected: str) -> None:
    assert possessive(name, lang) == expected


def test_the_headline_names_the_datas_company(dataset: Dataset) -> None:
    assert headline(dataset, "en") == "OpenAI's global footprint"
    assert headline(dataset, "de") == "OpenAIs globale Präsenz"


def test_a_source_label_says_its_language_and_whether_it_is_a_reprint(dataset: Dataset) -> None:
    sources = dataset.sources_by_id
    assert source_label(sources["reuters-2024-04-15"], "en") == (
        "Reuters, 15 April 2024: OpenAI bids for Japan business as it opens Tokyo office "
        "(reprint; original not seen)"
    )
    assert source_label(sources["reuters-2024-04-15"], "de").endswith(
        "(auf Englisch; Nachdruck; Original nicht gesehen)"
    )
    german_article = sources["trending-topics-2024-10"]
    assert source_label(german_article, "en").endswith("(in German)")
    assert "(" not in source_label(german_article, "de")
    wire = sources["afp-2024-10-09"]
    assert source_label(wire, "de").startswith("AFP, in der Hürriyet Daily News, 9. Oktober 2024")


def test_citations_number_each_source_once_in_the_order_first_cited(dataset: Dataset) -> None:
    citations = Citations(dataset, "en")
    assert citations.cite(["mint-2024-10", "cna-2024-10-09"]) == (1, 2)
    assert citations.cite(["cna-2024-10-09", "sifted-dublin-2023", "cna-2024-10-09"]) == (2, 3)
    listed = citations.listed
    assert [ref.number for ref in listed] == [1, 2, 3]
    assert [ref.publisher for ref in listed] == ["Mint", "CNA", "Sifted"]
    assert all(ref.url and ref.url.startswith("https://") for ref in listed)


def test_an_offices_details_list_each_source_once_and_cite_them_by_number(
    dataset: Dataset,
) -> None:
    details = office_details(dataset, "dublin", "en")
    (announced, _opened) = details.dates
    listed = {ref.number: ref for ref in details.sources}
    assert [listed[n].publisher for n in announced.sources] == ["OpenAI", "Reuters"]
    assert len({ref.label for ref in details.sources}) == len(details.sources) == 4
    assert sorted(listed) == list(range(1, 5))


def test_seattles_details_say_where_sources_differ_with_both_sides(dataset: Dataset) -> None:
    details = office_details(dataset, "seattle", "de")
    (difference,) = details.differences
    assert difference.text.startswith("Vier oder fünf neue Büros")
    publishers = {ref.publisher for ref in difference.sources}
    assert {"TechCrunch", "CNA"} <= publishers  # five vs four
    assert all(ref.url for ref in difference.sources)
    listed = {ref.number for ref in details.sources}
    assert {ref.number for ref in difference.sources} <= listed
    (later,) = details.since
    assert later.date == "5. März 2026" and "Bellevue" in later.text
    assert later.text.startswith("Eröffnet — ")
    assert later.sources[0].publisher == "FOX 13 Seattle"


def test_later_developments_are_listed_oldest_first_with_their_place(dataset: Dataset) -> None:
    later = later_developments(dataset, "en")
    assert [item.office_id for item in later] == [
        "paris", "zurich", "munich", "seoul", "new-delhi", "sydney", "seoul", "seattle",
        "singapore", "sydney",
    ]  # fmt: skip
    assert later[0].line.date == "November 2024" and later[0].line.text == "Opened"
    assert later[0].on_map and not later[1].on_map  # Zurich was announced in December 2024
    assert later[5].line.date == "date not stated (placed at 27 August 2025, its sources' date)"
    numbers = [ref.number for item in later for ref in item.line.sources]
    assert sorted(set(numbers)) == list(range(1, len(set(numbers)) + 1))


def test_nothing_is_later_than_the_latest_date(catalog: Dataset) -> None:
    assert later_developments(footprint_at(catalog, "latest"), "en") == ()


def test_the_figures_say_what_a_filter_shows(dataset: Dataset) -> None:
    everything = office_metrics(dataset.offices)
    assert figures_line(everything, "en", total=9) == (
        "4 existing · 5 announced · 7 countries · 3 regions"
    )
    emea = office_metrics(filter_offices(dataset, "announced", "EMEA"))
    assert figures_line(emea, "en", total=9) == "2 of 9 offices shown · 2 announced · 2 countries"
    assert figures_line(emea, "de", total=9) == "2 von 9 Büros angezeigt · 2 angekündigt · 2 Länder"
    tokyo = office_metrics(filter_offices(dataset, "existing", "APAC"))
    assert figures_line(tokyo, "en", total=9) == "1 of 9 offices shown · 1 existing · 1 country"
