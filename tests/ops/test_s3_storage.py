"""Evidence on S3-compatible object storage, against a local moto server (no network)."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from spbe.evidence.models import Document
from spbe.evidence.services.documents import document_create
from tests.evidence.pdfs import text_pdf
from tests.factories import build_world

BUCKET = "bukti-spbe"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen(
        [str(server), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("moto_server did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def _s3_storages(endpoint: str) -> dict:
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": "uji",
                "secret_key": "uji-rahasia",
                "region_name": "us-east-1",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def s3(settings, s3_endpoint):
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="uji",
        aws_secret_access_key="uji-rahasia",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = _s3_storages(s3_endpoint)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _upload():
    pdf = text_pdf("PERATURAN GUBERNUR NOMOR 7 TAHUN 2025", "TENTANG ARSITEKTUR SPBE")
    return SimpleUploadedFile("pergub-7.pdf", pdf, content_type="application/pdf"), pdf


@pytest.mark.django_db
def test_evidence_is_stored_in_the_bucket_and_downloaded_through_the_checked_view(s3, client):
    world = build_world()
    upload, pdf = _upload()
    document = document_create(
        actor=world.users["koordinator"],
        instansi=world.province,
        owner_unit=None,
        kind="pergub",
        title="Pergub 7/2025",
        upload=upload,
    )
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [document.current_revision.file.name]
    assert s3.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == pdf
    client.force_login(world.users["koordinator"])
    response = client.get(reverse("evidence:download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf


@pytest.mark.django_db
def test_unreachable_storage_is_a_clear_error_and_nothing_is_recorded(settings):
    settings.STORAGES = _s3_storages(f"http://127.0.0.1:{_free_port()}")
    world = build_world()
    upload, _pdf = _upload()
    with pytest.raises(ValidationError) as refused:
        document_create(
            actor=world.users["koordinator"],
            instansi=world.province,
            owner_unit=None,
            kind="pergub",
            title="Pergub 7/2025",
            upload=upload,
        )
    assert "Penyimpanan bukti sedang tidak dapat dihubungi" in str(refused.value)
    assert Document.objects.count() == 0
