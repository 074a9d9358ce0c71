"""Login lockout, password rules, personal tokens (page, API, command) and revocation."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from spbe.accounts.models import PersonalToken
from spbe.accounts.services import password_change, token_create, token_revoke
from spbe.audit.models import AuditEvent
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sixth_attempt_is_refused_even_with_the_right_password(client):
    make_user(username="siti", email="siti@kaltimprov.go.id")
    for _ in range(5):
        response = _login(client, "siti", "salah-sekali-123")
    response = _login(client, "siti", PASSWORD)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    "variant", ["SITI", " siti ", "Siti", "siti@kaltimprov.go.id", "SITI@Kaltimprov.go.id"]
)
def test_lockout_holds_for_every_spelling_of_the_login(client, settings, variant):
    make_user(username="siti", email="siti@kaltimprov.go.id")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "siti", "salah-sekali-123")
    response = _login(client, variant, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_under_different_spellings_add_up(client, settings):
    make_user(username="siti", email="siti@kaltimprov.go.id")
    spellings = ["siti", "SITI", " Siti", "siti@kaltimprov.go.id", "Siti@KALTIMPROV.go.id"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, spellings[attempt % len(spellings)], "salah-sekali-123")
    assert _login(client, "siti", PASSWORD).status_code == 429


def test_unknown_logins_are_counted_case_insensitively(client, settings):
    from spbe.accounts.backends import lockout_username

    assert lockout_username(None, {"username": " Tidak.Ada "}) == "tidak.ada"
    make_user(username="Budi.S", email="budi@example.go.id")
    assert lockout_username(None, {"username": "BUDI@example.go.id"}) == "Budi.S"


def test_fewer_failures_than_the_limit_still_allow_login(client):
    make_user(username="budi")
    for _ in range(3):
        _login(client, "budi", "salah-sekali-123")
    assert _login(client, "budi", PASSWORD).status_code == 302


def test_disabled_account_cannot_log_in(client):
    make_user(username="nonaktif", is_active=False)
    response = _login(client, "nonaktif", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("new", "fragment"),
    [
        ("pendek1", "terlalu pendek"),
        ("1234567890123", "seluruhnya terdiri dari angka"),
        ("password1234", "terlalu umum"),
    ],
)
def test_password_rules_refuse_weak_passwords(client, new, fragment):
    user = make_user(username="andi")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password": new, "new_password2": new},
    )
    assert response.status_code == 400
    assert fragment in response.content.decode().lower()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_keeps_the_session_and_is_audited(client):
    user = make_user(username="andi")
    client.force_login(user)
    new = "Samarinda-Tepian-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(reverse("profile")).status_code == 200
    assert AuditEvent.objects.filter(action="user.password_changed", actor=user).exists()


def test_password_change_needs_the_current_password(client):
    user = make_user(username="andi")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "bukan-ini-123",
            "new_password": "Samarinda-Tepian-2026",
            "new_password2": "Samarinda-Tepian-2026",
        },
    )
    assert response.status_code == 400
    assert "Kata sandi lama tidak cocok" in response.content.decode()


def test_token_created_on_profile_is_shown_once_and_works(client):
    user = make_user(username="andi")
    client.force_login(user)
    response = client.post(reverse("token_create"), {"name": "skrip laporan"})
    html = response.content.decode()
    token = PersonalToken.objects.get(user=user)
    raw = html.split('id="new-token">')[1].split("<")[0]
    assert token.key_hash != raw and token.prefix == raw[:8]
    assert "new-token" not in client.get(reverse("profile")).content.decode()
    client.logout()
    api = client.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.status_code == 200
    assert api.json()[0]["name"] == "skrip laporan"


def test_revoked_token_gets_401(client):
    user = make_user(username="andi")
    token, raw = token_create(user=user, name="cli", actor=user)
    assert client.get("/api/instansi/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200
    token_revoke(token=token, actor=user)
    response = client.get("/api/instansi/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_token_of_disabled_account_gets_401(client):
    user = make_user(username="andi")
    _token, raw = token_create(user=user, name="x", actor=user)
    user.is_active = False
    user.save()
    assert client.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401


def test_unknown_token_gets_401(client):
    assert client.get("/api/tokens/", HTTP_AUTHORIZATION="Token salah").status_code == 401


def test_token_api_create_list_revoke(client):
    user = make_user(username="andi")
    client.force_login(user)
    created = client.post("/api/tokens/", {"name": "etl"}, content_type="application/json")
    assert created.status_code == 201
    raw = created.json()["token"]
    client.logout()
    auth = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    listed = client.get("/api/tokens/", **auth).json()
    assert [t["name"] for t in listed] == ["etl"] and "token" not in listed[0]
    assert client.delete(f"/api/tokens/{created.json()['id']}/", **auth).status_code == 204
    assert client.get("/api/tokens/", **auth).status_code == 401
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"token.created", "token.revoked"} <= actions


def test_a_token_cannot_mint_another_token(client):
    user = make_user(username="andi")
    _token, raw = token_create(user=user, name="bocor", actor=user)
    response = client.post(
        "/api/tokens/",
        {"name": "abadi"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {raw}",
    )
    assert response.status_code == 403
    assert "halaman profil" in response.json()["error"]["message"]
    assert PersonalToken.objects.filter(user=user).count() == 1


def test_someone_elses_token_cannot_be_revoked(client):
    owner, other = make_user(username="pemilik"), make_user(username="lain")
    token, _raw = token_create(user=owner, name="x", actor=owner)
    client.force_login(other)
    assert client.delete(f"/api/tokens/{token.pk}/").status_code == 404
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_command_prints_a_working_token(client):
    make_user(username="operator")
    out = io.StringIO()
    call_command("token", "create", "operator", "--name", "cron", stdout=out)
    raw = out.getvalue().strip()
    assert PersonalToken.objects.get(name="cron").prefix == raw[:8]
    assert client.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200
    event = AuditEvent.objects.get(action="token.created")
    assert event.actor is None and event.actor_label == "sistem"


def test_token_command_unknown_user():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("token", "create", "tidakada", stdout=io.StringIO())


def test_password_change_service_rejects_similar_to_username():
    from django.core.exceptions import ValidationError

    user = make_user(username="samarinda2026", first_name="Samarinda")
    with pytest.raises(ValidationError) as exc:
        password_change(user=user, old_password=PASSWORD, new_password="samarinda2026")
    assert "new_password" in exc.value.message_dict


@pytest.mark.parametrize("change", ["reset", "disable"])
def test_administrative_reset_or_disable_revokes_the_tokens(client, world, change):
    from spbe.organizations import services as org

    koord, member = world.users["koordinator"], world.users["responden"]
    _token, raw = token_create(user=member, name="skrip", actor=member)
    if change == "reset":
        org.member_reset_password(actor=koord, instansi=world.province, user=member)
    else:
        org.member_set_active(actor=koord, instansi=world.province, user=member, is_active=False)
        org.member_set_active(actor=koord, instansi=world.province, user=member, is_active=True)
    assert not PersonalToken.objects.filter(user=member, revoked_at__isnull=True).exists()
    assert client.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401
    event = AuditEvent.objects.get(action="token.revoked_all")
    assert event.instansi == world.province and event.extra == {"count": 1}


def test_one_password_rule_for_new_accounts_resets_and_own_changes(world):
    from django.core.exceptions import ValidationError

    from spbe.core.passwords import user_password_set
    from spbe.organizations import services as org

    user = make_user(username="rina")
    generated = user_password_set(user=user, password=None)
    assert generated and user.check_password(generated)
    assert user_password_set(user=user, password="Samarinda-Tepian-88") is None
    with pytest.raises(ValidationError) as caught:
        user_password_set(user=user, password="rina", field="new_password")
    assert "new_password" in caught.value.message_dict
    # the three callers refuse the same weak password on their own field
    koord = world.users["koordinator"]
    with pytest.raises(ValidationError) as caught:
        org.member_create(
            actor=koord,
            instansi=world.province,
            username="lemah",
            role="responden",
            unit=world.dinkes,
            password="123",
        )
    assert "password" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        org.member_reset_password(
            actor=koord, instansi=world.province, user=world.users["responden"], password="123"
        )
    assert "password" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        password_change(user=user, old_password="Samarinda-Tepian-88", new_password="")
    assert "new_password" in caught.value.message_dict
