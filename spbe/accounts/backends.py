"""Log in with either the username or the e-mail address; the lockout counts per account."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


def _accounts_for_login(login: str) -> list:
    """At most two accounts whose username (any case) or e-mail matches `login` (stripped)."""
    user_model = get_user_model()
    login = login.strip()
    return list(
        user_model._default_manager.filter(
            Q(username__iexact=login) | (Q(email__iexact=login) & ~Q(email=""))
        )[:2]
    )


def lockout_username(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE: the name django-axes counts failures under.

    The backend accepts the username in any case, with spaces around it, or the e-mail
    address; counting the login as typed would let "RESP" or the e-mail log in to an account
    locked as "resp". So the login is resolved to the account's canonical username, and a login
    that names no single account is counted as typed, stripped and lower-cased.
    """
    login = (credentials or {}).get("username")
    if login is None and request is not None:
        login = getattr(request, "POST", {}).get("username")
    if login is None:
        return None
    matches = _accounts_for_login(str(login))
    if len(matches) == 1:
        return matches[0].get_username()
    return str(login).strip().lower()


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        matches = _accounts_for_login(username)
        if len(matches) != 1:
            # Run the hasher anyway so the response time does not reveal whether the account exists.
            get_user_model()().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
