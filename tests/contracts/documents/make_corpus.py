"""Render the hand-written corpus as PDF (reportlab), DOCX (python-docx) and text files, each
next to its expected contract JSON: ``python -m tests.contracts.documents.make_corpus``.

The rendered files are committed, so the benchmark reads real documents; re-run this after
editing corpus_dev.py, corpus_heldout.py or an unseen batch (corpus_batch_*.py).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


def render_text(blocks: list[tuple[Any, ...]], doc: dict[str, Any] | None = None) -> bytes:
    out: list[str] = []
    number = 0
    for block in blocks:
        kind = block[0]
        if kind == "li":
            number += 1
            out.append(f"{number}. {block[1]}")
            out.append("")
            continue
        if kind == "ts":
            # a table split by a page break after its row block[2] (the rest has no header)
            rows, split = block[1], block[2]
            for index, row in enumerate(rows):
                if index == split:
                    out.append("\f")
                out.append("| " + " | ".join(row) + " |")
                if index == 0:
                    out.append("|" + "|".join("---" for _ in row) + "|")
            out.append("")
            continue
        if kind == "pb":
            out.append("\f")
        elif kind == "h":
            out.append(block[1].upper() if len(block[1]) < 40 else block[1])
            out.append("")
        elif kind == "p":
            out.append(block[1])
            out.append("")
        elif kind in ("t", "tb", "tm"):
            rows = block[-1]
            for index, row in enumerate(rows):
                out.append("| " + " | ".join(row) + " |")
                if index == 0:
                    out.append("|" + "|".join("---" for _ in row) + "|")
            out.append("")
    return "\n".join(out).encode("utf-8")


def render_pdf(blocks: list[tuple[Any, ...]], doc: dict[str, Any] | None = None, *, rules: bool = True) -> bytes:
    """The blocks as a PDF (reportlab); ``rules=False`` draws every table without its grid lines
    (only whitespace between the cells, as many real-world PDFs have it)."""
    doc = doc or {}
    if doc.get("engine") == "html":
        return _render_pdf_html(blocks)
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    font = "Helvetica"
    # A TrueType font for £, € and ¥ (Helvetica's standard encoding lacks some of them).
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(candidate).exists():
            pdfmetrics.registerFont(TTFont("DejaVu", candidate))
            font = "DejaVu"
    for style in styles.byName.values():
        style.fontName = font  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    story: list[Any] = []
    for block in _plain_blocks(blocks):
        kind = block[0]
        if kind == "pb":
            story.append(PageBreak())
        elif kind == "h":
            story.append(Paragraph(_escape(block[1]), styles["Heading2"]))
        elif kind == "p":
            story.append(Paragraph(_escape(block[1]), styles["BodyText"]))
            story.append(Spacer(1, 4))
        elif kind in ("t", "tb", "tm"):
            rows = block[-1]
            table = Table([[Paragraph(_escape(cell), styles["BodyText"]) for cell in row] for row in rows])
            # "tb": a table drawn without rules (its text is all a PDF reader gets).
            style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if kind != "tb" and rules:
                style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
            table.setStyle(TableStyle(style))
            story.append(table)
            story.append(Spacer(1, 8))
    furniture = _page_furniture(doc.get("header"), doc.get("footer"), font, A4[1])
    SimpleDocTemplate(buffer, pagesize=A4, title="Contract", author="Autobill corpus", invariant=1).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return buffer.getvalue()


def _plain_blocks(blocks: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Numbered list items as numbered paragraphs; a split table ("ts") as two tables with a page
    break between them (the rest has no header row)."""
    out: list[tuple[Any, ...]] = []
    number = 0
    for block in blocks:
        if block[0] == "li":
            number += 1
            out.append(("p", f"{number}. {block[1]}"))
        elif block[0] == "ts":
            rows, split = block[1], block[2]
            out += [("t", rows[:split]), ("pb",), ("t", rows[split:])]
        else:
            out.append(block)
    return out


