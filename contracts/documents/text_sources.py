"""The text of an upload that is neither a PDF nor a DOCX, as its writer saw it.

A ".txt" is not always UTF-8 plain text: Windows Notepad and Outlook save "Unicode" text as UTF-16
(every other byte zero), an e-mail saved from a mail client is its raw source (headers, MIME parts,
quoted-printable "=E2=82=AC" and soft line breaks "=" at 76 columns, base64 bodies), and a quote
saved from a browser or a CPQ tool is HTML. Each is turned into the plain text a person reads, with
an HTML table's rows kept as "| cell | cell |" lines, so that the text reader sees one shape.
"""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we read."""


def decode_text(data: bytes) -> str:
    """The bytes as text: a UTF-32/UTF-16 byte-order mark or UTF-16 without one (a zero byte in
    every other position), else UTF-8 (with or without its mark), else Windows-1252."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return data.decode("utf-32", errors="replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    head = data[:4096]
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd and odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
            return data[: len(data) - len(data) % 2].decode("utf-16-le", errors="replace")
        if even and even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
            return data[: len(data) - len(data) % 2].decode("utf-16-be", errors="replace")
        raise BinaryFileError("The file is binary, not text, PDF or DOCX.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def readable_text(data: bytes) -> str:
    """The text a person reads in the upload: an e-mail's message, an HTML page's text, else the
    decoded text itself."""
    text = decode_text(data)
    if _email_source(text):
        return _email_text(text)
    if _html(text):
        return html_to_text(text)
    return text


# --- e-mail source -----------------------------------------------------------------------------

_HEADER = re.compile(r"[A-Za-z][A-Za-z0-9-]*:[ \t]?.*")
_SHOWN_HEADERS = ("From", "To", "Cc", "Date", "Subject")


def _email_source(text: str) -> bool:
    """Raw e-mail source: a block of RFC 822 headers at the top (a continuation line indented),
    naming a MIME version or a content type or transfer encoding."""
    head = text.replace("\r\n", "\n").lstrip("\n").split("\n\n", 1)[0]
    lines = head.split("\n")
    if len(lines) < 2 or not all(_HEADER.fullmatch(line) or line[:1] in (" ", "\t") for line in lines):
        return False
    names = {line.split(":", 1)[0].lower() for line in lines if not line[:1].isspace()}
    return bool(names & {"mime-version", "content-type", "content-transfer-encoding"})


def _email_text(text: str) -> str:
    message = email.message_from_string(text.lstrip("\r\n"), policy=email.policy.default)
    shown = [f"{name}: {message[name]}" for name in _SHOWN_HEADERS if message[name]]
    body = message.get_body(preferencelist=("plain", "html"))
    content = ""
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError):  # an unknown charset: its bytes as Windows-1252
            content = (body.get_payload(decode=True) or b"").decode("cp1252", errors="replace")
        if body.get_content_subtype() == "html":
            content = html_to_text(content)
    return "\n".join(shown) + "\n\n" + content


# --- HTML --------------------------------------------------------------------------------------

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)


def _html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2048])) or (
        len(re.findall(r"</(?:p|div|td|tr|table|li|h[1-6])>", text[:20000], re.I)) >= 3
    )


_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5",
    "h6", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address", "hr", "title", "figure", "figcaption",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "template", "noscript"}


class _TextParser(HTMLParser):
    """HTML as lines of text: block elements on lines of their own, a list item after a bullet and
    each table row as "| cell | cell |" (a "|---|" line under a header row)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.rows: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.header_row = False
        self.tables: list[tuple[list[list[str]] | None, list[str] | None]] = []

    # text -------------------------------------------------------------------------------------
    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.current

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")
            return
        line = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._target().append(data)

    # tags -------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._break()
        elif tag == "li":
            self._break()
            self._target().append("• ")
        elif tag in _BLOCKS:
            self._break()
        elif tag == "table":
            self._break()
            self.tables.append((self.rows, self.cell))
            self.rows, self.cell = [], None
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
            self.header_row = True
        elif tag in ("td", "th") and self.rows is not None:
            if not self.rows:
                self.rows.append([])
            self.header_row = self.header_row and tag == "th"
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th") and self.cell is not None and self.rows:
            self.rows[-1].append(re.sub(r"[ \t\r\n\u00a0|]+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.rows and self.header_row:
            self.rows[-1].append("\0header")
        elif tag == "table" and self.tables:
            rows = self.rows or []
            self.rows, self.cell = self.tables.pop()
            self._table_lines(rows)
        elif tag in _BLOCKS or tag == "li":
            self._break()

    def _table_lines(self, rows: list[list[str]]) -> None:
        for number, row in enumerate(rows):
            header = bool(row) and row[-1] == "\0header"
            cells = [cell for cell in row if cell != "\0header"]
            if not any(cells):
                continue
            line = "| " + " | ".join(cells) + " |"
            if self.cell is not None:  # a table inside a cell: its rows as the cell's text
                self.cell.append(" " + " ".join(cell for cell in cells if cell) + " ")
                continue
            self.lines.append(line)
            if header and number == 0:
                self.lines.append("|" + "|".join("---" for _ in cells) + "|")
        if self.cell is None:
            self.lines.append("")

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines)
