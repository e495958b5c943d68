"""The outside tools some corpus batches render their documents with (Chromium's print to PDF,
LibreOffice's converter, pandoc) and the small builders those batches share. They run only when a
batch's document file is missing, or is rewritten with ``--force``."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any


def chromium_pdf(html: str) -> bytes:
    """The HTML page printed to PDF by headless Chromium (no browser header or footer)."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "doc.html", Path(tmp) / "doc.pdf"
        source.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return target.read_bytes()


def soffice_convert(data: bytes, suffix: str, to: str, infilter: str | None = None) -> bytes:
    """The file (of ``suffix``) converted by LibreOffice (``--convert-to to``, optionally read with
    ``infilter``)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"doc{suffix}"
        source.write_bytes(data)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                *([f"--infilter={infilter}"] if infilter else []),
                "--convert-to",
                to,
                "--outdir",
                f"{tmp}/out",
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        return next((Path(tmp) / "out").iterdir()).read_bytes()


def pandoc(data: str, source_format: str, target: str) -> bytes:
    """``data`` converted by pandoc from ``source_format`` to ``target`` ("docx", "plain", ...)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out.{'docx' if target == 'docx' else 'txt'}"
        subprocess.run(
            ["pandoc", "-f", source_format, "-t", target, "-o", str(out)],
            input=data.encode("utf-8"),
            check=True,
            capture_output=True,
            timeout=120,
        )
        return out.read_bytes()


def docx_bytes(document: Any) -> bytes:
    """A python-docx document saved (with the corpus as its author)."""
    document.core_properties.author = "Autobill corpus"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_page(body: str, css: str = "") -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"
