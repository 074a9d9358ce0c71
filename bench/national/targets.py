"""The pages and API calls measured at national scale, and who opens them.

Shared by `measure.py` (in-process: SQL queries and time) and `bench/locustfile.py` (load),
so both measure the same URLs. Each target names the person of the generated data who opens
it (`generate.py`: usernames `<instansi code>-<nn>`, nn 00 the koordinator).
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.national.generate import CURRENT_YEAR, PASSWORD  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Subjects:
    """The rows the measured URLs point at: a kab/kota, its current cycle, its province."""

    koordinator: str
    responden: str
    admin: str
    cycle_id: int
    finished_cycle_id: int
    indicator_number: int
    province_id: int

    @classmethod
    def find(cls) -> Subjects:
        """The first kab/kota of the province with the most kab/kota (its ranking is the
        largest one), looked up in the generated data."""
        from django.db.models import Count

        from spbe.evaluations.models import Cycle
        from spbe.organizations.models import Instansi, InstansiKind, RoleGrant

        province = (
            Instansi.objects.filter(kind=InstansiKind.PROVINSI)
            .annotate(n=Count("kabkota"))
            .order_by("-n", "pk")
            .first()
        )
        kabkota = province.kabkota.order_by("pk").first()
        current = Cycle.objects.get(instansi=kabkota, year=CURRENT_YEAR)
        finished = Cycle.objects.filter(instansi=kabkota, state=Cycle.State.SELESAI).first()
        code = kabkota.code.lower()
        responden = f"{code}-10"
        # An indicator the responden's unit leads, so that they may open it.
        unit = RoleGrant.objects.get(user__username=responden).unit
        number = (
            current.assessments.filter(lead_unit=unit)
            .order_by("indicator__order")
            .values_list("indicator__number", flat=True)
            .first()
        )
        return cls(
            koordinator=f"{code}-00",
            responden=responden,
            admin="admin-nasional",
            cycle_id=current.pk,
            finished_cycle_id=finished.pk,
            indicator_number=number,
            province_id=province.pk,
        )

    def urls(self) -> list[tuple[str, str, str]]:
        """(label, who, path) of every measured page and API call."""
        c = self.cycle_id
        return [
            ("beranda koordinator", self.koordinator, "/"),
            ("dasbor siklus", self.koordinator, f"/laporan/siklus/{c}/"),
            ("daftar indikator siklus", self.koordinator, f"/evaluasi/{c}/"),
            ("daftar semua siklus", self.admin, "/evaluasi/"),
            ("API daftar siklus", self.admin, "/api/cycles/"),
            ("API skor siklus", self.koordinator, f"/api/cycles/{c}/scores/"),
            ("peringkat provinsi", self.admin, f"/laporan/provinsi/{self.province_id}/"),
            (
                "halaman indikator",
                self.responden,
                f"/evaluasi/{c}/indikator/{self.indicator_number}/",
            ),
            ("healthz (rujukan)", "", "/healthz"),
        ]
