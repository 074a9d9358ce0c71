"""The upload page sends several files at once with a progress bar and its button disabled
while sending (app.js, XMLHttpRequest), then lands where a plain form post would."""

import json

import pytest

from spbe.evidence.models import Document
from tests.evidence.pdfs import text_pdf
from tests.factories import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Record, at each upload progress event, what the person sees (kept across the redirect).
WATCH = """
(() => {
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    this.upload.addEventListener("progress", () => {
      const form = document.querySelector("form[data-upload]");
      const bar = form.querySelector("progress[data-upload-progress]");
      const seen = JSON.parse(sessionStorage.getItem("seen") || "[]");
      seen.push({disabled: form.querySelector("button[type=submit]").disabled,
                 shown: !bar.hidden, busy: form.getAttribute("aria-busy")});
      sessionStorage.setItem("seen", JSON.stringify(seen));
    });
    return send.call(this, body);
  };
})();
"""


def test_several_files_upload_with_progress_and_a_disabled_button(page, tmp_path):
    world = build_world()
    files = []
    for name in ("SK Tim SPBE.pdf", "Notulen Rapat.pdf"):
        path = tmp_path / name
        # ~120 KB of text lines: big enough for the browser to report upload progress
        path.write_bytes(text_pdf(name, *(["Lampiran daftar hadir rapat Tim SPBE"] * 3_000)))
        files.append(str(path))
    page.add_init_script(WATCH)
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("koord")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("heading", name="Selamat datang", exact=False).wait_for()

    page.goto(f"/bukti/instansi/{world.province.pk}/unggah/")
    page.get_by_label("Berkas").set_input_files(files)
    page.get_by_label("Jenis dokumen").select_option("keputusan")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("2 dokumen disimpan").wait_for(timeout=60_000)

    seen = json.loads(page.evaluate("sessionStorage.getItem('seen') || '[]'"))
    assert seen, "no upload progress event"
    assert all(s["disabled"] and s["shown"] and s["busy"] == "true" for s in seen)
    assert Document.objects.filter(kind="keputusan").count() == 2
