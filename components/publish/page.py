"""The map as one HTML file a newsroom can publish: title, headline, data date, legend,
labels, a source line with links and the data's licence; a click on a marker shows that
office's details inside the page. Everything is inlined: it works opened from disk, in an
iframe of 600 by 400 pixels and on a phone, with no network.

The page is the app's own map (same builder, same code, same marker classes) in
"standalone" mode with the reader's view fixed in it, inside :class:`EmbedPage`.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from branca.element import Figure
from folium.template import Template

from components.data.schema import Dataset, Office
from components.facts.citations import Citations, SourceRef
from components.facts.details import office_details
from components.facts.queries import office_metrics
from components.facts.summary import figures_line, headline
from components.map.builder import MAP_SCRIPTS, build_map
from components.map.elements import RawHtml, json_for_html
from components.map.view import View
from components.publish.exports import export_offices
from components.text.catalog import LANGUAGES, SOURCE_LANGUAGE, _
from components.text.escaping import escape_markup
from components.text.formatting import format_partial_date
from components.text.names import region_name

STATIC = Path(__file__).resolve().parents[2] / "static"
SCRIPTS = ("leaflet/leaflet.js", *MAP_SCRIPTS)
STYLES = ("leaflet/leaflet.css", "office_map.css", "embed.css")
DETAILS_DATA_ID = "footprint-details-data"
# folium's map template forbids zooming the page (``user-scalable=no``), which keeps readers
# with low vision from enlarging the text (WCAG 1.4.4); the page states its own viewport.
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*user-scalable=no[^>]*>\s*')


class EmbedPage(Figure):
    """The page around the map: the document's language and title, a viewport that allows
    zooming, and the body laid out by ``static/embed.css`` (header, map, footer)."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{{ this.page_title }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        '<body class="footprint-embed">\n'
        "{{ this.html.render(**kwargs) }}\n"
        "</body>\n"
        "<script>\n"
        "{{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</html>\n"
    )

    def __init__(self, lang: str, title: str) -> None:
        super().__init__()
        self.lang = lang if lang in LANGUAGES else SOURCE_LANGUAGE
        self.page_title = escape_markup(title)  # the template does not escape


def _inline_script(source: str) -> str:
    return "<script>" + source.replace("</script", "<\\/script") + "</script>"


def _link(ref: SourceRef, label: str) -> str:
    href = escape_markup(ref.url) if ref.url else None
    shown = escape_markup(label)
    if not href:
        return shown
    title = escape_markup(ref.label)
    return f'<a href="{href}" title="{title}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def source_line(refs: tuple[SourceRef, ...], lang: str) -> str:
    """ "Sources: Trending Topics · TechCrunch · OpenAI 1 2 3 …" as HTML: each source a link
    (its full label as the link's title), a publisher with several sources named once."""
    by_publisher: dict[str, list[SourceRef]] = {}
    for ref in refs:
        by_publisher.setdefault(ref.publisher, []).append(ref)
    parts = []
    for publisher, group in by_publisher.items():
        if len(group) == 1:
            parts.append(_link(group[0], publisher))
        else:
            numbered = " ".join(_link(ref, str(index)) for index, ref in enumerate(group, 1))
            parts.append(f"{escape_markup(publisher)} {numbered}")
    sources = escape_markup(_("Sources", lang))
    return f"{sources}: " + " · ".join(parts)


def _office_entry(dataset: Dataset, office: Office, lang: str) -> dict[str, Any]:
    """One office's details as the page's script shows them (no local time: a file does not
    know when it is read)."""
    details = office_details(dataset, office.id, lang)
    sections: list[dict[str, Any]] = []
    if details.role:
        sections.append({"heading": _("Role", lang), "items": [{"text": details.role}]})
    if details.notes:
        sections.append({"heading": _("Notes", lang), "items": [{"text": details.notes}]})
    sections.append(
        {
            "heading": _("Dates", lang),
            "items": [
                {"text": f"{event.label}: {event.value}", "cites": list(event.sources)}
                for event in details.dates
            ],
        }
    )

    def sourced(lines: Any) -> list[dict[str, Any]]:
        return [
            {
                "text": f"{line.date}: {line.text}" if line.date else line.text,
                "links": [
                    {
                        "label": ref.publisher,
                        "url": ref.url,
                        "title": ref.label,
                        "number": ref.number,
                    }
                    for ref in line.sources
                ],
            }
            for line in lines
        ]

    if details.differences:
        sections.append(
            {"heading": _("Sources differ", lang), "items": sourced(details.differences)}
        )
    distances = [line for line in (details.distance_to_hq, details.nearest) if line]
    sections.append({"heading": _("Distances", lang), "items": [{"text": d} for d in distances]})
    if details.people:
        sections.append(
            {
                "heading": _("People", lang),
                "items": [{"text": f"{p.name}: {p.role.get(lang)}"} for p in details.people],
            }
        )
    if details.partnerships:
        sections.append(
            {
                "heading": _("Partnerships", lang),
                "items": [
                    {"text": f"{p.partner}: {p.aim.get(lang)}"} for p in details.partnerships
                ],
            }
        )
    if details.since:
        as_of = format_partial_date(dataset.as_of, lang)
        sections.append(
            {"heading": _("Since {as_of}", lang, as_of=as_of), "items": sourced(details.since)}
        )
    return {
        "title": details.city,
        "meta": f"{details.status} · {details.country} · {details.region}",
        "sections": sections,
        "sourcesHeading": _("Sources", lang),
        "sources": [
            {"number": ref.number, "label": ref.label, "url": ref.url, "note": ref.note}
            for ref in details.sources
        ],
    }


