"""Account security: lockout per (account, address) with a cool-off that says how long, the
coordinator's view and audited unlock, a generated password changed at first login,
"Lupa kata sandi" by e-mail, and a new password ending tokens and other sessions."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from spbe.accounts.models import PersonalToken
from spbe.accounts.services import token_create
from spbe.audit.models import AuditEvent
from spbe.organizations import services as org
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

WRONG = "salah-sekali-123"
ATTACKER, OWNER = "10.9.9.9", "10.1.1.1"


def _login(client, username, password, address=OWNER):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _lock(username, settings, address=ATTACKER):
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, username, WRONG, address)
    return attacker


def test_knowing_a_username_does_not_lock_its_owner_out_elsewhere(client, settings):
    make_user(username="siti")
    attacker = _lock("siti", settings)
    assert _login(attacker, "siti", PASSWORD, ATTACKER).status_code == 429
    assert _login(client, "siti", PASSWORD, OWNER).status_code == 302


def test_the_lockout_message_says_for_how_long(settings):
    settings.AXES_COOLOFF_TIME = 0.25
    make_user(username="siti")
    attacker = _lock("siti", settings)
    html = _login(attacker, "siti", PASSWORD, ATTACKER).content.decode()
    assert "selama 15 menit lagi" in html and "sampai pukul" in html
    assert "Lupa kata sandi" in html


def test_the_lock_is_a_cool_off_not_a_dead_end(settings):
    import datetime

    from axes.models import AccessAttempt

    make_user(username="siti")
    attacker = _lock("siti", settings)
    past = AccessAttempt.objects.get(username="siti").attempt_time - datetime.timedelta(hours=1)
    AccessAttempt.objects.filter(username="siti").update(attempt_time=past)
    assert _login(attacker, "siti", PASSWORD, ATTACKER).status_code == 302


@pytest.fixture
def coordinator(world):
    client = Client()
    client.force_login(world.users["koordinator"])
    return client


def test_coordinator_sees_the_lock_and_lifts_it_audited(world, coordinator, settings):
    member = world.users["responden"]
    attacker = _lock(member.username, settings)
    listing = coordinator.get(reverse("organizations:member_list", args=[world.province.pk]))
    assert "Terkunci sampai" in listing.content.decode()
    edit_url = reverse("organizations:member_edit", args=[world.province.pk, member.pk])
    assert "Buka kunci sekarang" in coordinator.get(edit_url).content.decode()

    unlock = reverse("organizations:member_unlock", args=[world.province.pk, member.pk])
    response = coordinator.post(unlock, follow=True)
    assert "Kunci akun resp dibuka" in response.content.decode()
    assert "Tidak terkunci." in response.content.decode()
    event = AuditEvent.objects.get(action="user.unlocked")
    assert event.actor == world.users["koordinator"] and event.instansi == world.province
    assert _login(attacker, member.username, PASSWORD, ATTACKER).status_code == 302


def test_a_respondent_cannot_unlock_anybody(world, settings):
    member = world.users["responden_flat"]
    _lock(member.username, settings)
    client = Client()
    client.force_login(world.users["responden"])
    unlock = reverse("organizations:member_unlock", args=[world.province.pk, member.pk])
    assert client.post(unlock).status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="user.unlocked").exists()


def test_a_reset_by_the_coordinator_unlocks_and_forces_a_change(world, coordinator, settings):
    member = world.users["responden"]
    attacker = _lock(member.username, settings)
    reset = reverse("organizations:member_reset_password", args=[world.province.pk, member.pk])
    page = coordinator.post(reset, {"password": ""}).content.decode()
    generated = re.search(r'id="generated-password">([^<]+)<', page).group(1)
    member.refresh_from_db()
    assert member.must_change_password

    # the lock is gone with the old password; the generated one must be replaced first
    response = _login(attacker, member.username, generated, ATTACKER)
    assert response.status_code == 302
    assert attacker.get(reverse("home")).url == reverse("password_change")
    assert attacker.get("/api/evaluasi/").status_code == 403
    page = attacker.get(reverse("password_change")).content.decode()
    assert "Pilih kata sandi Anda sendiri" in page
    response = attacker.post(
        reverse("password_change"),
        {
            "old_password": generated,
            "new_password": "Tepian-Mahakam-2026",
            "new_password2": "Tepian-Mahakam-2026",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.must_change_password
    assert attacker.get(reverse("home")).status_code == 200


def test_a_password_typed_by_the_coordinator_does_not_force_a_change(world):
    member = world.users["responden"]
    org.member_reset_password(
        actor=world.users["koordinator"],
        instansi=world.province,
        user=member,
        password="Tepian-Mahakam-2026",
    )
    member.refresh_from_db()
    assert not member.must_change_password


def test_changing_ones_password_revokes_tokens_and_other_sessions_and_says_so():
    user = make_user(username="rina")
    _token, raw = token_create(user=user, name="skrip", actor=user)
    laptop, phone = Client(), Client()
    assert _login(laptop, "rina", PASSWORD).status_code == 302
    assert _login(phone, "rina", PASSWORD).status_code == 302
    response = laptop.post(
        reverse("password_change"),
        {
            "from": "profile",
            "old_password": PASSWORD,
            "new_password": "Tepian-Mahakam-2026",
            "new_password2": "Tepian-Mahakam-2026",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1 token API dicabut dan sesi di perangkat lain diakhiri" in html
    assert laptop.get(reverse("home")).status_code == 200  # this session stays
    assert phone.get(reverse("home")).status_code == 302  # the other one ended
    assert not PersonalToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert laptop.get("/api/tokens/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401


def test_login_error_names_the_username_once(client):
    make_user(username="siti")
    html = _login(client, "siti", WRONG).content.decode()
    assert html.count("ama pengguna") == 2  # the label and the one error
    assert "nama pengguna nama pengguna" not in html.lower()


# -- "Lupa kata sandi" ---------------------------------------------------------------------
def _without_csrf(response):
    html = response.content.decode()
    return re.sub(r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', "", html)


def _ask_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_forgotten_password_mail_has_an_absolute_link_and_the_same_answer_for_strangers(
    client, settings
):
    settings.SITE_URL = "https://spbe.kaltimprov.go.id"
    make_user(username="siti", email="siti@kaltimprov.go.id")
    known = _ask_reset(client, "siti@kaltimprov.go.id")
    unknown = _ask_reset(client, "tidak.ada@kaltimprov.go.id")
    assert known.status_code == unknown.status_code == 200
    # nothing tells whether the address exists (the pages differ only in their CSRF token)
    assert _without_csrf(known) == _without_csrf(unknown)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@kaltimprov.go.id"]
    assert message.subject == "[SPBE Monev] Atur ulang kata sandi"
    assert "Lupa kata sandi" in client.get(reverse("login")).content.decode()
    assert re.search(r"https://spbe\.kaltimprov\.go\.id/lupa-kata-sandi/\S+/\S+/", message.body)


def test_the_mailed_link_sets_a_password_unlocks_and_revokes_tokens(client, settings):
    user = make_user(username="siti", email="siti@kaltimprov.go.id")
    _token, _raw = token_create(user=user, name="skrip", actor=user)
    attacker = _lock("siti", settings)
    _ask_reset(client, "siti@kaltimprov.go.id")
    link = re.search(r"https?://\S+/lupa-kata-sandi/\S+/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    assert "Pilih kata sandi baru" in form_page.content.decode()
    new = "Tepian-Mahakam-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Kata sandi sudah diganti" in done.content.decode()
    assert not PersonalToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="user.password_reset_by_email").exists()
    assert _login(attacker, "siti", new, ATTACKER).status_code == 302


def test_member_list_links_only_to_accounts_the_coordinator_can_open(world, coordinator):
    html = coordinator.get(
        reverse("organizations:member_list", args=[world.province.pk])
    ).content.decode()
    for name in ("administrator", "pembina"):
        pk = world.users[name].pk
        url = reverse("organizations:member_edit", args=[world.province.pk, pk])
        assert f'href="{url}"' not in html
        assert coordinator.get(url).status_code == 403
    url = reverse("organizations:member_edit", args=[world.province.pk, world.users["asesor"].pk])
    assert f'href="{url}"' in html
