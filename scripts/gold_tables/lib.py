"""Helpers to write the annotations of the table documents (tests/importer/eval/*.json) by
hand from the .docx: the annotator chooses, paragraph by paragraph and cell by cell, what
is a task and who leads and coordinates (see each script); this only copies the words.

Run from the repository root: .venv/bin/python scripts/gold_tables/kh179.py
"""

import json
import re
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from lotrinh.core.text import fold  # noqa: E402

EVAL = ROOT / "tests" / "importer" / "eval"
SOURCES = {
    "kh144_ubnd_bacninh_2025_kinh_te_so": "kh144-bacninh",
    "kh179_ubnd_dongnai_2025_kinh_te_so": "kh179-dongnai",
    "kh310_ubnd_hanoi_2025_5g_iot": "kh310-hanoi",
    "kh552_ubnd_dongthap_2025_doi_moi_cong_nghe": "kh552-dongthap",
    "nq394_cp_2025_phong_trao_moi_truong": "nq394-cp",
    "qd2597_ttg_2025_cds_ha_tang_xay_dung": "qd2597-ttg",
}
MARK = re.compile(r"^(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•*])\s+")


class Doc:
    def __init__(self, stem):
        self.stem = stem
        d = docx.Document(str(EVAL / (SOURCES[stem] + ".docx")))
        self.paras = [p.text.strip() for p in d.paragraphs]
        self.tables = []
        for t in d.tables:
            rows = []
            for r in t.rows:
                cells, prev = [], None
                for c in r.cells:
                    cells.append("" if c._tc is prev else c.text.strip())
                    prev = c._tc
                rows.append(cells)
            self.tables.append(rows)
        self.tasks = []

    def p(self, i, keep_marker=False):
        t = self.paras[i]
        return t if keep_marker else MARK.sub("", t, count=1)

    def add(self, text, lead=(), coord=(), note=None):
        if isinstance(text, int):
            text = self.p(text)
        elif isinstance(text, tuple):
            text = "\n".join(self.p(i) if isinstance(i, int) else i for i in text)
        task = {"text": text, "lead": [], "coordinating": [], "addressees": []}
        for role, names in (("lead", lead), ("coordinating", coord)):
            for n in names:
                if n.startswith("g:"):
                    task["addressees"].append({"generic": n[2:], "role": role})
                else:
                    task[role].append(n)
        if note:
            task["note"] = note
        self.tasks.append(task)

    def group(self, indices, lead=(), coord=()):
        for i in indices:
            self.add(i, lead, coord)

    def table(self, index, text_col, lead_col, coord_col, cellmap, number_col=0):
        """Rows of a table: cellmap maps each agency cell (as written) to its names.
        A row naming no agency is a heading (or a repeated sub-header); a row repeating
        the number and content of the one above is a second lead/coordinator pair."""
        rows = self.tables[index]
        prev = None
        for r in rows[1:]:
            num = r[number_col].strip() if number_col is not None else ""
            text = r[text_col].strip()
            lc = r[lead_col].strip() if lead_col is not None else ""
            cc = r[coord_col].strip() if coord_col is not None else ""
            if not lc and not cc:
                continue
            if lc in ("Đơn vị thực hiện",):
                continue
            lead, others = cellmap(lc, "lead")
            coord = list(others) + (list(cellmap(cc, "coord")[0]) if cc else [])
            if prev is not None and text == prev[0] and num == prev[1]:
                prev[2] += [n for n in lead if n not in prev[2]]
                prev[3] += [n for n in coord if n not in prev[3]]
                continue
            prev = [text, num, list(lead), coord]
            self._rows.append(prev)
        for text, _num, lead, coord in self._rows:
            self.add(text, lead, coord)
            self.tasks[-1]["_row"] = True
        self._rows = []

    _rows: list = []

    def merge_restated(self):
        """A row that repeats a body task in the same words is that task (one task, the row's)."""
        from rapidfuzz import fuzz

        def key(text):
            return " ".join(fold(text).split())

        body = [t for t in self.tasks if not t.get("_row")]
        drop = set()
        for row in [t for t in self.tasks if t.get("_row")]:
            best = max(
                (b for b in body if id(b) not in drop),
                key=lambda b: fuzz.ratio(key(b["text"]), key(row["text"])),
                default=None,
            )
            if best is not None and fuzz.ratio(key(best["text"]), key(row["text"])) >= 90:
                drop.add(id(best))
                row["note"] = "restates the body's: " + best["text"][:60]
        self.tasks = [t for t in self.tasks if id(t) not in drop]
        for t in self.tasks:
            t.pop("_row", None)

    def write(self, name, note):
        self.merge_restated()
        path = EVAL / f"{name}.json"
        json.dump(
            {"format": "lotrinh.programme/1", "note": note, "tasks": self.tasks},
            open(path, "w", encoding="utf-8"),
            ensure_ascii=False,
            indent=1,
        )
        print(name, len(self.tasks))


def cells(mapping):
    """A cell map from {cell text: [names]}; in a lead cell, names after '|' coordinate."""

    def f(cell, role):
        if cell not in mapping:
            raise KeyError(f"unannotated cell: {cell!r}")
        names = mapping[cell]
        if "|" in names:
            i = names.index("|")
            return (names[:i], names[i + 1 :])
        return (names, [])

    return f
