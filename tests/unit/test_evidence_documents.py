"""Synthetic EHC plans (no real plans, no real names) and reading them as text.

The builders here are shared by the other ``test_evidence_*`` modules and by
``tests/gui/test_plan_pane.py``. One plan content, three council template styles:

* ``lettered``: "Section A – The views, interests and aspirations ..." headings,
  provision as paragraphs (TXT or DOCX).
* ``numbered``: a contents page, then "6. SPECIAL EDUCATIONAL PROVISION" style
  upper-case numbered headings, one section group per page (PDF or TXT).
* ``table``: "A:" / "Part F" headings in Word heading styles, provision in a
  table "Need | Provision | Frequency and duration | Who" (DOCX).

Known facts about the content (the tests assert them):

* ``VAGUE_IN_PLAN``: every vague phrase in Section F, with its count.
* ``SPECIFIC_LINES``: provision that states frequency, duration, who (and group
  size) - never flagged.
* ``NEED_NO_PROVISION`` (handwriting) has an outcome but no provision;
  ``NEED_NO_OUTCOME`` (anxiety) has provision but no outcome; the reading and
  instructions needs are linked to both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from qa_audit.evidence.documents import (
    PAGE_SEPARATOR,
    DocumentError,
    PlanDocument,
    load_document,
    normalise_text,
)

# ----------------------------------------------------------------- content

CHILD = "Jamie Testcase"

NEED_INSTRUCTIONS = ("Jamie has difficulty understanding spoken instructions and his "
                     "expressive vocabulary is limited for his age.")
NEED_READING = ("Jamie's reading is below age-related expectations; he struggles to decode "
                "unfamiliar words.")
NEED_NO_OUTCOME = ("Jamie becomes anxious at transitions between lessons and finds "
                   "unstructured times difficult.")
NEED_NO_PROVISION = ("Jamie's fine motor skills are delayed and his handwriting is slow "
                     "and effortful.")
STRENGTH = "Jamie is a cheerful boy who enjoys playing with trains and swimming."

OUTCOMES = (
    "By the end of Key Stage 2, Jamie will follow two-step spoken instructions in class "
    "without adult prompting.",
    "By the end of Year 5, Jamie will read and decode age-appropriate texts with 90% accuracy.",
    "By the end of Year 5, Jamie will produce a legible paragraph of handwriting within "
    "a lesson.",
)

SPECIFIC_LINES = (
    "Speech and language therapy to develop vocabulary and understanding of instructions: "
    "30 minutes, 3 times weekly, delivered by a speech and language therapist.",
    "A structured phonics programme for reading, 20 minutes daily, delivered 1:1 by a "
    "trained teaching assistant.",
    "Weekly 30-minute ELSA sessions to reduce anxiety at transitions, delivered by a "
    "trained ELSA.",
    "A social communication group of up to 4 pupils, 20 minutes twice weekly, led by a "
    "trained TA.",
)

VAGUE_LINES = (
    "Jamie would benefit from access to a small group to practise listening skills.",
    "Regular opportunities for pre-teaching of new words, as appropriate.",
    "Up to 5 hours per week of additional adult support, subject to availability.",
    "Support from a key adult as required, such as during unstructured times, etc.",
    "Quality first teaching with visual supports, e.g. a visual timetable, or equivalent, "
    "as advised by the specialist teacher.",
)

#: phrase (as the lexicon spells it) -> hits in Section F
VAGUE_IN_PLAN = {
    "would benefit from": 1, "access to": 1, "small group": 1, "regular": 1,
    "opportunities for": 1, "as appropriate": 1, "up to": 1, "subject to availability": 1,
    "key adult": 1, "as required": 1, "such as": 1, "etc.": 1, "quality first teaching": 1,
    "e.g.": 1, "or equivalent": 1, "as advised": 1,
}

LETTERED_HEADINGS = {
    "A": "Section A – The views, interests and aspirations of the child and their parents",
    "B": "Section B – Special educational needs",
    "C": "Section C – Health needs related to SEN",
    "D": "Section D – Social care needs related to SEN or disability",
    "E": "Section E – Outcomes",
    "F": "Section F – Special educational provision",
    "G": "Section G – Health provision",
    "H": "Section H1 – Social care provision under section 2 of the CSDPA 1970",
    "H2": "Section H2 – Any other social care provision",
    "I": "Section I – Placement",
    "J": "Section J – Personal budget",
    "K": "Section K – Advice and information",
}
NUMBERED_HEADINGS = {
    "A": "1. VIEWS, INTERESTS AND ASPIRATIONS",
    "B": "2. SPECIAL EDUCATIONAL NEEDS",
    "C": "3. HEALTH NEEDS",
    "D": "4. SOCIAL CARE NEEDS",
    "E": "5. OUTCOMES",
    "F": "6. SPECIAL EDUCATIONAL PROVISION",
    "G": "7. HEALTH PROVISION",
    "H": "8. SOCIAL CARE PROVISION",
    "I": "9. PLACEMENT",
    "J": "10. PERSONAL BUDGET",
    "K": "11. ADVICE AND INFORMATION",
}
TABLE_HEADINGS = {
    "A": "A: All about me",
    "B": "B - My special educational needs",
    "C": "C: My health needs",
    "D": "D: My social care needs",
    "E": "E: Outcomes",
    "F": "Part F - Special educational provision",
    "G": "G: Health provision",
    "H": "H1/H2: Social care provision",
    "I": "I: Placement",
    "J": "J: Personal budget",
    "K": "K: Advice and information",
}

AREA_HEADINGS = {
    "ci": "Communication and interaction",
    "cl": "Cognition and learning",
    "semh": "Social, emotional and mental health",
    "sp": "Sensory and/or physical",
}


def body(letter: str) -> list[str]:
    """The paragraphs of one section (F as paragraphs; see ``provision_rows``)."""
    return {
        "A": [f"{CHILD} is 9 and in Year 4. He enjoys drawing, trains and swimming.",
              "He would like to be a train driver when he grows up."],
        "B": [AREA_HEADINGS["ci"], NEED_INSTRUCTIONS, STRENGTH,
              AREA_HEADINGS["cl"], NEED_READING,
              AREA_HEADINGS["semh"], NEED_NO_OUTCOME,
              AREA_HEADINGS["sp"], NEED_NO_PROVISION],
        "C": ["Jamie has a diagnosis of autism. No other health needs were identified."],
        "D": ["No social care needs have been identified."],
        "E": list(OUTCOMES),
        "F": [AREA_HEADINGS["ci"], SPECIFIC_LINES[0], VAGUE_LINES[0], SPECIFIC_LINES[3],
              AREA_HEADINGS["cl"], SPECIFIC_LINES[1], VAGUE_LINES[1], VAGUE_LINES[2],
              AREA_HEADINGS["semh"], SPECIFIC_LINES[2], VAGUE_LINES[3], VAGUE_LINES[4]],
        "G": ["Annual review of Jamie's autism by the community paediatrician, "
              "30 minutes once a year."],
        "H": ["No social care provision."],
        "H2": ["None."],
        "I": ["Oakfield Community Primary School (mainstream)."],
        "J": ["No personal budget has been requested."],
        "K": ["Educational psychology advice, March 2026.",
              "Speech and language therapy advice, February 2026."],
    }[letter]


def provision_rows() -> list[tuple[str, str, str, str]]:
    """Section F as a table: need | provision | frequency and duration | who."""
    return [
        ("Communication and interaction",
         "Speech and language therapy to develop vocabulary and understanding of instructions",
         "30 minutes, 3 times weekly", "Speech and language therapist"),
        ("Communication and interaction", VAGUE_LINES[0], "", ""),
        ("Communication and interaction", "A social communication group of up to 4 pupils",
         "20 minutes twice weekly", "Trained TA"),
        ("Cognition and learning", "A structured phonics programme for reading, delivered 1:1",
         "20 minutes daily", "Trained teaching assistant"),
        ("Cognition and learning", VAGUE_LINES[1], "", ""),
        ("Cognition and learning", VAGUE_LINES[2], "", ""),
        ("SEMH", "ELSA sessions to reduce anxiety at transitions", "Weekly, 30 minutes",
         "Trained ELSA"),
        ("SEMH", VAGUE_LINES[3], "", ""),
        ("SEMH", VAGUE_LINES[4], "", ""),
    ]


ORDER = ("A", "B", "C", "D", "E", "F", "G", "H", "H2", "I", "J", "K")


# ----------------------------------------------------------------- builders


def plan_text(style: str = "lettered") -> str:
    """The plan as plain text: ``lettered`` or ``numbered`` (pages split by form feeds)."""
    if style == "lettered":
        parts = [f"Education, Health and Care Plan for {CHILD}", ""]
        for letter in ORDER:
            parts += [LETTERED_HEADINGS[letter], *body(letter), ""]
        return "\n".join(parts)
    if style == "numbered":
        return "\f".join("\n".join(page) for page in numbered_pages())
    raise ValueError(style)


def numbered_pages() -> list[list[str]]:
    contents = ["EDUCATION, HEALTH AND CARE PLAN", "Contents"]
    contents += [f"{NUMBERED_HEADINGS[x].title()} .......... {n}"
                 for n, x in enumerate(("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"),
                                       start=2)]
    pages = [contents]
    groups = (("A",), ("B", "C", "D"), ("E",), ("F",), ("G", "H", "I", "J", "K"))
    for group in groups:
        page: list[str] = []
        for letter in group:
            page += [NUMBERED_HEADINGS[letter], *body(letter), ""]
        pages.append(page)
    return pages


def write_txt(path: Path, style: str = "lettered") -> Path:
    path.write_text(plan_text(style), encoding="utf-8")
    return path


def write_docx(path: Path, style: str = "lettered") -> Path:
    """A Word plan: ``lettered`` (paragraphs) or ``table`` (provision table, page breaks)."""
    import docx

    document = docx.Document()
    document.add_heading(f"Education, Health and Care Plan: {CHILD}", level=0)
    if style == "table":
        contents = document.add_table(rows=0, cols=2)
        for number, letter in enumerate(("A", "B", "E", "F", "K"), start=2):
            row = contents.add_row().cells
            row[0].text = TABLE_HEADINGS[letter]
            row[1].text = str(number)
        document.add_page_break()
    for letter in ORDER:
        if style == "table" and letter == "H2":
            continue
        heading = (TABLE_HEADINGS if style == "table" else LETTERED_HEADINGS)[letter]
        document.add_heading(heading, level=1)
        if style == "table" and letter == "F":
            table = document.add_table(rows=1, cols=4)
            for cell, title in zip(table.rows[0].cells,
                                   ("Need", "Provision", "Frequency and duration", "Who"),
                                   strict=True):
                cell.text = title
            for values in provision_rows():
                cells = table.add_row().cells
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
        else:
            for paragraph in body(letter):
                if paragraph in AREA_HEADINGS.values():
                    document.add_heading(paragraph, level=2)
                else:
                    document.add_paragraph(paragraph)
        if style == "table" and letter in ("D", "F"):
            document.add_page_break()
    document.save(str(path))
    return path


def write_pdf(path: Path, pages: Sequence[Sequence[str]] | None = None) -> Path:
    """A PDF with one list of lines per page (default: the ``numbered`` plan), wrapped."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pages = numbered_pages() if pages is None else pages
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Synthetic EHC plan")
    width, height = A4
    for lines in pages:
        y = height - 60
        for line in lines:
            heading = line.isupper() or line in AREA_HEADINGS.values()
            font = "Helvetica-Bold" if heading else "Helvetica"
            pdf.setFont(font, 10)
            for wrapped in _wrap(line, font, 10, width - 120):
                pdf.drawString(60, y, wrapped)
                y -= 14
            if not line:
                y -= 4
        pdf.showPage()
    pdf.save()
    return path


