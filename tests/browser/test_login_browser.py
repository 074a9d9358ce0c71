import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_user_logs_in_through_the_browser(page, django_user_model):
    django_user_model.objects.create_user(
        username="siti", password="kata-sandi-panjang-1", first_name="Siti"
    )
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("siti")
    page.get_by_label("Kata sandi").fill("kata-sandi-panjang-1")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang, Siti").wait_for()
