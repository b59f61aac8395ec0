"""The "Import register" wizard, driven page by page (pytest-qt, offscreen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QFileDialog, QWizard

from qa_audit.gui import register_wizard as rw
from qa_audit.gui.context import AppContext
from qa_audit.gui.register_wizard import RegisterImportWizard
from qa_audit.importing.register_parse import parse_register
from qa_audit.importing.tabular import read_table
from qa_audit.services import plans
from qa_audit.services.register_import import import_plans

CASE_SYSTEM_HEADERS = "Person ID,EHCP Issue Date,NCY,Primary Need,Establishment,Caseworker,Notes"
GOOD_ROWS = [
    "CS-0001,03/10/2026,R,ASD,Riverside Academy,J. Smith,first",
    "CS-0002,14/09/2026,7,SEMH,The Orchard School,K. Patel,",
    "CS-0003,01/02/2026,N2,Speech Language and Communication Needs,Larkspur Nursery,J. Smith,",
    "CS-0004,28/07/2026,Y11,MLD,St Aidan's CE Primary,K. Patel,",
]


@pytest.fixture(autouse=True)
def _no_background_work_left() -> None:
    """Every background job ends before the database fixture is disposed."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def ctx(db, actor) -> AppContext:
    return AppContext(db, actor)


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def make_wizard(qtbot, ctx: AppContext, kind: str = "plans") -> RegisterImportWizard:
    wizard = RegisterImportWizard(ctx, kind)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose_file(qtbot, wizard: RegisterImportWizard, path: Path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))
    qtbot.mouseClick(wizard.file_page.browse_button, rw.Qt.MouseButton.LeftButton)
    assert wizard.file_page.path_edit.text() == str(path)
    assert wizard.file_page.isComplete()


def go_to(qtbot, wizard: RegisterImportWizard, page_id: int) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page_id and not wizard.busy(), timeout=10_000)


def test_case_system_headers_import_to_the_register(qtbot, ctx, db, tmp_path, monkeypatch,
                                                    qtmodeltester) -> None:
    path = write_csv(tmp_path / "register.csv", CASE_SYSTEM_HEADERS, GOOD_ROWS)
    wizard = make_wizard(qtbot, ctx)
    assert wizard.currentId() == wizard.PAGE_FILE
    choose_file(qtbot, wizard, path, monkeypatch)

    # page 2: preview of the first rows, with spreadsheet row numbers
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    preview = wizard.preview_page.model
    qtmodeltester.check(preview)
    assert preview.rowCount() == len(GOOD_ROWS)
    assert preview.headerData(0, rw.Qt.Orientation.Horizontal) == "Person ID"
    assert preview.headerData(0, rw.Qt.Orientation.Vertical) == "2"
    assert preview.index(0, 1).data() == "03/10/2026"

    # page 3: synonyms recognised and pre-filled, required fields marked, Notes unknown
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    page = wizard.mapping_page
    expected = {"plan_ref": "Person ID", "issue_date": "EHCP Issue Date", "year_group": "NCY",
                "primary_need": "Primary Need", "setting": "Establishment",
                "caseworker": "Caseworker"}
    assert page.mapping() == expected
    assert page.combos["team"].currentText() == rw.NOT_IN_FILE
    assert "(required)" in page.combos["plan_ref"].accessibleName()
    assert "Notes" in page.unknown_label.text()
    assert page.isComplete()

    # page 4: every row checked, nothing written yet, Import enabled
    go_to(qtbot, wizard, wizard.PAGE_CHECK)
    check = wizard.check_page
    assert check.outcome is not None
    assert check.outcome.problems == []
    assert check.model.rowCount() == 0
    assert "All 4 rows are valid" in check.summary.text()
    assert plans.count_plans(db) == 0
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()

    # page 5: import with progress; the context announces the change
    with qtbot.waitSignal(ctx.data_changed, timeout=10_000) as changed:
        wizard.next()
        qtbot.waitUntil(lambda: wizard.import_result is not None, timeout=10_000)
    assert changed.args == ["plans"]
    assert wizard.import_page.progress.value() == 100
    assert "4 added, 0 updated, 0 unchanged" in wizard.import_page.result_label.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()

    stored = {p.plan_ref: p for p in plans.list_plans(db)}
    assert set(stored) == {"CS-0001", "CS-0002", "CS-0003", "CS-0004"}
    assert stored["CS-0001"].issue_date == dt.date(2026, 10, 3)  # UK day-first
    assert stored["CS-0001"].year_group == 0
    assert stored["CS-0003"].year_group == -1
    assert stored["CS-0003"].primary_need == "SLCN"
    assert stored["CS-0002"].setting == "The Orchard School"
    assert stored["CS-0004"].caseworker == "K. Patel"


