"""Adds Part IV (Tổ chức thực hiện) of 57-NQ/TW to its annotation: Part III names no agency,
so Part IV is where the resolution assigns (docs/importer.md, "Task sections")."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from importer_gold import Doc, task  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent / "tests" / "importer" / "eval"
doc = Doc(EVAL / "nq57-tw.txt")
p = lambda s: doc.p(s).replace("\\-", "-").replace("\\.", ".")  # noqa: E731
new = [
    task(p("Thành lập Ban Chỉ đạo Trung ương")),
    task(p("Đảng đoàn Quốc hội lãnh đạo"), lead=["Đảng đoàn Quốc hội"]),
    task(
        p("Ban cán sự đảng Chính phủ lãnh đạo"),
        lead=["Ban cán sự đảng Chính phủ"],
        coordinating=["Đảng đoàn Quốc hội"],
    ),
    task(
        p("Mặt trận Tổ quốc Việt Nam và các tổ chức"),
        lead=["Mặt trận Tổ quốc Việt Nam"],
        lead_generic=["socio_political_organisations"],
    ),
    task(
        p("Ban Tuyên giáo Trung ương chủ trì"),
        lead=["Ban Tuyên giáo Trung ương"],
        coord_generic=["related_bodies"],
    ),
    task(
        p("Văn phòng Trung ương Đảng phối hợp"),
        lead=["Văn phòng Trung ương Đảng"],
        coordinating=["Ban Kinh tế Trung ương"],
    ),
]
path = EVAL / "nq57-tw.json"
data = json.loads(path.read_text(encoding="utf-8"))
data["tasks"] = [t for t in data["tasks"] if not t.get("ref", "").startswith("IV")] + [
    {"ref": f"IV.{i}", **t} for i, t in enumerate(new, 1)
]
data["note"] = (
    data.get("note", "")
    + " Part IV (Tổ chức thực hiện) added: the task sections name no agency, so Part IV is"
    " where the resolution assigns; each item's subject leads."
)
path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
