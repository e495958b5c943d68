"""Contract understanding: read an order form, SOW or pricing schedule and draft a contract.

Pure code (no Django): ``reader`` turns PDF / DOCX / text bytes into pages of text and tables,
``parsing`` reads money, dates, quantities and cadences, ``extractor`` maps pricing language onto
the API's contract shape with evidence, confidence and warnings per field, ``scoring`` measures
field-level precision / recall / F1 and compares two extractions, ``llm`` is the optional
language-model provider.
"""

from __future__ import annotations

from contracts.documents.extractor import Extraction, extract
from contracts.documents.reader import Document, DocumentReadError, read_document

__all__ = ["Document", "DocumentReadError", "Extraction", "extract", "read_document"]
