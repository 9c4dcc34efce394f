"""Colour and shape of each ontology class: one hue and shape per family (the top class),
subclasses as lighter or darker shades of it, so the legend reads as groups."""

from __future__ import annotations

import colorsys
import hashlib

# family -> (base colour, vis-network shape); shapes with the label below keep drawing cheap
FAMILIES: dict[str, tuple[str, str]] = {
    "Person": ("#d9534f", "dot"),
    "Organization": ("#337ab7", "square"),
    "Post": ("#8e44ad", "triangleDown"),
    "Membership": ("#8e44ad", "triangleDown"),
    "Document": ("#f0ad4e", "triangle"),
    "Meeting": ("#5cb85c", "diamond"),
    "Place": ("#17a2b8", "hexagon"),
    "NewsArticle": ("#6c757d", "star"),
}
_OTHER = ("#999999", "dot")


def _shade(hex_colour: str, key: str) -> str:
    """A stable variant of ``hex_colour`` for subclass ``key`` (lightness and hue nudged)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    d = hashlib.sha256(key.encode()).digest()
    lum = min(0.78, max(0.3, lum + (d[0] / 255 - 0.5) * 0.36))
    h = (h + (d[1] / 255 - 0.5) * 0.08) % 1.0
    r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))


def _family_colour(family: str) -> str:
    """A stable, fairly saturated colour for a family not listed above (an extension's class)."""
    h = hashlib.sha256(family.encode()).digest()[0] / 255
    r, g, b = colorsys.hls_to_rgb(h, 0.45, 0.6)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))


def style_for(key: str, family: str) -> tuple[str, str]:
    """(colour, shape) of class ``key`` in ``family``."""
    colour, shape = FAMILIES.get(family) or ((_family_colour(family), _OTHER[1]) if family else _OTHER)
    if key != family:
        colour = _shade(colour, key)
    return colour, shape
