"""Everything the page draws with ``st.*``, one module per page section.

Data texts are shown with Streamlit elements that render them as text (``st.text``,
``st.caption`` or ``st.markdown`` on escaped Markdown), never with ``unsafe_allow_html``.
Drawing code reads a :class:`components.state.UIState` and changes the session only through
:mod:`components.session.offices`.
"""