def test_bad_rows_are_all_listed_and_nothing_is_written(qtbot, ctx, db, actor, tmp_path,
                                                        monkeypatch, qtmodeltester) -> None:
    import_plans(db, write_csv(tmp_path / "first.csv", CASE_SYSTEM_HEADERS, GOOD_ROWS), {},
                 actor)
    before = plans.count_plans(db)
    bad_rows = [
        *GOOD_ROWS,
        "CS-0005,31/02/2026,R,ASD,X,Y,",        # not a real date
        "CS-0006,03/10/26,Y15,ASD,X,Y,",        # two-digit year and year group out of range
        "CS-0001,03/10/2026,R,XYZ,X,Y,",        # repeated ref and unknown need
        ",03/10/2026,R,ASD,X,Y,",               # blank ref
    ]
    path = write_csv(tmp_path / "bad.csv", CASE_SYSTEM_HEADERS, bad_rows)
    wizard = make_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, path, monkeypatch)
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    go_to(qtbot, wizard, wizard.PAGE_CHECK)

    check = wizard.check_page
    qtmodeltester.check(check.model)
    expected = parse_register(read_table(path), wizard.mapping).problems
    assert check.model.rows() == expected
    assert len(expected) == 6
    assert {p.row for p in check.model.rows()} == {6, 7, 8, 9}
    assert check.model.index(0, check.model.COL_ROW).data() == "6"
    assert check.model.index(0, check.model.COL_COLUMN).data() == "EHCP Issue Date"
    assert check.model.index(0, check.model.COL_VALUE).data() == "31/02/2026"
    assert "February 2026 has 28 days" in check.model.index(0, check.model.COL_REASON).data()
    assert "4 bad rows" in check.summary.text()
    assert "6 problems" in check.summary.text()
    assert "Nothing has been written" in check.summary.text()
    assert not check.isComplete()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert plans.count_plans(db) == before

    # the list can be saved for whoever corrects the file
    target = tmp_path / "problems.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    qtbot.mouseClick(check.save_button, rw.Qt.MouseButton.LeftButton)
    saved = target.read_text(encoding="utf-8-sig").splitlines()
    assert saved[0] == "Row,Column,Value,Reason"
    assert len(saved) == 1 + len(expected)

    # corrected on disk, "Check again" re-reads the file and allows the import
    write_csv(path, CASE_SYSTEM_HEADERS, [*GOOD_ROWS, "CS-0005,28/02/2026,R,ASD,X,Y,"])
    qtbot.mouseClick(check.recheck_button, rw.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.busy() and check.outcome is not None, timeout=10_000)
    assert check.model.rowCount() == 0
    assert "1 plan new to the register, 4 already in it" in check.summary.text()
    assert check.isComplete()
    assert plans.count_plans(db) == before


