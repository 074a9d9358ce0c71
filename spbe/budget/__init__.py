"""Planned ICT spending (belanja TIK): budget items per fiscal year and unit, the Diskominfo
consultation, consolidation and flags, and the Surat Edaran generated from them."""
