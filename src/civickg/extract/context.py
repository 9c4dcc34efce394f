"""What an article leaves implicit: its locality (the province-level unit it is about) and the
district it is about, inferred from where places are named and from the outlet tag."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from civickg import gazetteer, lexicon
from civickg.extract.places import PlaceMention
from civickg.gazetteer import PlaceEntry
from civickg.model import Article

_TITLE_WEIGHT, _LEAD_WEIGHT, _OUTLET_WEIGHT, _MIN_WEIGHT = 3.0, 2.0, 2.0, 2.0


@dataclass
class PlaceContext:
    locality: PlaceEntry | None = None
    districts: dict[str, PlaceEntry] = field(default_factory=dict)  # type word -> district

    def unit(self, level_word: str | None) -> tuple[str, str] | None:
        """(level word, bare name) of the implicit unit of that level."""
        if level_word in (None, "tỉnh", "thành phố") and self.locality:
            if level_word == "thành phố" and self.locality.type_word != "thành phố":
                d = self.districts.get("thành phố")
                return ("thành phố", d.name) if d else None
            return self.locality.type_word, self.locality.name
        if level_word and level_word in self.districts:
            return level_word, self.districts[level_word].name
        return None


def _venue(text: str, m: PlaceMention) -> bool:
    """``tại Hà Nội``, ``tại Nhà Quốc hội (Hà Nội)``."""
    before = text[max(0, m.span.start - 60) : m.span.start]
    if before.rstrip().endswith(("tại", "ở")):
        return True
    return before.endswith("(") and any(w in before.rsplit(",", 1)[-1] for w in ("tại ", "ở "))


def infer_context(article: Article, mentions: list[PlaceMention]) -> PlaceContext:
    weights: dict[str, float] = defaultdict(float)
    lead_end = article.paragraphs[0].end if article.paragraphs else 0
    for m in mentions:
        w = (
            _TITLE_WEIGHT
            if m.span.end <= article.title_span.end
            else _LEAD_WEIGHT
            if m.span.start < lead_end
            else 1.0
        )
        if _venue(article.text, m):
            w /= 2  # "tại Hà Nội": where a national body met, not what the article is about
        if m.entry.level == "Province":
            weights[m.entry.name] += w
        elif m.entry.level in {"District", "Commune"} and m.entry.parent:
            weights[m.entry.parent] += w / 2
    outlet = lexicon.mapping("outlets.tsv").get(article.source or "")
    if outlet:
        weights[outlet] += _OUTLET_WEIGHT
    ctx = PlaceContext()
    if weights:
        name, w = max(weights.items(), key=lambda kv: kv[1])  # the first of equals, as most_common
        if w >= _MIN_WEIGHT:
            ctx.locality = gazetteer.province(name)
    if ctx.locality:
        counts: Counter[tuple[str, str]] = Counter()
        by_key: dict[tuple[str, str], PlaceEntry] = {}
        for m in mentions:
            lower_unit = m.entry.level == "District" or (m.entry.level == "Commune" and m.typed)
            if lower_unit and m.entry.parent == ctx.locality.name:
                k = (m.typed or m.entry.type_word, m.entry.name)
                counts[k] += 2 if m.typed else 1
                by_key[k] = m.entry
        for (tw, _), _n in counts.most_common():
            ctx.districts.setdefault(tw, by_key[(tw, _)])
    return ctx
