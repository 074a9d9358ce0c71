"""What evidence needs to know about the links between documents and indicators, without
importing the app that owns them.

Evidence knows documents; evaluations alone own `EvidenceLink` (docs/adr/0002). Three things
evidence shows depend on those links, so evaluations supply them once at start-up
(`EvaluationsConfig.ready` calls `register_link_provider`):

- which documents a unit-restricted user may also see because they support an indicator
  their units work on (`linked_document_q`),
- where a document is used as evidence (`document_uses`),
- which framework's age rules judge an instansi's library (`library_framework`),
- why a document's file may not be replaced now (`file_lock_reason`: it is evidence of an
  indicator the asesor approved).

Without a provider (evidence on its own), a document supports nothing and no rule applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class LinkProvider:
    linked_document_q: Callable  # (scope) -> condition on Document (Q or Exists)
    document_uses: Callable  # (*, user, document) -> iterable of links the user sees
    library_framework: Callable  # (instansi) -> framework or None
    file_lock_reason: Callable = lambda document: None  # (document) -> str or None


_NO_LINKS = LinkProvider(
    linked_document_q=lambda scope: Q(pk__in=[]),
    document_uses=lambda *, user, document: [],
    library_framework=lambda instansi: None,
)
_provider: LinkProvider | None = None


def register_link_provider(provider: LinkProvider) -> None:
    """Install the app that owns evidence links (called once, from an AppConfig.ready)."""
    global _provider
    _provider = provider


def link_provider() -> LinkProvider:
    """The registered provider, or one under which no document is linked to anything."""
    return _provider or _NO_LINKS
