from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "spbe.accounts"
    label = "accounts"

    def ready(self):
        from spbe.accounts.services import token_revoke_all
        from spbe.organizations.credentials import register_credential_revoker

        # Organizations withdraw a member's access without importing accounts: our tokens go.
        register_credential_revoker(token_revoke_all)
