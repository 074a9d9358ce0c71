"""URLs of the official-results pages, whatever namespace spbe.evaluations.urls gives them.

The pages are included from spbe/evaluations/urls.py, whose namespace is the evaluation core's
choice ("evaluations" or none); this helper finds them either way.
"""

from django.urls import NoReverseMatch, reverse

NAMESPACES = ("evaluations:official", "official")


def official_reverse(name: str, *args) -> str:
    for namespace in NAMESPACES:
        try:
            return reverse(f"{namespace}:{name}", args=args)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"official:{name}")
