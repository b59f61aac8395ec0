"""Rubric files: the shipped rubrics, the contract JSON, and precise errors for bad files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain.rubric import NA, Band, Question, Rubric
from qa_audit.errors import RubricError
from qa_audit.paths import bundled
from qa_audit.rubrics.loader import (
    MAX_FILE_BYTES,
    content_hash,
    load_rubric_data,
    load_rubric_file,
    load_rubric_text,
    shipped_rubric_files,
)

HERE = Path(__file__).resolve()
SCHEMAS = HERE.parents[1] / "schemas"  # copy kept in the repo (CI clones it alone)
SHARED_SCHEMAS = HERE.parents[3] / "shared" / "schemas"
SHIPPED_IDS = {"multi-agency-ehcp", "dco-health-advice", "pfa-year9", "annual-review"}


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped() -> dict[str, Rubric]:
    rubrics = [load_rubric_file(p) for p in shipped_rubric_files()]
    return {r.id: r for r in rubrics}


# A small valid rubric; the broken-file tests each change one thing in it.
GOOD = """\
id: tiny
title: Tiny rubric
description: For tests.
sources: [SEND Code of Practice 9.69]
overall:
  min: 1
  max: 8
  target_percent_good: 80
  bands:
    - {label: Inadequate, from: 1, to: 2, good: false, rag: red}
    - {label: Requires improvement, from: 3, to: 5, good: false, rag: amber}
    - {label: Good, from: 6, to: 8, good: true, rag: green}
agencies:
  - {id: sen_casework, label: SEN casework}
  - {id: health, label: Health}
themes:
  - {id: vague, label: Vague provision}
  - {id: voice_missing, label: Voice missing, description: No views.}
option_sets:
  ypn:
    - {code: Y, label: "Yes", shortfall: false, key: y}
    - {code: P, label: Partly, shortfall: true, key: p}
    - {code: N, label: "No", shortfall: true, key: n}
sections:
  - id: provision
    title: Provision
    guidance: Section F.
    questions:
      - id: quantified
        text: Is provision quantified?
        options: ypn
        suggested_themes: [vague]
        tags: [provision]
        evidence_section: f
        descriptors:
          Y: Who, what, how often.
      - id: health_provision
        text: Is health provision specified?
        options: ypn
        allows_na: true
        tags: [health, provision]
  - id: later
    title: Later
    questions:
      - id: aspirations
        text: Are aspirations recorded?
        applies_when: year_group >= 9
        options:
          - {code: yes_, label: Met, shortfall: false, key: m, descriptor: All there.}
          - {code: no_, label: Not met, shortfall: true}
      - id: advice_quality
        text: How good is the advice?
        type: scale
        min: 1
        max: 4
        good_from: 3
        allows_na: true
        levels:
          1: Poor
          4: Exemplary
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return found[occurrence - 1]


def broken(text: str, source: str = "rubrics/broken.yaml") -> RubricError:
    with pytest.raises(RubricError) as info:
        load_rubric_text(text, source)
    error = info.value
    assert error.message.startswith(f"{source}: ")
    assert "\n" not in error.message
    assert error.details, "every rubric error must list its problems"
    for detail in error.details:
        assert detail.startswith(f"{source}:")
    return error


def detail_at(error: RubricError, line: int, *words: str) -> str:
    """The detail reported on ``line`` that contains all ``words``."""
    for detail in error.details:
        if detail.startswith(f"rubrics/broken.yaml:{line}: ") and all(w in detail for w in words):
            return detail
    raise AssertionError(f"no problem on line {line} with {words}: {error.details}")


# --------------------------------------------------------------- shipped rubrics


