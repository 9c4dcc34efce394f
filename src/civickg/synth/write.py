"""Write a generated corpus in one of the forms the readers accept."""

from __future__ import annotations

import html
import json
from pathlib import Path

from civickg.synth.article import generate

FORMATS = ("txt", "jsonl", "html")
JSONL_LINES = 1000  # articles per JSON Lines file
URL = "https://synth.civickg.example/tin/{}.html"


def _html(text: str, article_id: str) -> str:
    head, *paras = text.strip().split("\n\n")
    title, timeline = head.split("\n")
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title>"
            f'<link rel="canonical" href="{URL.format(article_id)}"></head>\n<body><article>'
            f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(timeline)}</p>\n{body}\n"
            "</article></body></html>\n")


def _jsonl(text: str, article_id: str, facts: dict) -> str:
    head, *paras = text.strip().split("\n\n")
    title = head.split("\n")[0]
    body = "\n\n".join(paras[:-1])  # the byline goes to "authors"
    record = {"title": title, "published": facts["published"], "text": body,
              "url": URL.format(article_id), "source": facts["source"], "authors": facts["authors"]}
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_corpus(n: int, out_dir: str | Path, seed: int = 0, fmt: str = "txt") -> int:
    """Write articles 0..n-1 of corpus ``seed`` into ``out_dir``; returns n."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for i in range(n):
        article_id, text, facts = generate(i, seed)
        if fmt == "txt":
            (out / f"{article_id}.txt").write_text(text, encoding="utf-8")
        elif fmt == "html":
            (out / f"{article_id}.html").write_text(_html(text, article_id), encoding="utf-8")
        else:
            lines.append(_jsonl(text, article_id, facts))
            if len(lines) == JSONL_LINES or i == n - 1:
                part = out / f"synth-{seed}-{i // JSONL_LINES:04d}.jsonl"
                part.write_text("".join(lines), encoding="utf-8")
                lines = []
        (out / f"{article_id}.facts.json").write_text(
            json.dumps(facts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return n
