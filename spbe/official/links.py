"""URLs of the official-results pages (namespace "official", mounted by config/urls.py)."""

from django.urls import reverse


def official_reverse(name: str, *args) -> str:
    """The URL of the official-results page `name` ("import", "confirm", "template", ...)."""
    return reverse(f"official:{name}", args=args)
