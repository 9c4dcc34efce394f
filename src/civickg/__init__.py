"""civickg: knowledge graphs of Vietnamese government and Party news."""

__version__ = "0.2.0"


def compiled() -> bool:
    """Whether the extraction stage runs compiled by mypyc (a regular install with a C compiler)
    or as the pure-Python modules (an editable install, ``CIVICKG_PURE_PYTHON=1``)."""
    from civickg.extract import tokens

    return not tokens.__file__.endswith(".py")
