"""Contract extraction quality: field-level precision, recall and F1 per document, per format
and overall, on the corpus under tests/contracts/documents/.

    .venv/bin/python bench/extraction.py                 # the development set
    .venv/bin/python bench/extraction.py --set heldout   # the held-out set
    .venv/bin/python bench/extraction.py --set batch_b   # an unseen batch (first run = estimate)
    .venv/bin/python bench/extraction.py --set batch_final  # first final blind batch (opened and fixed, see README)
    .venv/bin/python bench/extraction.py --set batch_final2  # second final blind batch (opened and fixed in round 7)
    .venv/bin/python bench/extraction.py --set batch_final3  # third final blind batch (measured once, then opened)
    .venv/bin/python bench/extraction.py --set batch_final4  # fourth final blind batch (measured once, then opened)
    .venv/bin/python bench/extraction.py --set batch_final5  # fifth final blind batch (measured, never fixed)
    .venv/bin/python bench/extraction.py --set all -v    # dev and held-out, with every missed field
    .venv/bin/python bench/extraction.py --set batches   # every unseen batch pooled (B to AG, finals)
    .venv/bin/python bench/extraction.py --set everything  # dev, held-out and every batch pooled

Runs the offline extractor only (no network); see contracts/documents/scoring.py for what a
field is and how lines are paired.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contracts.documents import extract, read_document  # noqa: E402
from contracts.documents.scoring import Score, score_extraction  # noqa: E402

CORPUS = ROOT / "tests" / "contracts" / "documents"
FORMATS = {".pdf": "pdf", ".docx": "docx", ".txt": "text"}


def documents(which: str, batches: list[str]) -> list[Path]:
    folders = {"all": ["dev", "heldout"], "batches": batches, "everything": ["dev", "heldout", *batches]}.get(
        which, [which]
    )
    return sorted(path for folder in folders for path in (CORPUS / folder).iterdir() if path.suffix in FORMATS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    batches = sorted(path.name for path in CORPUS.iterdir() if path.is_dir() and path.name.startswith("batch_"))
    parser.add_argument("--set", default="dev", choices=["dev", "heldout", "all", "batches", "everything", *batches])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every missed or wrong field")
    args = parser.parse_args()
    total = Score()
    by_format: dict[str, Score] = {}
    print(f"{'document':40} {'fmt':5} {'P':>6} {'R':>6} {'F1':>6} {'ms':>6}")
    for path in documents(args.set, batches):
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
        started = time.perf_counter()
        extraction = extract(read_document(path.read_bytes(), path.name))
        elapsed = (time.perf_counter() - started) * 1000
        score = score_extraction(expected, extraction.data)
        fmt = FORMATS[path.suffix]
        total.add(score)
        by_format.setdefault(fmt, Score()).add(score)
        print(f"{path.stem:40} {fmt:5} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {elapsed:6.0f}")
        if args.verbose:
            for miss in score.misses:
                print(f"    - {miss}")
    print()
    for fmt, score in sorted(by_format.items()):
        print(f"{'format ' + fmt:40} {'':5} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    print(
        f"{'OVERALL (' + args.set + ')':40} {'':5} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}"
        f"   fields: {total.true_positive} right, {total.false_positive} wrong or extra, "
        f"{total.false_negative} missed"
    )


if __name__ == "__main__":
    main()
