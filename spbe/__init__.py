"""SPBE Monev: monitoring and evaluation of SPBE / Indeks Pemerintah Digital."""
