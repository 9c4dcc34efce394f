"""``civickg synth``: write a generated benchmark corpus with the facts of each article."""

from __future__ import annotations

import click


@click.command(name="synth")
@click.argument("count", type=click.IntRange(min=0))
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--seed", type=int, default=0, show_default=True,
              help="Corpus seed: the same seed and count give the same files.")
@click.option("--format", "fmt", type=click.Choice(["txt", "jsonl", "html"]), default="txt",
              show_default=True, help="Article files: plain text, JSON Lines (1,000 a file) or HTML.")
def command(count: int, out_dir: str, seed: int, fmt: str) -> None:
    """Write COUNT realistic generated articles into OUT_DIR, with <id>.facts.json beside each
    (the facts it states, in the facts.md shape), for benchmarks and evaluation."""
    from civickg.synth import write_corpus

    write_corpus(count, out_dir, seed=seed, fmt=fmt)
    click.echo(f"wrote {count} articles ({fmt}) and their facts to {out_dir}", err=True)
