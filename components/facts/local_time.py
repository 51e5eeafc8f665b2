"""Local time at an office and its difference to headquarters (IANA zones, ``zoneinfo``).

Every function takes the instant ``at`` explicitly, so results are reproducible and the
summer-time rules of each zone apply to that instant.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_time

from components.text.catalog import _, babel_locale

MINUS = "\u2212"  # the typographic minus sign reads better than a hyphen in "UTC-7"


def utc_offset(zone: str, at: datetime) -> timedelta:
    """The zone's offset from UTC at the instant ``at`` (an aware datetime)."""
    offset = at.astimezone(ZoneInfo(zone)).utcoffset()
    return offset if offset is not None else timedelta(0)


def difference(zone: str, reference: str, at: datetime) -> timedelta:
    """How far ``zone``'s clocks are ahead of ``reference``'s at ``at`` (negative: behind)."""
    return utc_offset(zone, at) - utc_offset(reference, at)


def _hours_minutes(delta: timedelta) -> tuple[int, int]:
    minutes = abs(int(delta.total_seconds())) // 60
    return minutes // 60, minutes % 60


def format_offset(delta: timedelta) -> str:
    """``UTC+9``, ``UTC\u22127`` (a true minus sign), ``UTC+5:30``, ``UTC±0``."""
    hours, minutes = _hours_minutes(delta)
    if not (hours or minutes):
        return "UTC±0"
    sign = "+" if delta > timedelta(0) else MINUS
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def format_duration(delta: timedelta, lang: str = "en") -> str:
    """``17 h`` / ``17 Std.``, ``5 h 30 min``."""
    hours, minutes = _hours_minutes(delta)
    parts = [_("{count} h", lang, count=hours)] if hours else []
    if minutes:
        parts.append(_("{count} min", lang, count=minutes))
    return " ".join(parts)


def describe_difference(delta: timedelta, city: str, lang: str = "en") -> str:
    """``17 h ahead of San Francisco`` / ``3 Std. hinter New York`` / ``same time as …``."""
    if delta == timedelta(0):
        return _("same time as {city}", lang, city=city)
    duration = format_duration(delta, lang)
    if delta > timedelta(0):
        return _("{duration} ahead of {city}", lang, duration=duration, city=city)
    return _("{duration} behind {city}", lang, duration=duration, city=city)


def format_local_time(zone: str, at: datetime, lang: str = "en") -> str:
    """``14:05 (UTC+9)``."""
    local = at.astimezone(ZoneInfo(zone))
    clock = format_time(local, format="short", locale=babel_locale(lang))
    return f"{clock} ({format_offset(utc_offset(zone, at))})"
