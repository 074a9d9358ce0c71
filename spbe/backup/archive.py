"""Backup archives: the whole database and every stored file, with a SHA-256 manifest.

The archive is a gzip'd tar holding `manifest.json`, `database.json` (Django's dumpdata of
every app, natural foreign keys, so it loads into any fresh database of either engine) and
`files/<storage name>` for every file a model's FileField refers to (evidence revisions,
generated documents, logos ... found through the app registry, so a new app's files are
included without touching this module). Restoring verifies every hash before it writes
anything, refuses an installation that already holds data, and loads everything in one
transaction: a damaged archive or a failure half-way leaves the installation as it was.
This module imports no app of the project.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "spbe-monev-backup/1"
# Rebuilt by `migrate` on the target, or transient: never restored from an archive.
EXCLUDED_MODELS = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
    "axes",
]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    objects: int
    files: int
    bytes: int


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_file_names() -> list[str]:
    """Every storage name a FileField of any installed model points at, each once."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                values = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                names.update(v for v in values.iterator() if v)
    return sorted(names)


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup_create(*, out: Path) -> BackupSummary:
    """Write the database and every stored file into one archive at `out`."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "database.json"
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=EXCLUDED_MODELS,
            output=str(dump),
            verbosity=0,
        )
        database = dump.read_bytes()
    objects = len(json.loads(database))
    manifest: dict = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": {"name": "database.json", "sha256": _sha256(database)},
        "files": {},
    }
    total = len(database)
    partial = out.with_name(out.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        _add(tar, "database.json", database)
        for name in stored_file_names():
            if not default_storage.exists(name):
                raise BackupError(
                    _("Berkas %(name)s tercatat tetapi tidak ada di penyimpanan.") % {"name": name}
                )
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            manifest["files"][name] = _sha256(data)
            total += len(data)
            _add(tar, f"files/{name}", data)
        _add(tar, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
    partial.replace(out)  # a backup interrupted half-way never looks like a finished one
    return BackupSummary(path=out, objects=objects, files=len(manifest["files"]), bytes=total)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def read_verified(path: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """Open an archive and check every member against the manifest; nothing is written."""
    try:
        tar = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the `with tar` below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("%(path)s bukan arsip cadangan yang dapat dibaca: %(error)s")
            % {"path": path, "error": exc}
        ) from exc
    members: dict[str, bytes] = {}
    with tar:
        try:
            for member in tar:
                if not member.isfile() or not _safe_member(member.name):
                    raise BackupError(
                        _("Arsip memuat entri yang tidak diizinkan: %(name)s")
                        % {"name": member.name}
                    )
                members[member.name] = tar.extractfile(member).read()
        except (OSError, EOFError, tarfile.TarError) as exc:
            raise BackupError(_("Arsip rusak: %(error)s") % {"error": exc}) from exc
    try:
        manifest = json.loads(members.pop("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BackupError(_("Arsip tidak memuat manifest.json yang sah.")) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Format arsip tidak dikenal: %(format)s") % {"format": manifest.get("format")}
        )
    database = members.pop("database.json", None)
    if database is None or _sha256(database) != manifest["database"]["sha256"]:
        raise BackupError(_("Hash tidak cocok: database.json"))
    files: dict[str, bytes] = {}
    for name, digest in manifest["files"].items():
        data = members.pop(f"files/{name}", None)
        if data is None:
            raise BackupError(_("Berkas hilang dari arsip: %(name)s") % {"name": name})
        if _sha256(data) != digest:
            raise BackupError(_("Hash tidak cocok: %(name)s") % {"name": name})
        files[name] = data
    if members:
        raise BackupError(
            _("Arsip memuat berkas di luar manifest: %(name)s") % {"name": sorted(members)[0]}
        )
    return manifest, database, files


def installation_is_empty() -> bool:
    """True when no model outside Django's own bookkeeping holds a row."""
    bookkeeping = {"contenttypes", "auth", "sessions", "admin", "django_tasks_database", "axes"}
    for model in apps.get_models():
        if model._meta.app_label in bookkeeping and model._meta.label != "auth.Group":
            continue
        if model._default_manager.exists():
            return False
    return True


def backup_restore(*, path: Path) -> BackupSummary:
    """Bring an archive back into an empty installation, verifying every hash."""
    manifest, database, files = read_verified(path)
    if not installation_is_empty():
        raise BackupError(
            _(
                "Instalasi ini sudah berisi data; pemulihan hanya ke instalasi kosong "
                "(jalankan `spbe migrate` pada basis data baru)."
            )
        )
    clashing = [name for name in files if default_storage.exists(name)]
    if clashing:
        raise BackupError(_("Berkas sudah ada di penyimpanan: %(name)s") % {"name": clashing[0]})
    written: list[str] = []
    try:
        with transaction.atomic():
            with tempfile.TemporaryDirectory() as tmp:
                dump = Path(tmp) / "database.json"
                dump.write_bytes(database)
                call_command("loaddata", str(dump), verbosity=0)
            for name, data in files.items():
                saved = default_storage.save(name, ContentFile(data))
                written.append(saved)
                if saved != name:
                    raise BackupError(_("Penyimpanan mengganti nama %(name)s") % {"name": name})
                with default_storage.open(saved, "rb") as handle:
                    if _sha256(handle.read()) != manifest["files"][name]:
                        raise BackupError(
                            _("Hash tidak cocok setelah ditulis: %(name)s") % {"name": name}
                        )
    except Exception:
        for name in written:  # the database rolled back: no file may stay behind
            default_storage.delete(name)
        raise
    objects = len(json.loads(database))
    size = len(database) + sum(len(d) for d in files.values())
    return BackupSummary(path=path, objects=objects, files=len(files), bytes=size)
