"""`spbe reminders`: notify respondents of approaching and passed deadlines, and each
cycle's coordinators of how many indicators are overdue (one notice per cycle and day).

Safe to run from cron daily (or more often): each reminder is sent once per indicator and
due date (Notification.dedupe_key).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from spbe.evaluations.services import overdue_summary_send, reminders_send


class Command(BaseCommand):
    help = "Kirim pengingat batas waktu penilaian (aman dijalankan berulang, mis. dari cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Hari sebelum batas waktu (bawaan: setelan)."
        )
        parser.add_argument("--today", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini).")

    def handle(self, *args, days=None, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"Tanggal tidak valid: {today} (format YYYY-MM-DD)") from None
        counts = reminders_send(today=day, days_before=days)
        summaries = overdue_summary_send(today=day)
        self.stdout.write(
            f"Pengingat terkirim: {counts['due_soon']} batas waktu mendekat, "
            f"{counts['overdue']} lewat batas waktu, {summaries} ringkasan untuk koordinator."
        )
