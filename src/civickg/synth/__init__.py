"""Benchmark corpus: deterministic, realistic generated articles with the facts they state.

``generate(i, seed)`` gives article ``i`` of corpus ``seed`` as (id, text, facts in the
facts.md shape); ``write_corpus`` writes N of them as text, JSON Lines or HTML files with a
``<id>.facts.json`` beside each."""

from civickg.synth.article import generate
from civickg.synth.write import write_corpus

__all__ = ["generate", "write_corpus"]
