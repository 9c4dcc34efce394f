"""What keeps the server safe: the SERVICE check, the bearer token, the security headers."""

from __future__ import annotations

import hmac
import re

# SPARQL allows \uXXXX / \UXXXXXXXX escapes anywhere in a query, so decode them before looking
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# what can hide a word: IRIs, strings (long ones first), comments; anything else is scanned
_TOKENS = re.compile(
    r"<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\""
    r"|#[^\n\r]*"
    r"|[?$]\w+|@[A-Za-z]+(?:-[A-Za-z0-9]+)*"
    r"|[A-Za-z_][\w-]*(?::[\w.-]*)?"
    r"|.",
    re.DOTALL,
)


def _unescape(text: str) -> str:
    def dec(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:
            return m.group()

    return _ESCAPE.sub(dec, text)


def remote_keyword(sparql: str) -> str | None:
    """``SERVICE`` (a federated query) or ``LOAD`` (an update fetching a URL) when the query or
    update has one as a keyword, not as text in an IRI, a string or a comment."""
    text = _unescape(sparql)
    low = text.lower()
    if "service" not in low and "load" not in low:
        return None
    for m in _TOKENS.finditer(text):
        word = m.group().lower()
        if word in ("service", "load"):
            return word.upper()
    return None


def token_ok(header: str | None, token: str | None) -> bool:
    """``Authorization: Bearer <token>`` with the configured token (constant-time compare)."""
    if not token or not header:
        return False
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def view_csp(page: str) -> str:
    """A rendered view carries its own CSP (script hashes) in a meta tag; the header repeats
    it, since both apply, and adds what a meta tag cannot say."""
    m = _META_CSP.search(page[:4000])
    base = m.group(1) if m else "default-src 'none'"
    return f"{base}; frame-ancestors 'none'"
