"""Build the appendix-layout task table (.docx) of the evaluation set from real rows.

The rows are those of the progress table in `corpus/cv402_vpdu_2025_phuluc1_status_nq71.txt`
(tasks of Resolution 71/NQ-CP), laid out as an action programme's appendix: STT, Nội dung,
Cơ quan chủ trì, Cơ quan phối hợp, Sản phẩm, Thời gian hoàn thành. Run it to refresh
`eval/cv402-phu-luc-bang.docx` and its annotation.
"""

import json
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "corpus" / "cv402_vpdu_2025_phuluc1_status_nq71.txt"


def rows_of_source() -> list[list[str]]:
    """(STT, task, required result, deadline, agency) of the source's markdown table."""
    out = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| TT") or line.startswith("|--"):
            continue
        cells = [c.strip().replace("**", "") for c in line.strip().strip("|").split("|")]
        out.append(cells[:5])
    return out


def annotation(table: list[list[str]]) -> dict:
    """The truth is the table's own agency column: each numbered row is a task."""
    generic = {
        "Các bộ, ngành, địa phương": "all_ministries_agencies_provinces",
        "Các bộ, ngành": "all_ministries_agencies",
    }
    tasks = []
    for number, text, _result, _deadline, agency in table:
        if not number.rstrip(".").isdigit():
            continue
        if agency in generic:
            tasks.append(
                {
                    "text": text,
                    "lead": [],
                    "coordinating": [],
                    "addressees": [{"generic": generic[agency], "role": "lead"}],
                }
            )
        else:
            tasks.append({"text": text, "lead": [agency], "coordinating": [], "addressees": []})
    return {"format": "lotrinh.programme/1", "tasks": tasks}


APPENDIX_COLUMNS = [
    "STT",
    "Nội dung",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Sản phẩm",
    "Thời gian hoàn thành",
]


def appendix_docx(paragraphs: list[str], rows: list[list[str]]) -> bytes:
    """A .docx with some paragraphs and a task table in the appendix layout."""
    import io

    document = Document()
    for line in paragraphs:
        document.add_paragraph(line)
    grid = document.add_table(rows=1, cols=len(APPENDIX_COLUMNS))
    for cell, title in zip(grid.rows[0].cells, APPENDIX_COLUMNS, strict=True):
        cell.text = title
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build(target: Path) -> None:
    rows = []
    for number, text, result, deadline, agency in rows_of_source():
        numbered = number.rstrip(".").isdigit()
        rows.append(
            [
                number,
                text,
                agency if numbered else "",
                "",
                result if numbered else "",
                deadline if numbered else "",
            ]
        )
    target.write_bytes(
        appendix_docx(["Phụ lục", "DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71/NQ-CP"], rows)
    )


if __name__ == "__main__":
    build(HERE / "eval" / "cv402-phu-luc-bang.docx")
    data = annotation(rows_of_source())
    for name in ("cv402-phu-luc-bang.json", "cv402-phu-luc.json"):
        (HERE / "eval" / name).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    print(len(data["tasks"]), "tasks")
