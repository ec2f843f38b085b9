"""Production serves hashed, compressed static files; collecting them must not fail on any vendored file."""

from __future__ import annotations

from django.core.management import call_command
from django.test import override_settings

PRODUCTION = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_production_storage_hashes_every_file(tmp_path):
    # A CSS or JS file that names a missing file (a source map not shipped) would make this raise.
    with override_settings(STORAGES=PRODUCTION, STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    for path in ("vendor/tabler/tabler.min.css", "vendor/echarts/echarts.min.js", "wicket/app.js"):
        assert f'"{path}"' in manifest
    assert list(tmp_path.glob("vendor/tabler/tabler.min.*.css.gz"))
