"""Compare predicted facts with gold facts, category by category (names compared as facts.md
says: NFC, case folding, abbreviations written out, tone placement ignored)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from civickg import lexicon
from civickg.normalize import match_key

HEADLINE = ["persons", "offices", "organizations", "documents", "meetings", "places", "participants"]
CATEGORIES = HEADLINE + ["chairs", "authors", "document_issuers", "meeting_dates", "meeting_documents"]
SCALARS = ["title", "published", "source", "locality"]


def _expand(s: str) -> str:
    s = re.sub(r"\bTP\.?\s*HCM\b|\bTPHCM\b", "Thành phố Hồ Chí Minh", s)
    s = re.sub(r"\bTP\.\s*|\bTP\b", "thành phố ", s)
    for abbr, exp in ((r[0], r[1]) for r in lexicon.table("abbreviations.tsv")):
        s = re.sub(rf"(?<!\w){re.escape(abbr)}(?!\w)", exp, s)
    return s


def norm(s: Any) -> str:
    return match_key(_expand(str(s))) if s else ""


def _doc(s: Any) -> str:
    return re.sub(r"\s+", "", match_key(str(s))) if s else ""


def fact_sets(f: dict[str, Any]) -> dict[str, set]:
    persons = f.get("persons") or []
    meetings = f.get("meetings") or []
    return {
        "persons": {norm(p.get("name")) for p in persons},
        "offices": {(norm(p.get("name")), norm(o.get("role")), norm(o.get("organization")))
                    for p in persons for o in p.get("offices") or []},
        "organizations": {norm(o) for o in f.get("organizations") or []},
        "documents": {_doc(d.get("number")) for d in f.get("documents") or [] if d.get("number")},
        "document_issuers": {(_doc(d.get("number")), norm(d.get("issuer")), d.get("date") or "")
                             for d in f.get("documents") or [] if d.get("number")},
        "meetings": {(m.get("date") or "", norm(m.get("organizer"))) for m in meetings},
        "meeting_dates": {m.get("date") or "" for m in meetings},
        "meeting_documents": {(m.get("date") or "", _doc(d)) for m in meetings for d in m.get("documents") or []},
        "chairs": {(m.get("date") or "", norm(p)) for m in meetings for p in m.get("chairs") or []},
        "participants": {(m.get("date") or "", norm(p)) for m in meetings
                         for p in (m.get("participants") or []) + (m.get("chairs") or [])},
        "places": {norm(p) for p in f.get("places") or []},
        "authors": {norm(a) for a in f.get("authors") or []},
    }


def _scalar_ok(key: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if key == "published":
        return (gold.get(key) or "")[:16] == (pred.get(key) or "")[:16]
    return norm(gold.get(key)) == norm(pred.get(key))


def evaluate(gold_dir: Path, pred_dir: Path) -> dict[str, Any]:
    """Totals per category, the share of articles whose scalar fields agree, and per article
    what was missed and what was extra (as compared keys)."""
    totals = {k: [0, 0, 0] for k in CATEGORIES}
    scalars = dict.fromkeys(SCALARS, 0)
    missing: list[str] = []
    articles: dict[str, dict[str, dict[str, list[str]]]] = {}
    golds = sorted(gold_dir.glob("*.facts.json"))
    for g in golds:
        p = pred_dir / g.name
        pred = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
        if not p.exists():
            missing.append(g.name)
        gold = json.loads(g.read_text(encoding="utf-8"))
        gs, ps = fact_sets(gold), fact_sets(pred)
        for k in CATEGORIES:
            totals[k][0] += len(gs[k] & ps[k])
            totals[k][1] += len(ps[k])
            totals[k][2] += len(gs[k])
            if gs[k] != ps[k]:
                articles.setdefault(g.name, {})[k] = {"missed": sorted(map(str, gs[k] - ps[k])),
                                                      "extra": sorted(map(str, ps[k] - gs[k]))}
        for k in SCALARS:
            scalars[k] += _scalar_ok(k, gold, pred)
    report: dict[str, Any] = {"categories": {}, "missing": missing}
    for k, (tp, npred, ngold) in totals.items():
        report["categories"][k] = _prf(tp, npred, ngold)
    report["scalars"] = {k: round(n / len(golds), 3) if golds else None for k, n in scalars.items()}
    tp = sum(totals[k][0] for k in HEADLINE)
    report["micro"] = _prf(tp, sum(totals[k][1] for k in HEADLINE), sum(totals[k][2] for k in HEADLINE))
    report["articles"] = articles
    return report


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float | int]:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "pred": npred, "gold": ngold}
