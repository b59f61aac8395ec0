"""Rubric files: the shipped rubrics, the contract JSON, and precise errors for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from qa_audit.domain.rubric import NA, Band, Question, Rubric
from qa_audit.errors import RubricError
from qa_audit.paths import bundled
from qa_audit.rubrics.loader import (
    content_hash,
    load_rubric_data,
    load_rubric_file,
    load_rubric_text,
    shipped_rubric_files,
)
from tests.rubric_samples import GOOD

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