def test_unrecognised_header_is_mapped_by_hand(qtbot, ctx, db, tmp_path, monkeypatch) -> None:
    path = write_csv(tmp_path / "odd.csv", "Ref No,Date Issued,Team",
                     ["A-1,2026-10-03,North", "A-2,2026-10-04,South"])
    wizard = make_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, path, monkeypatch)
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    page = wizard.mapping_page
    assert page.combos["plan_ref"].currentText() == rw.NOT_IN_FILE
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Plan reference" in page.problem_label.text()

    # choosing the same column twice is refused too
    page.combos["plan_ref"].setCurrentText("Team")
    assert "a column can hold only one field" in page.problem_label.text()
    assert not page.isComplete()

    page.combos["plan_ref"].setCurrentText("Ref No")
    assert page.isComplete()
    assert page.examples["plan_ref"].text() == "A-1"
    assert page.mapping() == {"plan_ref": "Ref No", "issue_date": "Date Issued", "team": "Team"}
    go_to(qtbot, wizard, wizard.PAGE_CHECK)
    assert wizard.check_page.isComplete()
    go_to(qtbot, wizard, wizard.PAGE_IMPORT)
    assert wizard.import_result is not None
    assert wizard.import_result.added == 2
    assert {p.plan_ref: p.team for p in plans.list_plans(db)} == {"A-1": "North", "A-2": "South"}


def test_advice_rows_for_plans_not_in_the_register_are_bad_rows(qtbot, ctx, db, actor,
                                                               tmp_path, monkeypatch) -> None:
    import_plans(db, write_csv(tmp_path / "plans.csv", CASE_SYSTEM_HEADERS, GOOD_ROWS), {}, actor)
    path = write_csv(tmp_path / "advice.csv", "Child ID,Service,Date Requested,Date Received",
                     ["CS-0001,SaLT,01/08/2026,05/09/2026", "NOPE-9,ep,01/08/2026,"])
    wizard = make_wizard(qtbot, ctx, "advice")
    assert wizard.windowTitle() == "Import advice requests"
    choose_file(qtbot, wizard, path, monkeypatch)
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    assert wizard.mapping_page.mapping() == {
        "plan_ref": "Child ID", "service": "Service", "requested_date": "Date Requested",
        "received_date": "Date Received"}
    go_to(qtbot, wizard, wizard.PAGE_CHECK)
    problems = wizard.check_page.model.rows()
    assert [(p.row, p.value) for p in problems] == [(3, "NOPE-9")]
    assert "not in the plan register" in problems[0].reason
    assert not wizard.check_page.isComplete()


def test_a_file_that_is_not_a_spreadsheet_is_explained_on_the_first_page(
        qtbot, ctx, tmp_path, monkeypatch) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x00\x01\x02binary")
    wizard = make_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, path, monkeypatch)
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error_label.text()), timeout=10_000)
    assert "not a CSV or XLSX file" in wizard.file_page.error_label.text()
    assert wizard.currentId() == wizard.PAGE_FILE


def test_cancelled_import_writes_nothing(qtbot, ctx, db, tmp_path, monkeypatch) -> None:
    path = write_csv(tmp_path / "register.csv", CASE_SYSTEM_HEADERS, GOOD_ROWS)
    wizard = make_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, path, monkeypatch)
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    go_to(qtbot, wizard, wizard.PAGE_CHECK)

    held = []
    monkeypatch.setattr(rw.workers, "start", held.append)  # hold the import job back
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_IMPORT
    assert len(held) == 1
    qtbot.mouseClick(wizard.import_page.cancel_button, rw.Qt.MouseButton.LeftButton)
    QThreadPool.globalInstance().start(held[0])
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=10_000)
    assert wizard.import_page.cancelled
    assert "nothing was written" in wizard.import_page.result_label.text()
    assert wizard.import_result is None
    assert plans.count_plans(db) == 0


def test_a_dropped_file_is_chosen(qtbot, ctx, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path = write_csv(tmp_path / "dropped.csv", CASE_SYSTEM_HEADERS, GOOD_ROWS)
    wizard = make_wizard(qtbot, ctx)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(5, 5), rw.Qt.DropAction.CopyAction, mime,
                       rw.Qt.MouseButton.LeftButton, rw.Qt.KeyboardModifier.NoModifier)
    wizard.file_page.dropEvent(event)
    assert wizard.file_page.path() == path
    assert wizard.file_page.isComplete()


