"""How offices look, on the map, in its legend and on the timeline: colours and symbols."""

from __future__ import annotations

from components.data.events import Status

SYMBOL_SIZE = 22

# Okabe-Ito colours: told apart with every common colour-vision deficiency.
STATUS_COLOURS: dict[Status, str] = {"existing": "#0072B2", "announced": "#D55E00"}
# Vega-Lite's names for the same shapes, for the timeline.
STATUS_SHAPES: dict[Status, str] = {"existing": "circle", "announced": "diamond"}

_HALF = SYMBOL_SIZE / 2
_SVG_SHAPES: dict[Status, str] = {
    "existing": f'<circle cx="{_HALF}" cy="{_HALF}" r="{_HALF - 3}"/>',
    "announced": (
        f'<polygon points="{_HALF},1.5 {SYMBOL_SIZE - 1.5},{_HALF} '
        f'{_HALF},{SYMBOL_SIZE - 1.5} 1.5,{_HALF}"/>'
    ),
}


def status_symbol(status: Status) -> str:
    """The SVG symbol of an office status, as drawn on the map and in the legend."""
    return (
        f'<svg class="office-symbol" viewBox="0 0 {SYMBOL_SIZE} {SYMBOL_SIZE}" '
        f'width="{SYMBOL_SIZE}" height="{SYMBOL_SIZE}" aria-hidden="true" '
        f'fill="{STATUS_COLOURS[status]}" stroke="#ffffff" stroke-width="2">'
        f"{_SVG_SHAPES[status]}</svg>"
    )
