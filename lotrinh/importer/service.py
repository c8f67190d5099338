"""Parsing a file into the programme format, and storing it as a draft programme."""

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import MAX_BYTES, ReadError, read_document


class NoTasks(ReadError):
    pass


def parse_bytes(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    result = parse_blocks(read_document(data, filename, max_bytes))
    if not result["tasks"]:
        raise NoTasks(
            "no_tasks",
            _(
                "Không nhận ra nhiệm vụ nào trong văn bản (cần mục “NHIỆM VỤ”/“PHÂN CÔNG” với các điểm, gạch đầu dòng, hoặc bảng danh mục nhiệm vụ)."
            ),
        )
    if not result["programme"].get("code"):
        result["programme"]["code"] = Path(filename).stem
    return result


def parse_file(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("not_found", _("Không tìm thấy tệp %(path)s.") % {"path": path}) from None
    return parse_bytes(data, path.name)
