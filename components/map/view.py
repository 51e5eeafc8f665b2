"""What the reader is looking at: one view for the page, the map, its link and its exports.

A link carries part of it (:data:`LINK_PARAMETERS`, see :mod:`components.session.link`); the
page adds what only it knows (the theme, the offices of a highlighted person or partnership).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from components.data.schema import REGIONS, STATUSES
from components.map.basemaps import DEFAULT_BASEMAP

STATUS_FILTERS: tuple[str, ...] = ("all", *STATUSES)
REGION_FILTERS: tuple[str, ...] = ("all", *REGIONS)
# The parts of the view a link carries, in the order the address writes them.
LINK_PARAMETERS = ("office", "lang", "status", "region", "basemap", "arcs", "as_of")
# The arcs from the headquarters: off ("0", the default) or on ("1"), as the address says.
ARCS_CHOICES: tuple[str, ...] = ("0", "1")


@dataclass(frozen=True)
class View:
    """The selected office, the language, the filters, the basemap, the arcs shown or not,
    the theme and the offices ringed for a highlighted person or partnership."""

    office: str | None = None
    lang: str = "en"
    status: str = "all"
    region: str = "all"
    basemap: str = DEFAULT_BASEMAP
    arcs: str = "0"
    # The date the footprint is shown at: "" the data's own, "latest", or a date (2025-05-26).
    as_of: str = ""
    # The day the map shows the footprint on (days since 1970, as map.builder.day_number),
    # resolved from as_of by the page; None: every office with its own status.
    as_of_day: int | None = None
    theme: str = "light"
    highlighted: tuple[str, ...] = ()

    def map_message(self) -> dict[str, Any]:
        """The view as the map's script reads it (``static/office_map/footprint.js``)."""
        return {
            "lang": self.lang,
            "status": self.status,
            "region": self.region,
            "basemap": self.basemap,
            "arcs": self.arcs == "1",
            "theme": self.theme,
            "selected": self.office,
            "highlighted": sorted(self.highlighted),
            "asOf": self.as_of_day,
        }
