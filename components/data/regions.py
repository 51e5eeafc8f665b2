"""Which of the app's regions a country belongs to: the Americas; Europe, the Middle East and
Africa (EMEA); or Asia-Pacific (APAC), as companies report their footprint."""

from __future__ import annotations

from components.data.schema import Region

# fmt: off
_AMERICAS = frozenset((
    "AG", "AI", "AR", "AW", "BB", "BL", "BM", "BO", "BQ", "BR", "BS", "BZ", "CA", "CL", "CO",
    "CR", "CU", "CW", "DM", "DO", "EC", "FK", "GD", "GF", "GL", "GP", "GT", "GY", "HN", "HT",
    "JM", "KN", "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA", "PE", "PM", "PR", "PY", "SR",
    "SV", "SX", "TC", "TT", "US", "UY", "VC", "VE", "VG", "VI",
))
# Asia without its western part, and Oceania.
_ASIA_PACIFIC = frozenset((
    "AF", "AS", "AU", "BD", "BN", "BT", "CC", "CK", "CN", "CX", "FJ", "FM", "GU", "HK", "ID",
    "IN", "IO", "JP", "KG", "KH", "KI", "KP", "KR", "KZ", "LA", "LK", "MH", "MM", "MN", "MO",
    "MP", "MV", "MY", "NC", "NF", "NP", "NR", "NU", "NZ", "PF", "PG", "PH", "PK", "PN", "PW",
    "SB", "SG", "TH", "TJ", "TK", "TL", "TM", "TO", "TV", "TW", "UZ", "VN", "VU", "WF", "WS",
))
# Antarctica and islands without a population: no office's region.
_NO_REGION = frozenset(("AQ", "BV", "GS", "HM", "TF", "UM"))
# fmt: on


def region_of(country: str) -> Region | None:
    """The region of an ISO 3166-1 alpha-2 country code; ``None`` for Antarctica and for
    anything that is not two letters. Europe, Africa and the Middle East are EMEA."""
    code = country.upper()
    if len(code) != 2 or not code.isalpha() or code in _NO_REGION:
        return None
    if code in _AMERICAS:
        return "Americas"
    if code in _ASIA_PACIFIC:
        return "APAC"
    return "EMEA"