def embed_details(
    dataset: Dataset, offices: tuple[Office, ...], lang: str = "en"
) -> dict[str, dict[str, Any]]:
    """The details of each office the file shows, by id, in ``lang``."""
    return {office.id: _office_entry(dataset, office, lang) for office in offices}


def _sources_of(dataset: Dataset, offices: tuple[Office, ...], lang: str) -> tuple[SourceRef, ...]:
    citations = Citations(dataset, lang)
    for office in offices:
        for ids in office.dates.sources.values():
            citations.cite(ids)
        citations.cite(office.sources)
        for difference in office.differences:
            citations.cite(difference.sources)
        for development in office.since:
            citations.cite(development.sources)
        for event in (*office.events, *office.later):
            citations.cite(event.sources)
    return citations.listed


def embed_title(dataset: Dataset, view: View) -> str:
    """The page's title: the headline, and the region where the view shows one."""
    title = headline(dataset, view.lang)
    if view.region != "all":
        title += " · " + region_name(view.region, view.lang, short=True)
    return title


def _header(dataset: Dataset, offices: tuple[Office, ...], view: View) -> str:
    lang = view.lang
    hint = _("Click a marker for the office's details.", lang)
    parts = [figures_line(office_metrics(offices), lang, total=len(dataset.offices))]
    if view.region != "all":
        parts.append(region_name(view.region, lang, short=True))
    parts.append(_("statuses as of {as_of}", lang, as_of=format_partial_date(dataset.as_of, lang)))
    return (
        '<header class="footprint-embed-header">'
        f"<h1>{escape_markup(headline(dataset, lang))}</h1>"
        f'<p class="footprint-embed-figures">{escape_markup(" · ".join(parts))}</p>'
        f'<p class="footprint-embed-hint">{escape_markup(hint)}</p>'
        "</header>"
    )


def _footer(dataset: Dataset, offices: tuple[Office, ...], lang: str) -> str:
    parts = [source_line(_sources_of(dataset, offices, lang), lang)]
    licence = dataset.licence
    if licence:
        name = escape_markup(licence.name)
        if licence.url:
            name = (
                f'<a href="{escape_markup(licence.url)}" target="_blank" '
                f'rel="noopener noreferrer license">{name}</a>'
            )
        if licence.attribution:
            credit = escape_markup(licence.attribution.get(lang))
            name += f' <span class="footprint-embed-credit">({credit})</span>'
        parts.append(_("Data: {licence}", lang, licence=name))
    return f'<footer class="footprint-embed-footer"><p>{" · ".join(parts)}</p></footer>'


_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")


def _inline_images(css: str, folder: Path) -> str:
    """Leaflet's stylesheet names its control icons by relative address, which a file opened
    from disk cannot reach: they go into the stylesheet as data addresses."""

    def inline(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        if not image.is_file():
            return match.group(0)  # an icon the map never shows (Leaflet's default marker)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"

    return _CSS_IMAGE.sub(inline, css)


def standalone_map_html(dataset: Dataset, view: View | None = None) -> str:
    """The map of ``view`` (language, filters, selection) as one self-contained HTML page.

    Built by the same builder as the app's map, with the offline basemap; Leaflet, the
    stylesheets, the country outlines and every shown office's details are inlined.
    """
    view = view or View()
    offices = export_offices(dataset, view)
    selected = view.office if view.office in {office.id for office in offices} else None
    fixed = View(
        lang=view.lang, status=view.status, region=view.region, office=selected, arcs=view.arcs
    )
    outlines = (STATIC / "basemap" / "countries-110m.geo.json").read_text(encoding="utf-8")
    office_map = build_map(dataset, mode="standalone", view=fixed, outlines_data=outlines)
    office_map.default_js, office_map.default_css = [], []
    page = EmbedPage(view.lang, embed_title(dataset, view))
    page.add_child(office_map)
    styles = "\n".join(
        _inline_images((STATIC / name).read_text(encoding="utf-8"), (STATIC / name).parent)
        for name in STYLES
    )
    page.header.add_child(RawHtml(f"<style>{styles}</style>"), name="inline_styles")
    scripts = "".join(
        _inline_script((STATIC / name).read_text(encoding="utf-8")) for name in SCRIPTS
    )
    page.header.add_child(RawHtml(scripts), name="inline_scripts")
    page.html.add_child(RawHtml(_header(dataset, offices, view)), name="embed_header")
    details = json_for_html(embed_details(dataset, offices, view.lang))
    page.html.add_child(
        RawHtml(
            f'<aside id="footprint-details" class="footprint-embed-details" aria-live="polite"'
            f' aria-labelledby="footprint-details-title" hidden></aside>'
            f'<script type="application/json" id="{DETAILS_DATA_ID}">{details}</script>'
        ),
        name="embed_details",
    )
    page.html.add_child(RawHtml(_footer(dataset, offices, view.lang)), name="embed_footer")
    _number_elements_in_tree_order(page)
    return _FOLIUM_VIEWPORT.sub("", page.render())


def _elements(element: Any) -> Any:
    yield element
    for child in element._children.values():
        yield from _elements(child)


def _number_elements_in_tree_order(root: Any) -> None:
    """Replace folium's random element ids with numbers in the tree's order, so that the same
    map gives a byte-identical file (a newsroom's diff of two downloads shows only what
    changed). Writes folium's private ``_id``: folium offers no seed for its ids.
    """
    for index, element in enumerate(_elements(root)):
        element._id = f"{index:04d}"
