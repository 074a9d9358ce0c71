"""Log in with either the username or the e-mail address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        login = username.strip()
        matches = list(
            user_model._default_manager.filter(
                Q(username__iexact=login) | (Q(email__iexact=login) & ~Q(email=""))
            )[:2]
        )
        if len(matches) != 1:
            # Run the hasher anyway so the response time does not reveal whether the account exists.
            user_model().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
