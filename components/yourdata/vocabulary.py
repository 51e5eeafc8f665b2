"""The words readers use in their own tables, by language: what a column is called, what a
status or a region is written as. Matched after folding (case, accents and hyphens ignored),
so ``Länge`` is ``lange``. A new language adds its block here; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Mapping

# What a column holding each field may be called.
COLUMN_NAMES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "en": {
        "name": ("name", "office", "office name", "label", "title", "site", "location"),
        "lat": ("lat", "latitude"),
        "lon": ("lon", "lng", "long", "longitude"),
        "city": ("city", "town", "municipality", "locality", "place"),
        "country": ("country", "country code", "countrycode", "country name", "iso",
                    "iso code"),
        "state": ("state", "province", "county", "admin1"),
        "address": ("address", "street", "street address"),
        "status": ("status", "stage", "phase"),
        "region": ("region", "continent", "world region"),
        "founded": ("founded", "founded on"),
        "announced": ("announced", "announced on", "announcement", "date announced"),
        "opened": ("opened", "opened on", "opening", "open date", "opening date", "since"),
        "planned_opening": ("planned opening", "planned", "opens"),
        "notes": ("notes", "note", "comment", "comments", "description", "remarks", "role"),
        "url": ("url", "link", "website", "web", "source", "source url"),
    },
    "de": {
        "name": ("buro", "standort", "niederlassung", "bezeichnung"),
        "lat": ("breite", "breitengrad"),
        "lon": ("lange", "laenge", "langengrad"),
        "city": ("stadt", "ort", "gemeinde"),
        "country": ("land", "staat", "landercode"),
        "state": ("bundesland", "provinz"),
        "address": ("adresse", "anschrift", "strasse"),
        "status": ("zustand",),
        "region": ("weltregion", "kontinent"),
        "founded": ("gegrundet", "gegrundet am"),
        "announced": ("angekundigt", "angekundigt am", "ankundigung"),
        "opened": ("eroffnet", "eroffnet am", "eroffnung", "seit"),
        "planned_opening": ("geplante eroffnung", "geplant"),
        "notes": ("notiz", "notizen", "hinweis", "hinweise", "beschreibung", "bemerkung",
                  "rolle"),
        "url": ("quelle", "webseite"),
    },
}  # fmt: skip

# Status values: which mean an office that exists, which one that is announced or planned.
EXISTING_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": ("existing", "exists", "open", "opened", "active", "operating", "operational", "live",
           "yes", "current", "office"),
    "de": ("bestehend", "besteht", "eroffnet", "offen", "aktiv", "in betrieb", "ja"),
}  # fmt: skip
ANNOUNCED_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": ("announced", "planned", "upcoming", "coming", "coming soon", "future", "soon",
           "pending", "proposed", "opening soon"),
    "de": ("angekundigt", "geplant", "in planung", "bald", "kommend"),
}  # fmt: skip

# Region values, by the app's region they mean.
REGION_WORDS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "en": {
        "Americas": ("americas", "america", "north america", "south america", "latin america"),
        "EMEA": ("emea", "europe", "africa", "middle east"),
        "APAC": ("apac", "asia", "asia pacific", "oceania"),
    },
    "de": {
        "Americas": ("amerika",),
        "EMEA": ("europa", "afrika", "naher osten"),
        "APAC": ("asien", "asien pazifik", "ozeanien"),
    },
}


# Countries as people write them where no standard name says so, by ISO 3166-1 alpha-2.
COUNTRY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "GB": ("uk", "u.k.", "britain", "great britain", "england", "scotland", "wales",
           "northern ireland"),
    "US": ("u.s.", "u.s.a.", "america", "united states of america", "the united states"),
    "AE": ("uae", "u.a.e.", "emirates"),
    "NL": ("holland", "the netherlands"),
    "CN": ("prc", "p.r.c.", "mainland china", "people's republic of china"),
    "CD": ("dr congo", "drc", "d.r. congo", "congo kinshasa", "democratic republic of congo"),
    "CG": ("congo brazzaville", "republic of congo"),
    "CI": ("ivory coast",),
    "HK": ("hong kong sar", "hksar"),
    "MO": ("macau sar", "macao sar"),
    "KR": ("korea", "south korea", "republic of korea", "korea, south"),
    "KP": ("north korea", "korea, north"),
    "CZ": ("czech republic",),
    "RU": ("russia",),
    "TR": ("turkey", "turkiye"),
    "VN": ("vietnam", "viet nam"),
    "MM": ("burma",),
    "SZ": ("swaziland",),
    "CV": ("cape verde",),
    "TL": ("east timor",),
    "VA": ("vatican", "vatican city", "holy see"),
    "MK": ("macedonia", "north macedonia"),
    "PS": ("palestine",),
    "TW": ("taiwan",),
}  # fmt: skip


def every_language(words: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """The words of every language in one set."""
    return frozenset(word for language in words.values() for word in language)
