"""Names compared as people mean them: case, accents and spacing ignored; identifiers made
from names."""

from __future__ import annotations

import re
import unicodedata


def fold(value: str) -> str:
    """Lower case, no accents, ``ß`` as ``ss``, hyphens as spaces, one space between words:
    ``"  São-Paulo "`` → ``"sao paulo"``, ``"Brüssel"`` → ``"brussel"``."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().replace("ß", "ss"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("-", " ").split())


def slug(text: str, default: str = "office") -> str:
    """An identifier made from a name: ``Brüssel`` → ``brussel``, ``São Paulo`` →
    ``sao-paulo``; ``default`` where nothing of the name is left."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:48] or default
