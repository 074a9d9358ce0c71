"""`spbe action-reminders [--date YYYY-MM-DD]`: notify owners of overdue action items.

Idempotent (one notification per recipient, item and due date), so it can run from cron as
often as wanted; separate from the evaluation reminders (`spbe reminders`).
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from spbe.planning.services import action_reminders_send


class Command(BaseCommand):
    help = "Mengirim notifikasi rencana aksi yang lewat batas waktu (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).", default=None
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"Tanggal tidak valid: {options['date']}") from exc
        sent = action_reminders_send(today=today)
        self.stdout.write(f"{sent} notifikasi rencana aksi terlambat dibuat.")
