"""``civickg evaluate GOLD_DIR PRED_DIR``: precision, recall and F1 per category."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("pred_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def command(gold_dir: str, pred_dir: str, as_json: bool) -> None:
    """Score predicted *.facts.json against gold ones."""
    from civickg.evaluate import evaluate

    report = evaluate(Path(gold_dir), Path(pred_dir))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo(f"{'category':15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
    for k, v in [*report["categories"].items(), ("micro", report["micro"])]:
        click.echo(f"{k:15} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp']:5} {v['pred']:5} {v['gold']:5}")
    if report["missing"]:
        click.echo("missing predictions: " + ", ".join(report["missing"]))
