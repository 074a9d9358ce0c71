"""Evidence that reads itself: reading files in a sandbox, OCR, and what a document is.

- ``limits``: the bounds of one reading (settings EVIDENCE_READ_*, EVIDENCE_OCR_*).
- ``sandbox`` / ``child``: the reading runs in a fresh child process with RLIMIT_AS and
  RLIMIT_CPU, killed after a wall-clock limit (the background worker calls it).
- ``reading``: text layer first, OCR (``ocr``: OCRmyPDF + Tesseract ``ind``) for scans and
  images, then the document's facts.
- ``facts`` / ``issuers``: kind, number, year, title, enactment date, signatory, issuing
  government and draft signs, read from the text with explainable patterns.
- ``checks``: the flags an assessor sees before the review (another government, draft, too
  old, one file on many indicators, unrelated title).
- ``coverage``: which level criteria and typical evidence the documents appear to cover
  (BM25 over Sastrawi-stemmed sentences), with the matching sentences and their pages.
- ``accuracy``: the labelled corpus and its scoring, shared by the test and the benchmark.

Everything here is plain functions without database access; the evidence tasks and the
evaluations app's selectors feed them and store or show the results.
"""
