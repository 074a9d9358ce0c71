"""Language: Bahasa Indonesia unless the user chose English with the language switch.

Django's LocaleMiddleware follows the browser's Accept-Language, so an office PC with an
English Windows would get the English UI. Here only the explicit choice (the language cookie
set by the switch in the header) counts; everyone else gets settings.LANGUAGE_CODE.
"""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateResponsesMiddleware:
    """`Cache-Control: no-store` on everything a signed-in user receives.

    Pages, API answers and evidence downloads of one official must not stay in a shared
    browser's or a proxy's cache. Static files (served before this runs) keep their caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        private = (user is not None and user.is_authenticated) or request.headers.get(
            "Authorization"
        )
        if private and "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "no-store"
            response.headers.pop("Expires", None)
        return response