def test_schema_copy_matches_the_shared_contract() -> None:
    if not SHARED_SCHEMAS.is_dir():
        pytest.skip("shared contract folder not present (repository cloned alone)")
    for name in ("rubric", "rubric-list"):
        copy = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        shared = json.loads((SHARED_SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert copy == shared


def test_four_rubrics_are_shipped(shipped: dict[str, Rubric]) -> None:
    assert set(shipped) == SHIPPED_IDS
    assert all(p.suffix == ".yaml" for p in shipped_rubric_files())
    assert len(shipped_rubric_files()) == 4


@pytest.mark.parametrize("rubric_id", sorted(SHIPPED_IDS))
def test_shipped_contract_json_validates(shipped: dict[str, Rubric], rubric_id: str) -> None:
    rubric = shipped[rubric_id]
    data = json.loads(json.dumps(rubric.to_contract_dict(3)))
    jsonschema.validate(data, schema("rubric"))
    assert data["id"] == rubric_id
    assert data["version"] == 3
    assert data["title"] == rubric.title
    listing = [{"id": rubric.id, "version": 3, "title": rubric.title}]
    jsonschema.validate(listing, schema("rubric-list"))


@pytest.mark.parametrize("rubric_id", sorted(SHIPPED_IDS))
def test_shipped_round_trip(shipped: dict[str, Rubric], rubric_id: str) -> None:
    rubric = shipped[rubric_id]
    stored = json.loads(json.dumps(rubric.to_dict()))
    assert Rubric.from_dict(stored) == rubric
    assert load_rubric_data(stored) == rubric  # to_dict is itself a valid rubric
    assert load_rubric_text(json.dumps(stored)) == rubric  # JSON is YAML
    assert content_hash(Rubric.from_dict(stored)) == content_hash(rubric)


@pytest.mark.parametrize("rubric_id", sorted(SHIPPED_IDS))
def test_shipped_rubrics_are_complete(shipped: dict[str, Rubric], rubric_id: str) -> None:
    rubric = shipped[rubric_id]
    assert rubric.sources
    assert rubric.description
    theme_ids = {t.id for t in rubric.themes}
    for question in rubric.questions():
        assert question.evidence_section, question.id
        assert question.tags, question.id
        assert question.suggested_themes, question.id
        assert set(question.suggested_themes) <= theme_ids
        if question.type == "choice":
            assert all(o.descriptor for o in question.options), question.id
            assert all(o.key for o in question.options), question.id
        else:
            assert len(question.level_descriptors) == question.max - question.min + 1
    text = next(p for p in shipped_rubric_files() if load_rubric_file(p).id == rubric_id)
    header = text.read_text(encoding="utf-8").split("\nid:")[0]
    assert "Code of Practice" in header or "Regulations" in header


def test_multi_agency_rubric(shipped: dict[str, Rubric]) -> None:
    rubric = shipped["multi-agency-ehcp"]
    assert [a.id for a in rubric.agencies] == [
        "sen_casework",
        "ep",
        "health",
        "social_care",
        "school_setting",
    ]
    assert (rubric.overall.min, rubric.overall.max) == (1, 8)
    assert rubric.overall.target_percent_good == 80.0
    assert [(b.label, b.from_, b.to, b.good, b.rag) for b in rubric.overall.bands] == [
        ("Inadequate", 1, 2, False, "red"),
        ("Requires improvement", 3, 5, False, "amber"),
        ("Good", 6, 8, True, "green"),
    ]
    assert rubric.question("pfa_aspirations").applies_when == "year_group >= 9"
    assert rubric.question("direct_payments_recorded").applies_when == "direct_payments == yes"
    assert {"health_advice_quality", "needs_health"} <= {
        q.id for q in rubric.questions_tagged("health")
    }
    assert rubric.questions_tagged("social_care")
    q = rubric.question("provision_education")
    assert [(o.code, o.label, o.shortfall, o.key) for o in q.options] == [
        ("Y", "Yes", False, "y"),
        ("P", "Partly", True, "p"),
        ("N", "No", True, "n"),
    ]
    assert "9.69" in rubric.section("provision").guidance
    # year 5 plan without direct payments: PfA and Section J questions do not apply
    ids = {q.id for q in rubric.applicable_questions({"year_group": 5, "direct_payments": "no"})}
    assert "pfa_aspirations" not in ids
    assert "direct_payments_recorded" not in ids
    assert "pfa_aspirations" in {q.id for q in rubric.applicable_questions({})}


def test_dco_rubric_has_health_scale_questions(shipped: dict[str, Rubric]) -> None:
    rubric = shipped["dco-health-advice"]
    scales = [q for q in rubric.questions() if q.type == "scale"]
    assert scales
    q = rubric.question("provision_specificity")
    assert (q.min, q.max, q.good_from) == (1, 4, 3)
    assert q.level_descriptor(4)
    assert all("health" in q.tags for q in rubric.questions())
    assert [b.good for b in rubric.overall.bands] == [False, False, True, True]
    assert rubric.band_for(4).label == "Outstanding"


def test_dco_rubric_rates_one_advice_return(shipped: dict[str, Rubric]) -> None:
    """Issue 17: specific, current, outcome-focused, provision quantified, "not known"
    handled; timeliness comes from the register (no question) against Ealing's targets."""
    import datetime as dt

    rubric = shipped["dco-health-advice"]
    assert rubric.unit == "advice_return"
    ids = {q.id for q in rubric.questions()}
    assert {"needs_affecting_education", "advice_current", "outcomes_smart",
            "provision_specificity", "not_known_handled"} <= ids
    assert not any("within 6 weeks" in q.text or "returned" in q.id for q in rubric.questions())
    nk = rubric.question("not_known_handled")
    assert nk.allows_na and nk.is_shortfall("NK") and "not_known" in nk.tags
    t = rubric.timeliness_targets
    assert (t.in_force(dt.date(2019, 4, 30)), t.in_force(dt.date(2019, 5, 1))) == (90.0, 98.0)
    assert any("Ealing" in s for s in rubric.sources)
    assert rubric.to_contract_dict(1)["unit"] == "advice_return"
    assert Rubric.from_dict(rubric.to_dict()) == rubric


def test_timeliness_targets_only_on_advice_return_rubrics(tmp_path: Path) -> None:
    text = bundled("rubrics", "dco-health-advice.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan-unit.yaml"
    path.write_text(text.replace("unit: advice_return", "unit: plan"), encoding="utf-8")
    with pytest.raises(RubricError) as err:
        load_rubric_file(path)
    text = "\n".join(err.value.details)
    assert "timeliness" in text and "advice_return" in text


def test_pfa_rubric(shipped: dict[str, Rubric]) -> None:
    rubric = shipped["pfa-year9"]
    ids = {q.id for q in rubric.questions()}
    assert {
        "aspirations_recorded",
        "employment_education",
        "independent_living",
        "friends_community",
        "good_health",
        "care_act_transition",
        "mental_capacity",
        "careers_guidance",
    } <= ids
    assert all("pfa" in q.tags for q in rubric.questions())


# -------------------------------------------------------------- domain behaviour


@pytest.fixture
def tiny() -> Rubric:
    return load_rubric_text(GOOD, "tiny.yaml")


def test_good_rubric_loads(tiny: Rubric) -> None:
    assert tiny.id == "tiny"
    assert tiny.sources == ("SEND Code of Practice 9.69",)
    assert [s.id for s in tiny.sections] == ["provision", "later"]
    assert [q.id for q in tiny.questions()] == [
        "quantified",
        "health_provision",
        "aspirations",
        "advice_quality",
    ]
    q = tiny.question("quantified")
    assert q.evidence_section == "F"
    assert q.options[0].descriptor == "Who, what, how often."
    assert q.options[1].descriptor == ""
    assert tiny.question("health_provision").evidence_section is None
    assert tiny.theme("voice_missing").description == "No views."
    assert tiny.agency("health").label == "Health"
    assert tiny.section_of("advice_quality").id == "later"
    scale = tiny.question("advice_quality")
    assert dict(scale.level_descriptors) == {1: "Poor", 4: "Exemplary"}
    assert scale.level_descriptor(2) == ""
    hash(tiny)  # frozen and hashable all the way down


def test_lookups_fail_loudly(tiny: Rubric) -> None:
    with pytest.raises(KeyError):
        tiny.question("nope")
    with pytest.raises(KeyError):
        tiny.theme("nope")
    with pytest.raises(KeyError):
        tiny.agency("nope")
    assert not tiny.has_question("nope")


def test_bands(tiny: Rubric) -> None:
    assert tiny.band_for(1).label == "Inadequate"
    assert tiny.band_for(5).rag == "amber"
    assert tiny.band_for(6) == Band("Good", 6, 8, True, "green")
    assert [tiny.is_good(g) for g in range(1, 9)] == [False] * 5 + [True] * 3
    for grade in (0, 9):
        with pytest.raises(ValueError, match="outside 1-8"):
            tiny.band_for(grade)


@pytest.mark.parametrize(
    ("qid", "raw", "expected"),
    [
        ("quantified", "y", "Y"),
        ("quantified", " P ", "P"),
        ("quantified", "N", "N"),
        ("quantified", "NA", None),  # not allowed on this question
        ("quantified", "x", None),
        ("quantified", "", None),
        ("quantified", "Yes", None),  # labels are not codes
        ("health_provision", "n/a", NA),
        ("health_provision", "N/A", NA),
        ("health_provision", "na", NA),
        ("health_provision", "n", "N"),
        ("aspirations", "YES_", "yes_"),
        ("advice_quality", "3", "3"),
        ("advice_quality", " 4 ", "4"),
        ("advice_quality", "2.0", "2"),
        ("advice_quality", "2.5", None),
        ("advice_quality", "5", None),
        ("advice_quality", "0", None),
        ("advice_quality", "NA", NA),
        ("advice_quality", "nan", None),
    ],
)
def test_normalise_answer(tiny: Rubric, qid: str, raw: str, expected: str | None) -> None:
    assert tiny.question(qid).normalise_answer(raw) == expected


def test_valid_answers(tiny: Rubric) -> None:
    assert tiny.question("quantified").valid_answers() == ["Y", "P", "N"]
    assert tiny.question("health_provision").valid_answers() == ["Y", "P", "N", "NA"]
    assert tiny.question("advice_quality").valid_answers() == ["1", "2", "3", "4", "NA"]


def test_is_shortfall(tiny: Rubric) -> None:
    q = tiny.question("health_provision")
    assert not q.is_shortfall("Y")
    assert q.is_shortfall("p")
    assert q.is_shortfall("N")
    assert not q.is_shortfall("NA")
    assert not q.is_shortfall("")
    with pytest.raises(ValueError, match="not an answer"):
        q.is_shortfall("maybe")
    scale = tiny.question("advice_quality")
    assert [scale.is_shortfall(str(n)) for n in range(1, 5)] == [True, True, False, False]
    assert not scale.is_shortfall("NA")


def test_applies_to(tiny: Rubric) -> None:
    q = tiny.question("aspirations")
    assert q.applies_to({"year_group": 9})
    assert not q.applies_to({"year_group": "R"})
    assert q.applies_to({})
    assert tiny.question("quantified").applies_to({"year_group": 1})


def test_question_defaults_make_simple_questions_easy() -> None:
    q = Question(id="q", text="Q?")
    assert q.type == "choice"
    assert not q.allows_na
    assert q.applies_to({"year_group": 1})


def test_round_trip_is_lossless(tiny: Rubric) -> None:
    data = tiny.to_dict()
    again = Rubric.from_dict(json.loads(json.dumps(data)))
    assert again == tiny
    assert again.to_dict() == data
    assert again.question("advice_quality").level_descriptors == ((1, "Poor"), (4, "Exemplary"))
    assert load_rubric_data(json.loads(json.dumps(data))) == tiny


def test_contract_dict_shape(tiny: Rubric) -> None:
    data = tiny.to_contract_dict(2)
    jsonschema.validate(data, schema("rubric"))
    assert list(data)[:3] == ["id", "version", "title"]
    assert data["overall"]["bands"][2] == {
        "label": "Good",
        "from": 6,
        "to": 8,
        "good": True,
        "rag": "green",
        "description": "",
    }
    choice = data["sections"][0]["questions"][0]
    assert choice["options"][0]["code"] == "Y"
    assert "min" not in choice
    scale = data["sections"][1]["questions"][1]
    assert (scale["min"], scale["max"], scale["good_from"]) == (1, 4, 3)
    assert "options" not in scale
    assert data["sections"][1]["questions"][0]["applies_when"] == "year_group >= 9"
    assert data["sections"][0]["questions"][0]["applies_when"] is None


def test_content_hash_tracks_content(tiny: Rubric) -> None:
    digest = content_hash(tiny)
    assert len(digest) == 64
    assert content_hash(load_rubric_text(GOOD + "\n# a comment\n")) == digest
    changed = load_rubric_text(GOOD.replace("Is provision quantified?", "Quantified?"))
    assert content_hash(changed) != digest


def test_target_may_be_null() -> None:
    rubric = load_rubric_text(GOOD.replace("target_percent_good: 80", "target_percent_good: null"))
    assert rubric.overall.target_percent_good is None
    jsonschema.validate(rubric.to_contract_dict(1), schema("rubric"))


def test_bands_may_be_written_in_any_order() -> None:
    text = GOOD.replace(
        "    - {label: Inadequate, from: 1, to: 2, good: false, rag: red}\n", ""
    ).replace(
        "    - {label: Good, from: 6, to: 8, good: true, rag: green}\n",
        "    - {label: Good, from: 6, to: 8, good: true, rag: green}\n"
        "    - {label: Inadequate, from: 1, to: 2, good: false, rag: red}\n",
    )
    rubric = load_rubric_text(text)
    assert [b.from_ for b in rubric.overall.bands] == [1, 3, 6]


def test_load_rubric_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_rubric_file(path).id == "tiny"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))  # BOM from Windows editors
    assert load_rubric_file(str(path)).id == "tiny"


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