def test_leaving_out_a_field_whose_header_matches_is_flagged(qtbot, ctx, tmp_path,
                                                            monkeypatch) -> None:
    path = write_csv(tmp_path / "register.csv", CASE_SYSTEM_HEADERS, GOOD_ROWS)
    wizard = make_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, path, monkeypatch)
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    page = wizard.mapping_page
    page.combos["setting"].setCurrentIndex(0)
    assert "setting" not in page.mapping()
    assert "'Establishment' matches Setting by name" in page.unknown_label.text()
    assert page.isComplete()  # a warning, not a blocker


@pytest.mark.parametrize("kind", ["plans", "advice"])
def test_every_input_has_an_accessible_name(qtbot, ctx, kind) -> None:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QWidget,
    )

    wizard = make_wizard(qtbot, ctx, kind)
    kinds = (QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView)
    unnamed = [w.objectName() or w.metaObject().className()
               for w in wizard.findChildren(QWidget)
               if isinstance(w, kinds) and not isinstance(w, QHeaderView)
               and w.parentWidget() is not None
               and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
               and w.parentWidget().metaObject().className() != "QComboBoxPrivateContainer"
               and not w.accessibleName()]
    assert unnamed == []


def test_an_unmapped_column_is_kept_as_a_custom_field(qtbot, ctx, db, tmp_path,
                                                      monkeypatch) -> None:
    path = write_csv(tmp_path / "own.csv", "Person ID,EHCP Issue Date,CSC Status,Notes",
                     ["P-1,2026-10-03,CIN,first", "P-2,2026-10-04,,", "P-3,2026-10-05,CP,"])
    wizard = make_wizard(qtbot, ctx)
    choose_file(qtbot, wizard, path, monkeypatch)
    go_to(qtbot, wizard, wizard.PAGE_PREVIEW)
    go_to(qtbot, wizard, wizard.PAGE_MAPPING)
    page = wizard.mapping_page
    box = page.custom_box
    model = box.table.model()
    assert box.isVisible()
    listed = [model.index(r, box.COL_KEEP).data() for r in range(model.rowCount())]
    assert listed == ["CSC Status", "Notes"]
    name = model.index(0, box.COL_NAME)
    assert name.data() == "csc_status"  # suggested from the header
    assert box.custom() == {}  # nothing is kept until ticked

    model.setData(model.index(0, box.COL_KEEP), rw.Qt.CheckState.Checked.value,
                  rw.Qt.ItemDataRole.CheckStateRole)  # as the view ticks it
    model.setData(name, "Social Care")  # not a field name: refused
    assert not page.isComplete()
    assert "lower-case letters" in page.problem_label.text()
    model.setData(name, "team")  # a built-in field: refused
    assert "built-in plan field" in page.problem_label.text()
    model.setData(name, "social_care_status")
    assert page.isComplete()
    assert box.custom() == {"social_care_status": "CSC Status"}
    # the tick survives the page refreshing its lists (another combo changed)
    page.combos["team"].setCurrentIndex(0)
    assert box.custom() == {"social_care_status": "CSC Status"}
    assert "Notes" in page.unknown_label.text() and "CSC Status" not in page.unknown_label.text()

    go_to(qtbot, wizard, wizard.PAGE_CHECK)
    assert wizard.check_page.outcome is not None and not wizard.check_page.outcome.problems
    go_to(qtbot, wizard, wizard.PAGE_IMPORT)
    assert wizard.import_result is not None and wizard.import_result.added == 3
    stored = {p.plan_ref: p.custom for p in plans.list_plans(db)}
    assert stored == {"P-1": {"social_care_status": "CIN"}, "P-2": {},
                      "P-3": {"social_care_status": "CP"}}
