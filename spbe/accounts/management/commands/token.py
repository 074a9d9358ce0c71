"""`spbe token create USERNAME [--name NAME]`: print a new personal API token."""

from django.core.management.base import BaseCommand, CommandError

from spbe.accounts.models import User
from spbe.accounts.services import token_create


class Command(BaseCommand):
    help = "Kelola token API pribadi (Manage personal API tokens)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Buat token baru dan cetak nilainya sekali.")
        create.add_argument("username")
        create.add_argument("--name", default="CLI")

    def handle(self, *args, **options):
        if options["subcommand"] != "create":  # pragma: no cover - argparse refuses others
            raise CommandError("Subperintah tidak dikenal.")
        username = options["username"]
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"Pengguna '{username}' tidak ditemukan.") from exc
        if not user.is_active:
            raise CommandError(f"Akun '{username}' nonaktif.")
        _token, raw = token_create(user=user, name=options["name"], actor=None)
        self.stdout.write(raw)
