"""The funding round and its context."""

from __future__ import annotations

import streamlit as st

from components.data.schema import Dataset
from components.facts.citations import Citations, differences
from components.text.catalog import _
from components.text.escaping import escape_markdown as md
from components.text.formatting import format_usd
from components.ui.blocks import bullets, cited, render_differences, render_source_list, strong


def render_funding(dataset: Dataset, lang: str) -> None:
    """The funding round, where the data has one."""
    funding = dataset.funding
    if funding is None:
        return
    with st.container(key="funding", border=True):
        st.subheader(_("Funding", lang), anchor=False)
        citations = Citations(dataset, lang)
        st.metric(_("Funding round", lang), format_usd(funding.amount_usd, lang))
        st.markdown(md(funding.description.get(lang)) + cited(citations.cite(funding.sources)))
        render_differences(differences(citations, funding.differences, lang), lang)
        st.markdown(
            strong(_("What it funds", lang))
            + "\n\n"
            + bullets(md(use.get(lang)) for use in funding.uses)
        )
        details = []
        if funding.credit_line_usd:
            amount = format_usd(funding.credit_line_usd, lang)
            details.append(_("Credit line: {amount}", lang, amount=amount))
        if funding.valuation_usd:
            amount = format_usd(funding.valuation_usd, lang)
            details.append(_("Reported valuation: {amount}", lang, amount=amount))
        if details:
            numbers = cited(citations.cite(funding.details_sources))
            st.markdown(bullets(md(line) + numbers for line in details))
        if funding.context:
            st.markdown(strong(_("Singapore in figures", lang)))
            for item in funding.context:
                st.markdown(md(item.text.get(lang)) + cited(citations.cite(item.sources)))
        render_source_list(citations.listed, lang)
