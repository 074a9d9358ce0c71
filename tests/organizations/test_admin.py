"""Django admin: read-only for units, role grants and accounts (their writes go through the
services, with rules and audit trail); registering an instansi is allowed and audited."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from spbe.audit.models import AuditEvent
from spbe.organizations.models import Instansi, RoleGrant, Unit
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return make_user(username="akar", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("model", [Unit, RoleGrant, get_user_model()])
def test_admin_cannot_add_change_or_delete(rf, superuser, model):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_admin_pages_refuse_writes(client, world, superuser):
    client.force_login(superuser)
    grant = RoleGrant.objects.get(user=world.users["responden"])
    member = world.users["responden"]
    assert client.get(reverse("admin:organizations_rolegrant_add")).status_code == 403
    response = client.post(
        reverse("admin:organizations_rolegrant_delete", args=[grant.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()
    response = client.post(
        reverse("admin:auth_user_password_change", args=[member.pk]),
        {"password1": "Ambil-Alih-Akun-9", "password2": "Ambil-Alih-Akun-9"},
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.check_password("Ambil-Alih-Akun-9")
    # Reading stays possible.
    assert client.get(reverse("admin:organizations_unit_changelist")).status_code == 200


def test_registering_an_instansi_in_the_admin_is_audited(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:organizations_instansi_add"),
        {"name": "Pemerintah Kota Baru", "kind": "kota", "short_name": "", "code": ""},
    )
    assert response.status_code == 302, response.content[:500]
    instansi = Instansi.objects.get(name="Pemerintah Kota Baru")
    event = AuditEvent.objects.get(action="instansi.created")
    assert event.instansi == instansi and event.actor == superuser
    assert event.changes["name"] == [None, "Pemerintah Kota Baru"]
    assert not admin.site._registry[Instansi].has_delete_permission(None)
