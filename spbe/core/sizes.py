"""Byte counts as users read them in messages ("25 MB", "1,5 MB", "900 KB")."""

MEGABYTE = 1024 * 1024


def format_megabytes(size: int) -> str:
    """Indonesian style: decimal comma, no trailing ",0"; sizes under 1 MB in KB."""
    if size < MEGABYTE:
        return f"{max(size // 1024, 1) if size else 0} KB"
    text = f"{size / MEGABYTE:.1f}".replace(".", ",")
    return f"{text.removesuffix(',0')} MB"
