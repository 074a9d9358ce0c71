"""Demo data: Pemerintah Provinsi Kalimantan Timur as in November 2026 (see data/kaltim.yaml)."""
