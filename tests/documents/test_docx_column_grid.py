"""A DOCX table's grid holds the widths its cells are given (walk44, reading the
Commission's consolidated draft as a clerk would): the task tables set each cell's width
but left the grid in equal columns, so LibreOffice, which lays a table out by its grid,
printed the task's text ("Nội dung") two centimetres wide, a word a line over pages,
while Word followed the cells. Every table of the consolidated, agency and review
documents now has a grid equal to its cells."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


def _grid_and_cells(table) -> tuple[list[int], list[int]]:
    grid = table._tbl.find(qn("w:tblGrid"))
    columns = [int(c.get(qn("w:w"))) for c in grid.findall(qn("w:gridCol"))]
    first = table.rows[-1]._tr
    cells = [int(tc.find(qn("w:tcPr") + "/" + qn("w:tcW")).get(qn("w:w"))) for tc in first.tc_lst]
    return columns, cells


def test_every_table_of_the_consolidated_docx_has_its_cells_widths_in_its_grid(
    programme,  # noqa: F811
    submitted,  # noqa: F811
) -> None:
    data = assemble.consolidated(programme, 2024, CUTOFF)
    docx = Document(io.BytesIO(render.render("consolidated", "docx", data, when=CUTOFF)))
    task_tables = 0
    for table in docx.tables:
        columns, cells = _grid_and_cells(table)
        assert columns == cells, (table.rows[0].cells[0].text, columns, cells)
        if table.rows[0].cells[0].text == "Nhiệm vụ":
            task_tables += 1
            # The task's text is the widest column, as on paper (6.5 of 17.5 cm).
            assert columns[1] == max(columns) and columns[1] > 3 * columns[0], columns
    assert task_tables >= 1
