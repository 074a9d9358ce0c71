"""The product's own folders for temporary files (under settings.SPBE_TEMP_DIR), so that what
a killed process leaves behind can be found (`evidence_temp_orphans`) and nothing else is.

- uploads: where Django's upload handler writes an upload larger than
  FILE_UPLOAD_MAX_MEMORY_SIZE while the request reads it (FILE_UPLOAD_TEMP_DIR); Django removes
  the file when the request ends, also when the upload was refused or failed;
- reading: local copies of stored files being read, and the temporary folder (TMPDIR) of the
  reading sandbox's child process and of OCR.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

UPLOADS = "unggahan"
READING = "baca"


def temp_folders() -> dict[str, Path]:
    """Kind → folder; the uploads folder only where FILE_UPLOAD_TEMP_DIR is set."""
    folders = {READING: Path(settings.SPBE_TEMP_DIR) / READING}
    if settings.FILE_UPLOAD_TEMP_DIR:
        folders[UPLOADS] = Path(settings.FILE_UPLOAD_TEMP_DIR)
    return folders


def temp_dir(kind: str) -> Path:
    """The folder of `kind`, created when missing."""
    folder = temp_folders()[kind]
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_temp_dirs() -> None:
    """Create the folders at start-up: Django's upload handler needs its folder to exist.
    A folder that cannot be made is logged, not fatal (commands that upload nothing run)."""
    for kind, folder in temp_folders().items():
        try:
            temp_dir(kind)
        except OSError as exc:
            logger.warning("folder sementara %s tidak dapat dibuat: %s", folder, exc)