def _wrap(line: str, font: str, size: int, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not line:
        return [""]
    out: list[str] = []
    current = ""
    for word in line.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            out.append(current)
            current = word
        else:
            current = trial
    out.append(current)
    return out


# -------------------------------------------------------------------- tests


def test_text_file_pages_split_on_form_feeds(tmp_path: Path) -> None:
    doc = load_document(write_txt(tmp_path / "plan.txt", "numbered"))
    assert doc.kind == "text"
    assert doc.page_count == 6
    assert doc.pages[4].startswith("6. SPECIAL EDUCATIONAL PROVISION")
    assert doc.text == PAGE_SEPARATOR.join(doc.pages)


def test_source_name_is_the_file_name_only(tmp_path: Path) -> None:
    folder = tmp_path / "Jamie Testcase private folder"
    folder.mkdir()
    doc = load_document(write_txt(folder / "plan.txt"))
    assert doc.source_name == "plan.txt"
    assert "private folder" not in repr(doc)
    assert str(tmp_path) not in repr(doc)


def test_page_offsets_round_trip() -> None:
    doc = PlanDocument.from_pages(["first page", "second\npage", "third"], "x.txt")
    assert doc.page_of(0) == 1
    assert doc.page_of(doc.page_start(2)) == 2
    assert doc.text[doc.page_start(3):doc.page_end(3)] == "third"
    assert doc.offset_of(2, 7) == doc.page_start(2) + 7
    assert doc.page_of(len(doc.text)) == 3
    assert [line for _o, line in doc.lines()] == ["first page", "", "second", "page", "",
                                                   "third"]


def test_normalise_text_cleans_what_extractors_leave() -> None:
    raw = "of\ufb01ce\u00a0hours\r\nsoft\u00adhyphen  \r\n\n\n\nend\u200b"
    assert normalise_text(raw) == "office hours\nsofthyphen\n\nend"


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    doc = load_document(write_docx(tmp_path / "plan.docx", "table"))
    assert doc.kind == "docx"
    text = doc.text
    assert "Part F - Special educational provision" in text
    assert ("Communication and interaction | Speech and language therapy to develop vocabulary "
            "and understanding of instructions | 30 minutes, 3 times weekly | "
            "Speech and language therapist") in text
    assert text.index("E: Outcomes") < text.index("Need | Provision") < text.index("G: Health")
    assert "My special educational needs" in text


def test_docx_page_breaks_start_pages(tmp_path: Path) -> None:
    doc = load_document(write_docx(tmp_path / "plan.docx", "table"))
    # contents | A-D | E-F | G-K
    assert doc.page_count == 4
    assert doc.pages[1].startswith("A: All about me")
    assert doc.pages[3].startswith("G: Health provision")


def test_pdf_pages_are_extracted(tmp_path: Path) -> None:
    doc = load_document(write_pdf(tmp_path / "plan.pdf"))
    assert doc.kind == "pdf"
    assert doc.page_count == 6
    assert "6. SPECIAL EDUCATIONAL PROVISION" in doc.pages[4]
    assert "speech and language therapist" in doc.pages[4]


@pytest.mark.parametrize("name", ["plan.odt", "plan.doc", "plan"])
def test_unsupported_files_are_refused_clearly(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    with pytest.raises(DocumentError, match="not a PDF, Word"):
        load_document(path)


def test_missing_and_damaged_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot be found"):
        load_document(tmp_path / "gone.pdf")
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"this is not a pdf")
    with pytest.raises(DocumentError, match="not a readable PDF"):
        load_document(bad_pdf)
    bad_docx = tmp_path / "bad.docx"
    bad_docx.write_bytes(b"PK not really a zip")
    with pytest.raises(DocumentError, match="not a readable Word document"):
        load_document(bad_docx)


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("Section F \x96 Special educational provision\nCaf\xe9".encode("latin-1"))
    doc = load_document(path)
    assert doc.pages[0].startswith("Section F – Special")