def _page_furniture(header: str | None, footer: str | None, font: str, height: float) -> Any:
    """A reportlab page callback drawing a running header and footer (letterhead, page numbers)."""

    def furniture(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        if header:
            canvas.drawString(50, height - 30, header.format(page=canvas.getPageNumber()))
        if footer:
            canvas.drawString(50, 25, footer.format(page=canvas.getPageNumber()))
        canvas.restoreState()

    return furniture


def _render_pdf_html(blocks: list[tuple[Any, ...]]) -> bytes:
    """The same blocks through HTML and xhtml2pdf: another PDF producer's text layout."""
    from xhtml2pdf import pisa

    parts = ["<html><body style='font-family: Helvetica; font-size: 10pt'>"]
    number = 0
    for block in blocks:
        kind = block[0]
        if kind == "pb":
            parts.append("<pdf:nextpage />")
        elif kind == "h":
            parts.append(f"<h3>{_escape(block[1])}</h3>")
        elif kind == "p":
            parts.append(f"<p>{_escape(block[1])}</p>")
        elif kind == "li":
            number += 1
            parts.append(f"<p>{number}. {_escape(block[1])}</p>")
        elif kind in ("t", "tb", "tm", "ts"):
            rows = block[-1] if kind in ("t", "tb", "tm") else block[1]
            border = "0" if kind == "tb" else "1"
            parts.append(f"<table border='{border}' cellpadding='3'>")
            for row in rows:
                parts.append("<tr>" + "".join(f"<td>{_escape(cell)}</td>" for cell in row) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    buffer = io.BytesIO()
    pisa.CreatePDF("".join(parts), dest=buffer)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_docx(blocks: list[tuple[Any, ...]], doc: dict[str, Any] | None = None) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    doc = doc or {}
    document = docx.Document()
    if doc.get("header"):
        document.sections[0].header.paragraphs[0].text = doc["header"].format(page="")
    if doc.get("footer"):
        document.sections[0].footer.paragraphs[0].text = doc["footer"].format(page="")
    for block in blocks:
        kind = block[0]
        if kind == "li":
            # Word's own numbering: the number is not in the paragraph's text
            document.add_paragraph(block[1], style="List Number")
            continue
        if kind == "ts":
            block, kind = ("t", block[1]), "t"  # a Word table flows over pages by itself
        if kind == "pb":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "h":
            document.add_heading(block[1], level=2)
        elif kind == "p":
            document.add_paragraph(block[1])
        elif kind == "t":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        elif kind in ("tb", "tm"):
            # "tm": a title row merged across the table above the header row.
            title, rows = block[1], block[2]
            table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
            table.style = "Table Grid"
            merged = table.cell(0, 0).merge(table.cell(0, len(rows[0]) - 1))
            merged.text = title
            for r, row in enumerate(rows, start=1):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.core_properties.author = "Autobill corpus"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RENDER = {"pdf": render_pdf, "docx": render_docx, "text": render_text}


def _content(data: bytes, name: str) -> object:
    from contracts.documents.reader import read_document

    document = read_document(data, name)
    return [(block.page, block.text, block.cells) for block in document.blocks]


def produce_all(folder: Path, docs: list[dict[str, Any]]) -> None:
    """Regenerate every document file of a batch made by another tool chain with its producer (``build``
    only produces the ones that are missing)."""
    folder.mkdir(exist_ok=True)
    for doc in docs:
        (folder / f"{doc['name']}{SUFFIX[doc['format']]}").write_bytes(doc["produce"]())


def build(folder: str, docs: list[dict[str, Any]]) -> None:
    target = HERE / folder
    target.mkdir(exist_ok=True)
    for doc in docs:
        path = target / f"{doc['name']}{SUFFIX[doc['format']]}"
        if doc.get("produce"):
            # made by another tool chain (chromium, LibreOffice, ...) that stamps dates into its files:
            # produced only when missing (the corpus module regenerates them on purpose)
            if not path.exists():
                path.write_bytes(doc["produce"]())
            _write_expected(target, doc)
            continue
        # "raw": a text document laid out by hand (space-aligned columns), rendered as it is.
        data = doc["raw"].encode() if doc.get("raw") else RENDER[doc["format"]](doc["blocks"], doc)
        if not path.exists() or _content(path.read_bytes(), path.name) != _content(data, path.name):
            path.write_bytes(data)  # DOCX zips carry timestamps: rewrite only when the content changed
        _write_expected(target, doc)


def _write_expected(target: Path, doc: dict[str, Any]) -> None:
    text = json.dumps(doc["expected"], indent=2, ensure_ascii=False) + "\n"
    (target / f"{doc['name']}.expected.json").write_text(text)


def main() -> None:
    from tests.contracts.documents import (
        corpus_batch_aa,
        corpus_batch_ab,
        corpus_batch_ac,
        corpus_batch_ad,
        corpus_batch_ae,
        corpus_batch_af,
        corpus_batch_ag,
        corpus_batch_ah,
        corpus_batch_b,
        corpus_batch_c,
        corpus_batch_d,
        corpus_batch_e,
        corpus_batch_f,
        corpus_batch_final,
        corpus_batch_g,
        corpus_batch_h,
        corpus_batch_i,
        corpus_batch_j,
        corpus_batch_k,
        corpus_batch_l,
        corpus_batch_m,
        corpus_batch_n,
        corpus_batch_o,
        corpus_batch_p,
        corpus_batch_q,
        corpus_batch_r,
        corpus_batch_s,
        corpus_batch_t,
        corpus_batch_u,
        corpus_batch_v,
        corpus_batch_w,
        corpus_batch_x,
        corpus_batch_y,
        corpus_batch_z,
        corpus_dev,
        corpus_heldout,
    )

    build("dev", corpus_dev.DOCS)
    build("heldout", corpus_heldout.DOCS)
    build("batch_b", corpus_batch_b.DOCS)
    build("batch_c", corpus_batch_c.DOCS)
    build("batch_d", corpus_batch_d.DOCS)
    build("batch_e", corpus_batch_e.DOCS)
    build("batch_f", corpus_batch_f.DOCS)
    build("batch_g", corpus_batch_g.DOCS)
    build("batch_h", corpus_batch_h.DOCS)
    build("batch_i", corpus_batch_i.DOCS)
    build("batch_j", corpus_batch_j.DOCS)
    build("batch_k", corpus_batch_k.DOCS)
    build("batch_l", corpus_batch_l.DOCS)
    build("batch_m", corpus_batch_m.DOCS)
    build("batch_n", corpus_batch_n.DOCS)
    build("batch_o", corpus_batch_o.DOCS)
    build("batch_p", corpus_batch_p.DOCS)
    build("batch_q", corpus_batch_q.DOCS)
    build("batch_r", corpus_batch_r.DOCS)
    build("batch_s", corpus_batch_s.DOCS)
    build("batch_t", corpus_batch_t.DOCS)
    build("batch_u", corpus_batch_u.DOCS)
    build("batch_v", corpus_batch_v.DOCS)
    build("batch_w", corpus_batch_w.DOCS)
    build("batch_x", corpus_batch_x.DOCS)
    build("batch_y", corpus_batch_y.DOCS)
    build("batch_z", corpus_batch_z.DOCS)
    build("batch_aa", corpus_batch_aa.DOCS)
    build("batch_ab", corpus_batch_ab.DOCS)
    build("batch_final", corpus_batch_final.DOCS)
    build("batch_ac", corpus_batch_ac.DOCS)
    build("batch_ad", corpus_batch_ad.DOCS)
    build("batch_ae", corpus_batch_ae.DOCS)
    build("batch_af", corpus_batch_af.DOCS)
    build("batch_ag", corpus_batch_ag.DOCS)
    build("batch_ah", corpus_batch_ah.DOCS)


if __name__ == "__main__":
    main()
