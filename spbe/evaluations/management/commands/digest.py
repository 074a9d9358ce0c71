"""`spbe digest`: the daily e-mail for people who chose a digest instead of one e-mail per
notification (profile page). Run it once a day from cron; a rerun sends nothing twice."""

from django.core.management.base import BaseCommand

from spbe.evaluations.services import digest_send


class Command(BaseCommand):
    help = "Kirim ringkasan e-mail harian pemberitahuan (aman dijalankan berulang)."

    def handle(self, *args, **options):
        counts = digest_send()
        self.stdout.write(
            f"Ringkasan terkirim: {counts['emails']} e-mail, "
            f"{counts['notifications']} pemberitahuan."
        )
