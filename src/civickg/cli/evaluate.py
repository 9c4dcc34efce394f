"""``civickg evaluate GOLD_DIR PRED_DIR``: precision, recall and F1 per category."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("pred_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Also list, article by article, the facts missed (-) and the extra ones (+).")
def command(gold_dir: str, pred_dir: str, as_json: bool, show_diff: bool) -> None:
    """Score predicted *.facts.json against gold ones."""
    from civickg.evaluate import evaluate

    report = evaluate(Path(gold_dir), Path(pred_dir))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    if show_diff:
        for name, cats in report["articles"].items():
            click.echo(name)
            for cat, d in cats.items():
                for key in d["missed"]:
                    click.echo(f"  - {cat}: {key}")
                for key in d["extra"]:
                    click.echo(f"  + {cat}: {key}")
        click.echo()
    click.echo(f"{'category':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
    for k, v in report["categories"].items():
        click.echo(f"{k:18} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp']:5} {v['pred']:5} {v['gold']:5}")
    click.echo("scalars: " + ", ".join(f"{k} {v}" for k, v in report["scalars"].items()))
    if report["missing"]:
        click.echo("missing predictions: " + ", ".join(report["missing"]))
    v = report["micro"]
    click.echo(f"{'micro':18} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp']:5} {v['pred']:5} {v['gold']:5}")
