// The query page: runs the query against /sparql and draws the answer as a table.
// Every value is put in the page with textContent, never as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const $ = (id) => document.getElementById(id);
  const query = $("query"), status = $("status"), results = $("results");

  $("examples").addEventListener("change", (e) => {
    query.value = data.examples[Number(e.target.value)].query;
  });

  function link(iri, text) {
    let href = null;
    if (iri.startsWith(data.base)) href = "/id/" + iri.slice(data.base.length).split("/").map(encodeURIComponent).join("/");
    else if (/^https?:\/\//i.test(iri)) href = iri;
    if (!href) { const c = document.createElement("code"); c.textContent = text || iri; return c; }
    const a = document.createElement("a");
    a.href = href; a.textContent = text || iri; a.title = iri;
    if (!href.startsWith("/")) a.rel = "noopener noreferrer";
    return a;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") td.appendChild(link(term.value));
    else if (term.type === "bnode") td.textContent = "_:" + term.value;
    else {
      td.textContent = term.value;
      const extra = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype && !term.datatype.endsWith("#string") ? "^^" + term.datatype.split("#").pop() : "";
      if (extra) { const s = document.createElement("small"); s.textContent = extra; td.appendChild(s); }
    }
    return td;
  }

  function table(vars, rows) {
    const t = document.createElement("table"), head = t.createTHead().insertRow(), body = t.createTBody();
    for (const v of vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
    for (const r of rows) { const tr = body.insertRow(); for (const v of vars) tr.appendChild(cell(r[v])); }
    results.replaceChildren(t);
  }

  // N-Triples → terms shaped like SPARQL JSON results
  const NT = /^(<[^>]*>|_:\S+)\s+(<[^>]*>)\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)\s*\.\s*$/;
  const unesc = (s) => s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (m, c) =>
    c.length > 1 ? String.fromCodePoint(parseInt(c.slice(1), 16)) : ({ t: "\t", n: "\n", r: "\r", b: "\b", f: "\f" })[c] || c);
  function term(s) {
    if (s.startsWith("<")) return { type: "uri", value: unesc(s.slice(1, -1)) };
    if (s.startsWith("_:")) return { type: "bnode", value: s.slice(2) };
    const m = /^"((?:[^"\\]|\\.)*)"(?:@([\w-]+)|\^\^<([^>]*)>)?$/.exec(s);
    const t = { type: "literal", value: unesc(m[1]) };
    if (m[2]) t["xml:lang"] = m[2];
    if (m[3]) t.datatype = m[3];
    return t;
  }

  async function run(ev) {
    ev.preventDefault();
    const fmt = $("format").value;
    if (fmt) {  // a download: let the browser save the answer
      const url = "/sparql?format=" + fmt + "&query=" + encodeURIComponent(query.value);
      window.open(url, "_blank", "noopener");
      return;
    }
    status.className = ""; status.textContent = "running…";
    const t0 = performance.now();
    try {
      const r = await fetch("/sparql", {
        method: "POST", body: query.value,
        headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json, application/n-triples;q=0.9" },
      });
      const body = await r.text();
      if (!r.ok) throw new Error(r.status + " " + body);
      const ms = Math.round(performance.now() - t0);
      if ((r.headers.get("content-type") || "").startsWith("application/n-triples")) {
        const rows = body.split("\n").filter((l) => l.trim()).map((l) => NT.exec(l)).filter(Boolean)
          .map((m) => ({ subject: term(m[1]), predicate: term(m[2]), object: term(m[3]) }));
        table(["subject", "predicate", "object"], rows);
        status.textContent = rows.length + " triples, " + ms + " ms";
      } else {
        const j = JSON.parse(body);
        if ("boolean" in j) { results.replaceChildren(); status.textContent = "ASK: " + j.boolean + ", " + ms + " ms"; return; }
        table(j.head.vars, j.results.bindings);
        status.textContent = j.results.bindings.length + " rows, " + ms + " ms";
      }
    } catch (e) {
      status.className = "error"; status.textContent = String(e.message || e); results.replaceChildren();
    }
  }

  $("qform").addEventListener("submit", run);
  $("graph").addEventListener("click", () => { $("gquery").value = query.value; $("gform").submit(); });
})();
