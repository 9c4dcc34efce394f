"""``civickg extract``: facts of each article as JSON (the facts.md view)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--facts-dir", type=click.Path(file_okay=False), help="Write DIR/<stem>.facts.json per article.")
@click.option("--strict", is_flag=True, help="Stop at the first article that cannot be read.")
def command(paths: tuple[str, ...], facts_dir: str | None, strict: bool) -> None:
    """Extract the facts of articles (files, directories, globs, - for stdin)."""
    from civickg.model import ReadError
    from civickg.pipeline import extract
    from civickg.read import iter_articles

    out_dir = Path(facts_dir) if facts_dir else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for item in iter_articles(list(paths)):
        if isinstance(item, ReadError):
            failed += 1
            click.echo(f"error: {item}", err=True)
            if strict:
                sys.exit(1)
            continue
        try:
            facts = extract(item).to_json()
        except Exception as e:  # one bad article never stops the others
            failed += 1
            click.echo(f"error: {item.path}: extraction failed: {type(e).__name__}: {e}", err=True)
            if strict:
                raise
            continue
        data = json.dumps(facts, ensure_ascii=False, indent=1 if out_dir else None)
        if out_dir:
            (out_dir / f"{item.article_id}.facts.json").write_text(data + "\n", encoding="utf-8")
        else:
            click.echo(data)
    if failed:
        sys.exit(1)
