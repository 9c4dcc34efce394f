"""``civickg view``: write an interactive, self-contained HTML view of the graph."""

from __future__ import annotations

import click

from civickg.cli._graph import open_graph_store, read_query, store_options


@click.command(name="view")
@store_options
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="HTML file to write.")
@click.option("--article", "article_id", metavar="ID", help="Only this article (its id or IRI).")
@click.option("--around", metavar="NAME",
              help="Only the neighbourhood of the entity named NAME (diacritics optional).")
@click.option("--hops", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Radius of --around.")
@click.option("--query", "query_file", metavar="FILE.rq",
              help="Only the entities of a SELECT result, or the links of a CONSTRUCT result.")
@click.option("--articles/--no-articles", default=False, show_default=True,
              help="Draw the news articles as nodes.")
@click.option("--size-by", type=click.Choice(["none", "degree", "betweenness", "pagerank"]),
              default="degree", show_default=True, help="Node size by centrality.")
@click.option("--physics", type=click.Choice(["auto", "on", "off"]), default="auto",
              show_default=True,
              help="auto: live layout up to 300 nodes, precomputed layout above.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Initial language of labels (switchable in the page).")
@click.option("--title", help="Page title.")
def command(store_dir: str | None, endpoint: str | None, gsp: str | None, out: str,
            article_id: str | None, around: str | None, hops: int, query_file: str | None,
            articles: bool, size_by: str, physics: str, lang: str, title: str | None) -> None:
    """Write the graph, one article, a neighbourhood or a query result as one HTML file that
    opens offline in any browser: search without diacritics, class and date filters, tooltips
    with offices and sources."""
    from civickg.views.from_rdf import (
        article_graph_iri,
        build_view,
        result_view,
        store_select,
    )
    from civickg.views.render import write_html

    if sum(x is not None for x in (article_id, around, query_file)) > 1:
        raise click.UsageError("give at most one of --article, --around, --query")
    store = open_graph_store(store_dir, endpoint, gsp)
    try:
        select = store_select(store)
        if article_id:
            iri = article_graph_iri(select, article_id)
            if iri is None:
                raise click.ClickException(f"no article {article_id!r} in the store")
            graph = build_view(select, graph_iri=iri, articles=True)
            art = graph.nodes.get(iri)
            graph.title = art.label if art else article_id
        else:
            graph = build_view(select, articles=articles, title="civickg")
            if around:
                found = graph.find(around)
                if not found:
                    raise click.ClickException(f"nothing named {around!r} in the graph")
                graph = graph.around(found, hops)
                graph.title = f"{around} — {hops} hops"
            elif query_file:
                result = store.query(read_query(query_file))
                if result.kind == "graph":
                    import pyoxigraph as ox

                    triples = [(t.subject.value, t.predicate.value, t.object.value)
                               for t in result.triples()
                               if isinstance(t.subject, ox.NamedNode)
                               and isinstance(t.object, ox.NamedNode)]
                    graph = result_view(graph, triples=triples)
                elif result.kind == "bindings":
                    graph = result_view(graph, rows=result.rows())
                else:
                    raise click.ClickException("an ASK query has nothing to draw")
                graph.title = query_file
    except (SyntaxError, RuntimeError, OSError) as e:
        raise click.ClickException(str(e)) from e
    finally:
        store.close()
    if title:
        graph.title = title
    phys = {"auto": None, "on": True, "off": False}[physics]
    path = write_html(graph, out, size_by=size_by, physics=phys, lang=lang)
    click.echo(f"wrote {path}: {len(graph.nodes)} nodes, {len(graph.edges)} edges", err=True)
