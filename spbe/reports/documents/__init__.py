"""The documents the reports app generates, one module per document; each builds its context
from the same selectors as the pages (so its figures equal the dashboard's and `spbe score`'s)
and renders it with the neutral helpers in `spbe.documents`.

- `lhe`: Laporan Hasil Evaluasi Internal (PDF) of a cycle and stage;
- `berita_acara`: Berita Acara of the self-assessment / internal evaluation (DOCX, PDF);
- `scorecard`: one unit's scorecard (PDF); `province`: kabupaten/kota compared (PDF);
- `package`: the national upload package (ZIP).

`registry.build(generated)` dispatches a GeneratedFile to its builder.
"""
