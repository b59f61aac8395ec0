"""The view bases: the table-model base (columns drive roles; every ported model passes Qt's
model tester) and the one page scaffold."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from qa_audit.errors import RowProblem
from qa_audit.gui.models.action_table import ActionTableModel
from qa_audit.gui.models.register_tables import ProblemTableModel
from qa_audit.gui.models.report_models import ExcerptTableModel, FigureRowsModel
from qa_audit.gui.models.session_tables import StrataPreviewModel, StratumPreview
from qa_audit.gui.models.table_base import NUMBER, ROW_ROLE, SORT_ROLE, Column, RowTableModel


@dataclass(frozen=True)
class Pupil:
    ref: str
    issued: dt.date


class PupilModel(RowTableModel[Pupil]):
    COLUMNS = (
        Column("Ref", lambda p: p.ref, tip="Pseudonymous reference"),
        Column("Issued", lambda p: p.issued.strftime("%d/%m/%Y"),
               sort=lambda p: p.issued.toordinal(), align=NUMBER,
               cell_tip=lambda p: f"Issued {p.issued:%A}"),
    )

    def role_data(self, row: Pupil, column: int, role: int) -> Any:
        return "bold" if role == Qt.ItemDataRole.FontRole and row.ref == "B" else None


ROWS = [Pupil("a", dt.date(2026, 2, 1)), Pupil("B", dt.date(2025, 12, 25))]


def test_columns_answer_each_role(qtbot: Any, qtmodeltester: Any) -> None:
    model = PupilModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    horizontal = Qt.Orientation.Horizontal
    assert [model.headerData(c, horizontal) for c in range(2)] == ["Ref", "Issued"]
    assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) == "Pseudonymous reference"
    second = model.index(1, 1)
    assert model.data(second) == "25/12/2025"
    assert model.data(second, SORT_ROLE) == dt.date(2025, 12, 25).toordinal()
    assert model.data(model.index(0, 0), SORT_ROLE) == "a"  # default: case-folded text
    assert model.data(second, ROW_ROLE) is ROWS[1]
    assert model.data(second, Qt.ItemDataRole.TextAlignmentRole) == NUMBER
    assert model.data(second, Qt.ItemDataRole.ToolTipRole) == "Issued Thursday"
    assert model.data(second, Qt.ItemDataRole.FontRole) == "bold"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None


def test_set_rows_resets_and_replace_row_signals_one_row(qtbot: Any) -> None:
    model = PupilModel()
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(ROWS)
    assert model.find_row(lambda p: p.ref == "B") == 1
    assert model.get_row(-1) is None and model.get_row(5) is None
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.replace_row(0, Pupil("c", dt.date(2026, 1, 1)))
    first, last = changed.args[:2]
    assert (first.row(), first.column(), last.row(), last.column()) == (0, 0, 0, 1)
    assert model.data(model.index(0, 0)) == "c"


def test_ported_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any) -> None:
    figures = FigureRowsModel()
    figures.set_rows([{"theme": "Outcomes", "score": 2.5}, {"theme": "Needs", "n": 3}])
    assert figures.columns() == ["theme", "score", "n"]
    assert figures.headerData(1, Qt.Orientation.Vertical) == "2"
    strata = StrataPreviewModel()
    strata.set_rows([StratumPreview("all", 1200, 12), StratumPreview("Team A", 3, None)])
    assert strata.data(strata.index(0, 1)) == "1,200"
    problems = ProblemTableModel()
    problems.set_rows([RowProblem(4, "Issue date", "31/02/2026", "not a date")])
    assert problems.data(problems.index(0, 0), Qt.ItemDataRole.ToolTipRole).startswith("row 4")
    for model in (figures, strata, problems, ExcerptTableModel(), ActionTableModel()):
        qtmodeltester.check(model)


def test_every_page_header_comes_from_the_scaffold(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    from qa_audit.gui.pages.scaffold import PAGE_MARGINS, PageScaffold

    page = QWidget()
    qtbot.addWidget(page)
    subtitle = QLabel("2025-26")
    scaffold = PageScaffold(page, "Reports", subtitle=subtitle)
    button = QPushButton("Go")
    scaffold.add_action(button)
    title = page.findChild(QLabel, "pageTitle")
    assert title is not None and title.text() == "Reports" and title.font().bold()
    assert scaffold.body.contentsMargins().left() == PAGE_MARGINS[0]
    header = [scaffold.header.itemAt(i).widget() for i in range(scaffold.header.count())]
    assert header == [title, subtitle, button]
