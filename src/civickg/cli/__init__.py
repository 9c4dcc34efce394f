"""The ``civickg`` command. Each module in this package defines one command (or group) named
``command``; it is picked up here, so adding a command is adding a module."""

from __future__ import annotations

import importlib
import pkgutil

import click

from civickg import __version__, compiled


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civickg",
                      message="%(prog)s %(version)s (extractor: " + ("compiled" if compiled() else "pure Python") + ")")
def cli() -> None:
    """Build knowledge graphs of Vietnamese government and Party news."""


for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    cli.add_command(_module.command)


def main() -> None:
    cli()
