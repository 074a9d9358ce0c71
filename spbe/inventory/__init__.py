"""SPBE architecture inventory: the six domains of the national SPBE architecture (Perpres
132/2022) — business processes, data sets, infrastructure, applications, security controls and
services — per owner unit, with import/export, duplicate detection and evidence snapshots."""
