"""The audit trail a koordinator reads: events of their instansi as a page, an API and a CSV.

Separate from spbe.audit, which records events for every app and imports none of them; the
trail needs the access rule of organizations to decide who may read which instansi.
"""
