"""Generate a Python client of Lộ trình's REST API from its OpenAPI schema.

The schema is the one the server answers at /api/v1/schema/ (drf-spectacular), produced
here without a server; openapi-python-client (a dev dependency) turns it into a package
of typed functions over httpx. tests/api/test_client_generation.py generates it, imports
it and calls the API through it, so the schema is proved to match what the server says.

Run: LOTRINH_LOCAL=1 .venv/bin/python scripts/api_client.py [OUTPUT_DIR]
(default: var/api-client). The package is `lotrinh_api_client` inside OUTPUT_DIR.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "lotrinh_api_client"


def schema() -> dict:
    """The OpenAPI 3 schema of /api/v1/, as the server answers it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    import django

    django.setup()
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def generate(output: Path) -> Path:
    """Write the client package into `output` (replaced); return the package's folder."""
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "schema.json"
        path.write_text(json.dumps(schema(), ensure_ascii=False, default=str), encoding="utf-8")
        config = Path(work) / "config.json"
        config.write_text(
            json.dumps(
                {"project_name_override": "lotrinh-api-client", "package_name_override": PACKAGE}
            ),
            encoding="utf-8",
        )
        tool = Path(sys.executable).with_name("openapi-python-client")
        subprocess.run(
            [
                str(tool),
                "generate",
                "--path",
                str(path),
                "--config",
                str(config),
                "--output-path",
                str(output / PACKAGE),
                "--overwrite",
                "--meta",
                "none",
            ],
            check=True,
            capture_output=True,
        )
    return output / PACKAGE


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "api-client"
    print(generate(target))
