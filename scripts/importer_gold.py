"""Helpers to write an evaluation annotation (tests/importer/eval/*.json) by hand.

The annotator reads the document and decides, task by task, where the task starts and ends
and who leads and coordinates; this helper only copies the task's words out of the
document (given its first words) so that they are not retyped. Paragraphs are the
document's lines re-joined where a web page broke them (a line that starts with a small
letter, or a lone outline number, continues the line before).
"""

import json
import re
from pathlib import Path

MARK = re.compile(r"^(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[-+•])\s*")


def paragraphs(path: Path) -> list[str]:
    out: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip().replace("\\-", "-").replace("\\.", ".").replace("**", "")
        if not line or set(line) <= set("|-"):
            out.append("")
            continue
        if out and out[-1] and (line[0].islower() or re.fullmatch(r"[\dIVX.]+\.?|Số:", out[-1])):
            out[-1] += " " + line
        else:
            out.append(line)
    return [p for p in out if p]


class Doc:
    def __init__(self, path: Path) -> None:
        self.paras = paragraphs(path)

    def p(self, opening: str, upto: str | None = None) -> str:
        """The paragraph that starts (after its outline mark) with `opening`; with `upto`,
        every paragraph from there to the one starting with `upto`, included."""
        for index, para in enumerate(self.paras):
            bare = MARK.sub("", para)
            if bare.startswith(opening):
                if upto is None:
                    return bare
                parts = [bare]
                for following in self.paras[index + 1 :]:
                    parts.append(MARK.sub("", following))
                    if MARK.sub("", following).startswith(upto):
                        return "\n".join(parts)
                raise SystemExit(f"not found: {upto!r}")
        raise SystemExit(f"not found: {opening!r}")

    def after_label(self, opening: str) -> str:
        """A field line's value ("Nhiệm vụ: …")."""
        return self.p(opening).split(":", 1)[1].strip()


def task(text: str, lead=(), coordinating=(), lead_generic=(), coord_generic=()) -> dict:
    return {
        "text": text,
        "lead": list(lead),
        "coordinating": list(coordinating),
        "addressees": [{"generic": g, "role": "lead"} for g in lead_generic]
        + [{"generic": g, "role": "coordinating"} for g in coord_generic],
    }


def write(path: Path, note: str, tasks: list[dict]) -> None:
    data = {"format": "lotrinh.programme/1", "note": note, "tasks": tasks}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


class Flat:
    """The document as one line (whitespace collapsed): a task is the span from its first
    words to its last words, as the annotator chose them."""

    def __init__(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8").replace("\\-", "-").replace("\\.", ".")
        self.text = " ".join(text.replace("**", "").split())
        self.cursor = 0

    def at(self, anchor: str) -> "Flat":
        """Move past `anchor` (to pick the right one of repeated words)."""
        self.cursor = self.text.index(anchor, self.cursor) + len(anchor)
        return self

    def span(self, first: str, last: str) -> str:
        start = self.text.index(first, self.cursor)
        end = self.text.index(last, start) + len(last)
        self.cursor = end  # the tasks are read in order
        return self.text[start:end]
