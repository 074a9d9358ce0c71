"""The access rule itself: scopes per role, recursion, caching, bounded queries."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spbe.organizations import grants, selectors, services
from spbe.organizations.models import RoleGrant
from spbe.organizations.permissions import (
    can,
    ensure,
    forget_scope,
    scope_for,
    visible_instansi_ids,
    visible_unit_ids,
)
from tests.factories import make_unit, make_user_with_role

pytestmark = pytest.mark.django_db


def test_responden_recursive_sees_own_unit_and_children_only(world):
    user = world.users["responden"]
    assert visible_unit_ids(user) == {world.setda.pk, world.biro.pk}
    assert visible_instansi_ids(user) == {world.province.pk}
    assert can(user, "unit.edit", world.biro)
    assert not can(user, "unit.view", world.dinkes)
    assert not can(user, "instansi.manage", world.province)


def test_responden_flat_does_not_reach_sub_units(world):
    child = make_unit(instansi=world.province, name="Seksi Kecil", parent=world.dinkes)
    user = world.users["responden_flat"]
    assert visible_unit_ids(user) == {world.dinkes.pk}
    assert not can(user, "unit.view", child)


def test_pembina_reads_the_province_and_its_kabkota(world):
    user = world.users["pembina"]
    assert visible_instansi_ids(user) == {world.province.pk, world.kab.pk}
    assert can(user, "unit.view", world.kab_unit)
    assert not can(user, "unit.edit", world.kab_unit)
    assert not scope_for(user).can_write_anything


def test_pimpinan_of_a_unit_is_limited_to_it(world):
    user = make_user_with_role(role="pimpinan", instansi=world.province, unit=world.dinkes)
    assert visible_unit_ids(user) == {world.dinkes.pk}
    assert not scope_for(user).can_write_anything


def test_administrator_sees_everything(world):
    user = world.users["administrator"]
    assert visible_instansi_ids(user) is None and visible_unit_ids(user) is None
    assert can(user, "unit.manage", world.other_unit)


def test_inactive_or_anonymous_users_have_no_scope(world):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "instansi.view", world.province)
    user = world.users["koordinator"]
    user.is_active = False
    assert not can(user, "instansi.view", world.province)


def test_ensure_answers_404_to_outsiders_and_403_to_readers(world):
    with pytest.raises(Http404):
        ensure(world.users["other_koordinator"], "unit.manage", world.dinkes)
    with pytest.raises(PermissionDenied):
        ensure(world.users["pimpinan"], "unit.manage", world.dinkes)
    ensure(world.users["koordinator"], "unit.manage", world.dinkes)


def test_unknown_action_is_a_programming_error(world):
    with pytest.raises(ValueError):
        can(world.users["koordinator"], "unit.destroy", world.dinkes)


def test_scope_is_cached_and_bounded(world, django_assert_max_num_queries):
    user = world.users["responden"]
    with django_assert_max_num_queries(3):
        scope_for(user)
    with django_assert_max_num_queries(0):
        for _ in range(10):
            can(user, "unit.view", world.biro)
    forget_scope(user)
    with django_assert_max_num_queries(3):
        scope_for(user)


def test_coordinator_cannot_manage_people_of_other_instansi(world):
    koord = world.users["koordinator"]
    both = make_user_with_role(role="responden", instansi=world.province, unit=world.dinkes)
    grants.grant_create(
        actor=None, instansi=world.other, user=both, role="responden", unit=world.other_unit
    )
    assert can(koord, "user.view", both)
    assert not can(koord, "user.manage", both)
    assert can(koord, "user.manage", world.users["responden"])


def test_coordinator_may_not_grant_administrator_or_pembina(world):
    koord = world.users["koordinator"]
    for role in ("administrator", "pembina"):
        with pytest.raises(ValidationError):
            grants.grant_create(
                actor=koord,
                instansi=world.province,
                user=world.users["responden_flat"],
                role=role,
            )


def test_unit_rules(world):
    koord = world.users["koordinator"]
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        services.unit_update(actor=koord, unit=world.setda, parent=world.biro)
    with pytest.raises(ValidationError, match="instansi yang sama"):
        services.unit_create(
            actor=koord, instansi=world.province, name="X", parent=world.other_unit
        )
    with pytest.raises(ValidationError, match="unit koordinator"):
        services.unit_create(actor=koord, instansi=world.province, name="Y", is_coordinator=True)
    with pytest.raises(ValidationError, match="sub-unit"):
        services.unit_set_active(actor=koord, unit=world.setda, is_active=False)


def test_instansi_page_queries_do_not_grow_with_units(client, world):
    client.force_login(world.users["koordinator"])
    url = reverse("organizations:instansi_detail", args=[world.province.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(30):
        make_unit(instansi=world.province, name=f"Unit Tambahan {n}", parent=world.setda)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_member_list_queries_do_not_grow_with_members(client, world):
    client.force_login(world.users["koordinator"])
    url = reverse("organizations:member_list", args=[world.province.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        make_user_with_role(
            role="responden", instansi=world.province, unit=world.dinkes, username=f"massal{n}"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_selectors_scope_lists(world):
    assert set(selectors.unit_visible(user=world.users["responden"])) == {world.setda, world.biro}
    names = {u.username for u in selectors.colleague_list(user=world.users["responden"])}
    assert "koordlain" not in names and "koord" in names


@pytest.mark.parametrize("role", ["koordinator", "asesor", "pimpinan"])
def test_only_a_pembina_province_grant_reaches_the_kabkota(world, role):
    user = make_user_with_role(role=role, instansi=world.province, recursive=True)
    assert world.kab.pk not in scope_for(user).instansi_ids
    assert world.kab.pk not in scope_for(user).full_instansi_ids
    assert not can(user, "unit.view", world.kab_unit)
    assert world.kab.pk in scope_for(world.users["pembina"]).full_instansi_ids


@pytest.mark.parametrize("role", ["koordinator", "asesor", "pimpinan"])
def test_coordinator_cannot_grant_province_wide_reach(world, role):
    koord, member = world.users["koordinator"], world.users["responden_flat"]
    with pytest.raises(ValidationError, match="Hanya administrator") as exc:
        grants.grant_create(
            actor=koord, instansi=world.province, user=member, role=role, recursive=True
        )
    assert "recursive" in exc.value.message_dict
    assert member.role_grants.count() == 1
    # With a unit the recursion stays inside the instansi: allowed.
    grants.grant_create(
        actor=koord,
        instansi=world.province,
        user=member,
        role=role,
        unit=world.setda,
        recursive=True,
    )
    # An administrator may hand out province-wide reach.
    grants.grant_create(
        actor=world.users["administrator"],
        instansi=world.province,
        user=member,
        role=role,
        recursive=True,
    )


def test_member_create_page_refuses_province_wide_recursive_role(client, world):
    client.force_login(world.users["koordinator"])
    response = client.post(
        reverse("organizations:member_create", args=[world.province.pk]),
        {"username": "mata", "role": "pimpinan", "recursive": "on", "password": ""},
    )
    assert response.status_code == 200
    assert "Hanya administrator" in response.content.decode()
    assert not get_user_model().objects.filter(username="mata").exists()


def _two_instansi_member(world):
    both = make_user_with_role(role="responden", instansi=world.province, unit=world.dinkes)
    RoleGrant.objects.create(
        user=both, role="responden", instansi=world.other, unit=world.other_unit
    )
    return both


def test_grants_only_for_people_the_actor_manages_never_oneself(world):
    koord, admin = world.users["koordinator"], world.users["administrator"]
    for target in (koord, admin, _two_instansi_member(world)):
        with pytest.raises(PermissionDenied):
            grants.grant_create(actor=koord, instansi=world.province, user=target, role="pimpinan")
    with pytest.raises(PermissionDenied):
        grants.grant_create(actor=admin, instansi=world.province, user=admin, role="pimpinan")
    assert not RoleGrant.objects.filter(role="pimpinan").exclude(user=world.users["pimpinan"])


def test_revoke_only_from_people_the_actor_manages_never_oneself(world):
    koord, admin = world.users["koordinator"], world.users["administrator"]
    admin_grant = RoleGrant.objects.create(
        user=admin, role="responden", instansi=world.province, unit=world.dinkes
    )
    both = _two_instansi_member(world)
    for grant in (
        koord.role_grants.get(),
        admin_grant,
        both.role_grants.get(instansi=world.province),
    ):
        with pytest.raises(PermissionDenied):
            grants.grant_revoke(actor=koord, grant=grant)
        assert RoleGrant.objects.filter(pk=grant.pk).exists()
    grants.grant_revoke(actor=koord, grant=world.users["responden"].role_grants.get())
    assert not world.users["responden"].role_grants.exists()


def test_coordinator_does_not_manage_people_with_more_reach_than_their_own(world):
    koord = world.users["koordinator"]
    province_wide = make_user_with_role(role="pimpinan", instansi=world.province, recursive=True)
    pembina_too = make_user_with_role(role="asesor", instansi=world.province)
    RoleGrant.objects.create(user=pembina_too, role="pembina", instansi=world.province)
    for target in (
        world.users["pembina"],
        world.users["administrator"],
        province_wide,
        pembina_too,
    ):
        assert can(koord, "user.view", target)
        assert not can(koord, "user.manage", target)
        with pytest.raises(PermissionDenied):
            ensure(koord, "user.manage", target)
    assert can(koord, "user.manage", world.users["asesor"])
    assert can(world.users["administrator"], "user.manage", world.users["pembina"])


def test_coordinator_cannot_reset_the_pembina_password(client, world):
    pembina = world.users["pembina"]
    client.force_login(world.users["koordinator"])
    response = client.post(
        reverse("organizations:member_reset_password", args=[world.province.pk, pembina.pk]),
        {"password": "Ambil-Alih-Pembina-1"},
    )
    assert response.status_code == 403
    pembina.refresh_from_db()
    assert not pembina.check_password("Ambil-Alih-Pembina-1")


@pytest.mark.parametrize("depth", ["x", "", "-3", "1e9"])
def test_unit_toggle_survives_a_bad_depth(client, world, depth):
    client.force_login(world.users["koordinator"])
    response = client.post(
        reverse("organizations:unit_toggle", args=[world.dinkes.pk]),
        {"depth": depth},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    world.dinkes.refresh_from_db()
    assert not world.dinkes.is_active


def test_a_duplicate_grant_from_a_concurrent_request_is_a_validation_error(world, monkeypatch):
    koord, member = world.users["koordinator"], world.users["responden_flat"]
    real_create = RoleGrant.objects.create

    def concurrent_first(**fields):
        # The other request commits the same grant between our check and our insert.
        real_create(user=member, role="pimpinan", instansi=world.province)
        return real_create(**fields)

    monkeypatch.setattr(RoleGrant.objects, "create", concurrent_first)
    with pytest.raises(ValidationError, match="sudah memiliki peran"):
        grants.grant_create(actor=koord, instansi=world.province, user=member, role="pimpinan")


def test_a_grant_on_a_deactivated_unit_gives_no_rights(world):
    koord, user = world.users["koordinator"], world.users["responden_flat"]
    assert can(user, "unit.edit", world.dinkes)
    services.unit_set_active(actor=koord, unit=world.dinkes, is_active=False)
    forget_scope(user)
    assert not can(user, "unit.edit", world.dinkes)
    assert not can(user, "unit.view", world.dinkes)
    assert not scope_for(user).can_write_anything
