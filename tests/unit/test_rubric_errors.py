"""Rubric files that are wrong: each error names the file, the line and the problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qa_audit.errors import RubricError
from qa_audit.rubrics.loader import (
    MAX_FILE_BYTES,
    load_rubric_data,
    load_rubric_file,
    load_rubric_text,
)
from tests.rubric_samples import GOOD, broken, detail_at, line_of

HERE = Path(__file__).resolve()

# ----------------------------------------------------------------- broken files


def test_invalid_yaml_reports_line_and_column() -> None:
    text = GOOD.replace("    title: Provision\n", "    title: [Provision\n")
    error = broken(text)
    assert error.message == "rubrics/broken.yaml: 1 problem"
    assert "not valid YAML" in error.details[0]
    assert "column" in error.details[0]
    assert error.details[0].startswith("rubrics/broken.yaml:")
    line = int(error.details[0].split(":")[1])
    assert line_of(text, "[Provision") <= line <= line_of(text, "[Provision") + 2


def test_tab_indentation_is_invalid_yaml() -> None:
    error = broken("id: x\n\ttitle: y\n")
    assert error.details[0].startswith("rubrics/broken.yaml:2: ")


def test_unknown_question_type() -> None:
    text = GOOD.replace("        type: scale\n", "        type: slider\n")
    error = broken(text)
    detail_at(error, line_of(text, "type: slider"), "sections[1].questions[1].type", "slider")


def test_duplicate_question_id_across_sections() -> None:
    text = GOOD.replace("      - id: aspirations\n", "      - id: quantified\n")
    error = broken(text)
    detail = detail_at(
        error, line_of(text, "- id: quantified", 2), "sections[1].questions[0].id", "duplicate"
    )
    assert f"first at line {line_of(text, '- id: quantified')}" in detail


def test_question_ids_must_differ_by_more_than_case_and_underscores() -> None:
    text = GOOD.replace("      - id: aspirations\n", "      - id: Health_Provision\n")
    error = broken(text)
    detail_at(error, line_of(text, "id: Health_Provision"), "too like")


@pytest.mark.parametrize(
    ("old", "new", "path", "needle_line"),
    [
        ("  - id: later\n", "  - id: provision\n", "sections[1].id", ("- id: provision", 2)),
        (
            "  - {id: health, label: Health}\n",
            "  - {id: sen_casework, label: Health}\n",
            "agencies[1].id",
            ("{id: sen_casework, label: Health}", 1),
        ),
        (
            "  - {id: voice_missing, label: Voice missing, description: No views.}\n",
            "  - {id: vague, label: Again}\n",
            "themes[1].id",
            ("{id: vague, label: Again}", 1),
        ),
        (
            "{code: no_, label: Not met, shortfall: true}",
            "{code: YES_, label: Not met, shortfall: true}",
            "sections[1].questions[0].options[1].code",
            ("code: YES_", 1),
        ),
    ],
)
def test_duplicate_ids(old: str, new: str, path: str, needle_line: tuple[str, int]) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    error = broken(text)
    detail_at(error, line_of(text, *needle_line), path, "duplicate")


def test_duplicate_shortcut_key() -> None:
    text = GOOD.replace(
        "{code: P, label: Partly, shortfall: true, key: p}",
        "{code: P, label: Partly, shortfall: true, key: Y}",
    )
    error = broken(text)
    detail_at(error, line_of(text, "key: Y}"), "option_sets.ypn[1].key", "duplicate shortcut key")


def test_duplicate_yaml_key() -> None:
    text = GOOD.replace("    title: Later\n", "    title: Later\n    title: Again\n")
    error = broken(text)
    detail_at(error, line_of(text, "title: Again"), "sections[1].title", "appears twice")


def test_overlapping_bands() -> None:
    text = GOOD.replace("from: 3, to: 5", "from: 2, to: 5")
    error = broken(text)
    detail_at(error, line_of(text, "from: 2, to: 5"), "overall.bands[1].from", "overlaps")


def test_gapped_bands() -> None:
    text = GOOD.replace("from: 6, to: 8", "from: 7, to: 8")
    error = broken(text)
    detail_at(error, line_of(text, "from: 7, to: 8"), "overall.bands[2].from", "6", "no band")


def test_bands_must_reach_max_and_stay_inside() -> None:
    text = GOOD.replace("from: 6, to: 8", "from: 6, to: 7")
    error = broken(text)
    assert any("grades 8-8 are in no band" in d for d in error.details)
    text = GOOD.replace("from: 6, to: 8", "from: 6, to: 9")
    error = broken(text)
    detail_at(error, line_of(text, "from: 6, to: 9"), "outside the overall range 1-8")


def test_band_from_greater_than_to() -> None:
    text = GOOD.replace("from: 3, to: 5", "from: 5, to: 3")
    error = broken(text)
    detail_at(error, line_of(text, "from: 5, to: 3"), "overall.bands[1].from", "greater than")


def test_band_rag_and_target() -> None:
    text = GOOD.replace("rag: amber", "rag: orange").replace(
        "target_percent_good: 80", "target_percent_good: 120"
    )
    error = broken(text)
    assert error.message == "rubrics/broken.yaml: 2 problems"
    detail_at(error, line_of(text, "rag: orange"), "overall.bands[1].rag", "red, amber, green")
    detail_at(error, line_of(text, "target_percent_good"), "0 to 100")


def test_no_good_band() -> None:
    text = GOOD.replace("good: true", "good: false")
    error = broken(text)
    assert any("good: true" in d for d in error.details)


def test_condition_on_unknown_field() -> None:
    text = GOOD.replace("applies_when: year_group >= 9", "applies_when: Age! >= 14")
    error = broken(text)
    detail_at(
        error,
        line_of(text, "applies_when"),
        "sections[1].questions[0].applies_when",
        "unexpected character '!'",
    )


def test_condition_on_a_custom_plan_field_loads() -> None:
    text = GOOD.replace("applies_when: year_group >= 9", "applies_when: looked_after == yes")
    rubric = load_rubric_text(text)
    question = next(q for q in rubric.questions() if q.applies_when is not None)
    assert "looked_after" in str(question.applies_when)


def test_condition_that_does_not_parse() -> None:
    text = GOOD.replace("applies_when: year_group >= 9", "applies_when: year_group => 9")
    error = broken(text)
    detail_at(error, line_of(text, "applies_when"), "applies_when", "column")


def test_theme_reference_that_does_not_exist() -> None:
    text = GOOD.replace("suggested_themes: [vague]", "suggested_themes: [vauge]")
    error = broken(text)
    detail = detail_at(
        error, line_of(text, "[vauge]"), "sections[0].questions[0].suggested_themes[0]", "vauge"
    )
    assert "did you mean 'vague'" in detail


def test_unknown_key_is_a_typo() -> None:
    text = GOOD.replace(
        "        allows_na: true\n        tags:", "        allow_na: true\n        tags:"
    )
    error = broken(text)
    detail = detail_at(
        error, line_of(text, "allow_na"), "sections[0].questions[1].allow_na", "unknown key"
    )
    assert "did you mean 'allows_na'" in detail


def test_version_key_is_explained() -> None:
    error = broken("version: 2\n" + GOOD)
    detail_at(error, 1, "version", "assigned when the rubric is imported")


def test_missing_required_keys() -> None:
    text = GOOD.replace("title: Tiny rubric\n", "").replace(
        "        text: Is provision quantified?\n", ""
    )
    error = broken(text)
    assert any(d.endswith("title: required key is missing (in a rubric)") for d in error.details)
    detail_at(error, line_of(text, "- id: quantified"), "sections[0].questions[0].text", "missing")


def test_wrong_types() -> None:
    text = GOOD.replace("  min: 1\n  max: 8\n", "  min: one\n  max: 8\n").replace(
        "        allows_na: true\n        tags:", "        allows_na: sometimes\n        tags:"
    )
    error = broken(text)
    detail_at(error, line_of(text, "min: one"), "overall.min", "whole number")
    detail_at(error, line_of(text, "allows_na: sometimes"), "allows_na", "true or false")


def test_yes_no_without_quotes_is_explained() -> None:
    text = GOOD.replace('label: "No"', "label: No")
    error = broken(text)
    detail_at(error, line_of(text, "label: No,"), "label", "quote")


def test_scale_problems() -> None:
    text = GOOD.replace("        good_from: 3\n", "        good_from: 7\n")
    error = broken(text)
    detail_at(error, line_of(text, "good_from: 7"), "good_from", "within min..max")
    text = GOOD.replace("        min: 1\n        max: 4\n", "        min: 4\n        max: 4\n")
    error = broken(text)
    detail_at(error, line_of(text, "        max: 4"), "sections[1].questions[1].max", "greater")
    text = GOOD.replace("          4: Exemplary", "          9: Exemplary")
    error = broken(text)
    detail_at(error, line_of(text, "9: Exemplary"), "levels", "outside the scale 1-4")


def test_options_on_a_scale_and_levels_on_a_choice() -> None:
    text = GOOD.replace(
        "        options: ypn\n        allows_na: true\n",
        "        options: ypn\n        allows_na: true\n        good_from: 2\n",
    )
    error = broken(text)
    detail_at(error, line_of(text, "good_from: 2"), "belongs to scale questions")


def test_empty_options() -> None:
    text = GOOD.replace(
        "        options:\n          - {code: yes_, label: Met, shortfall: false, key: m, "
        "descriptor: All there.}\n          - {code: no_, label: Not met, shortfall: true}\n",
        "        options: []\n",
    )
    assert text != GOOD
    error = broken(text)
    detail_at(error, line_of(text, "options: []"), "sections[1].questions[0].options", "empty")


def test_option_set_must_exist_and_na_is_reserved() -> None:
    text = GOOD.replace(
        "        options: ypn\n        suggested", "        options: yn\n        suggested"
    )
    error = broken(text)
    detail_at(error, line_of(text, "options: yn"), "unknown option set 'yn'")
    text = GOOD.replace("{code: no_,", "{code: NA,")
    error = broken(text)
    detail_at(error, line_of(text, "code: NA"), "reserved")


def test_all_options_shortfall_is_rejected() -> None:
    text = GOOD.replace(
        "{code: yes_, label: Met, shortfall: false", "{code: yes_, label: Met, shortfall: true"
    )
    error = broken(text)
    assert any("every option is a shortfall" in d for d in error.details)


def test_descriptor_for_unknown_code() -> None:
    text = GOOD.replace("          Y: Who, what, how often.", "          X: Who, what, how often.")
    error = broken(text)
    detail_at(error, line_of(text, "X: Who"), "descriptors.X", "no option has code")


def test_reserved_audit_column_as_question_id() -> None:
    text = GOOD.replace("      - id: aspirations\n", "      - id: Plan_Ref\n")
    error = broken(text)
    detail_at(error, line_of(text, "id: Plan_Ref"), "column in audit files")


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = (
        GOOD.replace("from: 3, to: 5", "from: 2, to: 5")
        .replace("type: scale", "type: slider")
        .replace("suggested_themes: [vague]", "suggested_themes: [nope]")
        .replace("applies_when: year_group >= 9", "applies_when: team == red")
    )
    error = broken(text)
    assert error.message == "rubrics/broken.yaml: 4 problems"
    lines = [int(d.split(":")[1]) for d in error.details]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- a\n- b\n", "expected a rubric (a mapping of keys), found a list"),
        ("just text\n", "expected a rubric"),
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("a: !!python/object/apply:os.system [echo]\n", "not valid YAML"),
        ("---\nid: a\n---\nid: b\n", "not valid YAML"),
        ("d: 2020-13-45\n", "unknown key 'd'"),  # an impossible date is kept as text
        # libyaml says "not valid YAML" at the end; pure-Python PyYAML "nested too deeply"
        ("[" * 600, "(yaml): "),
    ],
)
def test_not_a_rubric(text: str, words: str) -> None:
    error = broken(text)
    assert any(words in d for d in error.details), error.details


def test_alias_bomb_is_cheap() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    lines.append("sections: [*h, *h]")
    error = broken("\n".join(lines))
    assert len(error.details) < 50


def test_file_too_big(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(GOOD + "#" * MAX_FILE_BYTES, encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric_file(path)
    assert "too big" in info.value.details[0]
    assert info.value.details[0].startswith(f"{path}:1: ")
    with pytest.raises(RubricError):
        load_rubric_text(GOOD + "#" * MAX_FILE_BYTES)


def test_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(GOOD.replace("For tests.", "Caf\u00e9").encode("cp1252"))
    with pytest.raises(RubricError) as info:
        load_rubric_file(path)
    assert info.value.details[0].startswith(f"{path}:3: ")
    assert "UTF-8" in info.value.details[0]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric_file(tmp_path / "nope.yaml")
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric_file(tmp_path)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    text = GOOD.replace("  - id: later\n", "  - id: later\n    titel: x\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric_file(path)
    line = line_of(text, "titel")
    assert info.value.message.startswith(f"{path}: ")
    assert any(d.startswith(f"{path}:{line}: sections[1].titel: ") for d in info.value.details)


def test_load_rubric_data_rejects_bad_data() -> None:
    with pytest.raises(RubricError) as info:
        load_rubric_data({"id": "x"}, "db")
    assert info.value.message.startswith("db: ")
    assert all(d.startswith("db:1: ") for d in info.value.details)


def test_core_does_not_import_qt() -> None:
    code = (
        "import sys, qa_audit.rubrics.loader, qa_audit.domain.rubric, "
        "qa_audit.domain.conditions; assert 'PySide6' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_documented_examples_are_valid() -> None:
    doc = (HERE.parents[2] / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0] for b in doc.split("```yaml\n")[1:]]
    example = load_rubric_text(blocks[0], "docs/rubric-format.md")
    assert example.question("advice_quality").good_from == 3
    # the format-2 example is a whole rubric too
    ofsted = load_rubric_text(next(b for b in blocks if "best: low" in b), "docs format 2")
    assert ofsted.best_is_low and ofsted.indicators[0].questions == ("social_care_advice",)
    cond_block = next(b for b in blocks if b.startswith("applies_when:"))
    conditions = [line.split(":", 1)[1].strip() for line in cond_block.splitlines()]
    for text in conditions:
        load_rubric_text(blocks[0].replace("applies_when: null", f"applies_when: '{text}'"), "doc")


def test_ids_must_match_exactly() -> None:
    text = GOOD.replace("      - id: aspirations\n", '      - id: "aspirations\\n"\n')
    error = broken(text)
    detail_at(error, line_of(text, 'id: "aspirations'), "sections[1].questions[0].id", "not valid")
