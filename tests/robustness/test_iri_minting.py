"""Issue 7: data IRIs are minted only from safe characters, whatever Unicode the label, keys
or article id hold. Bounded in CI; CIVICKG_FUZZ_EXAMPLES raises the count."""

from __future__ import annotations

import os
import re

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from civickg.namespace import ID, article_iri, mint, slug

EXAMPLES = int(os.environ.get("CIVICKG_FUZZ_EXAMPLES", "300"))
fuzz = settings(max_examples=EXAMPLES, deadline=None)
hostile = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(['"', "'", "<", ">", " ", "\\", "{", "}", "|", "^", "`", "#", "?", "%",
                              "/", "\n", "\x00", "\u202e", "Ð", "ủ", "\u0301", "é", "ﬁ", "Ⅻ", "²",
                              "İ", "ß", "\ud7ff", "😀", "../", "javascript:", "DROP ALL", ".", ".."]),
             max_size=40).map("".join),
)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*|x")


@fuzz
@given(hostile, st.lists(st.one_of(hostile, st.none(), st.integers()), max_size=3), hostile)
def test_mint_gives_safe_iris(label: str, keys: list[object], readable: str) -> None:
    for iri in (mint("person", label, *keys), mint("org", label, *keys, readable=readable or None)):
        local = iri[len(ID):]
        kind, _, rest = local.partition("/")
        name, _, digest = rest.rpartition("-")
        assert SLUG.fullmatch(name) and re.fullmatch(r"[0-9a-f]{10}", digest), iri
        assert len(name) <= 48
        ox.NamedNode(str(iri))  # a valid IRI for the store


@fuzz
@given(hostile)
def test_slug_is_ascii_and_bounded(text: str) -> None:
    s = slug(text)
    assert SLUG.fullmatch(s) and len(s) <= 48, s


@fuzz
@given(hostile)
def test_article_iris_are_safe_and_distinct_per_id(article_id: str) -> None:
    iri = str(article_iri(article_id))
    assert re.fullmatch(r"https://w3id\.org/civickg/id/article/[A-Za-z0-9][A-Za-z0-9._-]{0,99}", iri), iri
    ox.NamedNode(iri)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", article_id):  # slug + hash of the id
        assert iri != str(article_iri(article_id + " "))
