"""One name per region (and per status and date) in each language, wherever it is shown."""

from __future__ import annotations

import pytest

from components.data.regions import region_of
from components.text.names import region_name

NAMES = {
    "en": {"Americas": "Americas", "EMEA": "Europe, Middle East & Africa", "APAC": "Asia-Pacific"},
    "de": {"Americas": "Amerika", "EMEA": "Europa, Naher Osten & Afrika", "APAC": "Asien-Pazifik"},
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_each_region_has_one_name_and_one_short_form(lang: str) -> None:
    for region, name in NAMES[lang].items():
        assert region_name(region, lang) == name
        short = region_name(region, lang, short=True)
        # The short form is the name itself, or its abbreviation (as in the address).
        assert short in (name, region)


def test_the_short_name_never_says_europe_for_dubai_or_nairobi() -> None:
    for country in ("AE", "KE", "FR"):
        region = region_of(country)
        assert region == "EMEA"
        for lang in ("en", "de"):
            assert region_name(region, lang, short=True) not in ("Europe", "Europa")
