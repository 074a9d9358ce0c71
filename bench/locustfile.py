"""Load test of `spbe serve` with the national data (run through `bench/load.sh`).

People of mixed roles, each logged in as a person of the generated data, with 1-3 s of think
time: koordinator browsing the home page, the dashboard, the indicator list, the list of all
cycles and the score via the API; pembina/admin opening the province ranking; responden
opening an indicator, filling it (level claim with FAKTA/ANALISIS, through the API with a
personal token) and uploading evidence. A reference user asks `/healthz` of the same server,
so every figure can be read against the trivial endpoint's.

The people and their rows come from the JSON file named by SPBE_LOAD_SUBJECTS, written by
`bench/national/load.py` (which also creates the tokens).
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

SUBJECTS = json.loads(open(os.environ["SPBE_LOAD_SUBJECTS"]).read())  # noqa: SIM115
_instansi = itertools.cycle(SUBJECTS["instansi"])
_respondents = itertools.cycle(
    [r for instansi in SUBJECTS["instansi"] for r in instansi["respondents"]]
)
PDF = SUBJECTS["pdf"].encode("latin-1")


class LoggedIn(HttpUser):
    """A person already logged in (the session made by load.py: people log in once a day;
    a login storm would measure the deliberately slow password hash, not the pages)."""

    abstract = True
    wait_time = between(1, 3)

    def login(self, session_key: str) -> None:
        self.client.cookies.set("sessionid", session_key, domain="127.0.0.1", path="/")

    def page(self, path: str, name: str) -> None:
        """GET a page; anything but 200 (a redirect to the login page too) is a failure."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")


class Koordinator(LoggedIn):
    weight = 5

    def on_start(self):
        self.instansi = next(_instansi)
        self.login(self.instansi["session"])

    @task(3)
    def home(self):
        self.page("/", "beranda koordinator")

    @task(3)
    def dashboard(self):
        self.page(f"/laporan/siklus/{self.instansi['cycle']}/", "dasbor siklus")

    @task(3)
    def indicator_list(self):
        self.page(f"/evaluasi/{self.instansi['cycle']}/", "daftar indikator siklus")

    @task(2)
    def cycle_list(self):
        self.page("/evaluasi/", "daftar semua siklus")

    @task(2)
    def score(self):
        self.page(f"/api/cycles/{self.instansi['cycle']}/scores/", "API skor siklus")


class Pembina(LoggedIn):
    weight = 1

    def on_start(self):
        self.login(SUBJECTS["admin_session"])

    @task
    def ranking(self):
        self.page(f"/laporan/provinsi/{SUBJECTS['province']}/", "peringkat provinsi")

    @task
    def all_cycles(self):
        self.page("/api/cycles/", "API daftar siklus")


class Responden(LoggedIn):
    weight = 4

    def on_start(self):
        self.person = next(_respondents)
        self.login(self.person["session"])
        self.api = {"Authorization": f"Token {self.person['token']}"}

    @task(4)
    def indicator_page(self):
        number = random.choice(self.person["numbers"])  # nosec B311 - load mix, not secrets
        self.page(f"/evaluasi/{self.person['cycle']}/indikator/{number}/", "halaman indikator")

    @task(2)
    def fill(self):
        pk = random.choice(self.person["assessments"])  # nosec B311
        current = self.client.get(f"/api/assessments/{pk}/", headers=self.api, name="API indikator")
        if current.status_code != 200:
            return
        body = current.json()
        if body["status"] not in ("belum_diisi", "draf", "perlu_perbaikan"):
            return  # submitted or approved: nothing to fill
        self.client.patch(
            f"/api/assessments/{pk}/",
            json={
                "revision": body["revision"],
                "value": str(random.randint(1, 5)),  # nosec B311
                "fakta": "Sudah ada kebijakan yang ditetapkan.",
                "analisis": "Memenuhi kriteria level yang diklaim.",
            },
            headers=self.api,
            name="API isi indikator",
        )

    @task(1)
    def upload(self):
        self.client.post(
            "/api/documents/",
            data={
                "instansi": self.person["instansi"],
                "owner_unit": self.person["unit"],
                "kind": "laporan",
                "title": "Laporan uji",
            },
            files={"file": ("laporan-uji.pdf", PDF, "application/pdf")},
            headers=self.api,
            name="API unggah bukti",
        )


class Reference(HttpUser):
    """The trivial endpoint of the same server, asked at the same pace."""

    weight = 1
    wait_time = between(1, 3)

    @task
    def healthz(self):
        self.client.get("/healthz", name="healthz (rujukan)")
