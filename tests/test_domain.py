"""The domain's names (:mod:`jobfirst_sim.domain`) are the ones every room uses, in the
same order: the model's codes, the tables' columns, the schema's keys, the report's rows."""

from __future__ import annotations

from jobfirst_sim import domain, metrics, words
from jobfirst_sim.model.state import ROLE_NAMES, STATUS_NAMES
from jobfirst_sim.report.figures import base, outcomes
from jobfirst_sim.run.staffing import TASK_COLUMNS
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.population import BENEFITS
from jobfirst_sim.scenario.schema import Scenario


def test_the_model_codes_follow_the_domain_order() -> None:
    assert STATUS_NAMES == domain.STATUSES
    assert ROLE_NAMES == domain.ROLES


def test_the_schema_validates_the_domain_names() -> None:
    assert tuple(TASK_ORDER) == domain.TASKS
    assert tuple(BENEFITS) == domain.BENEFITS
    props = Scenario.model_json_schema()["$defs"]
    assert tuple(props["StaffRole"]["enum"]) == domain.ROLES
    assert tuple(props["ArmRole"]["enum"]) == domain.ARM_ROLES


def test_tables_and_report_read_the_domain() -> None:
    assert TASK_COLUMNS is domain.TASKS
    assert (*domain.TASKS, "unused") == outcomes.TASKS
    assert (base.BENEFIT_ORDER, base.STATUS_ORDER, base.ROLE_ORDER, base.TASK_ORDER) == (
        domain.BENEFITS, domain.STATUSES, domain.ROLES, domain.TASK_LEVELS)


def test_every_name_has_its_words() -> None:
    """The report shows each name; a metric per status and per task is declared."""
    for name in (*domain.BENEFITS, *domain.STATUSES, *domain.ROLES, *domain.TASK_LEVELS):
        assert words.has(name), name
    assert all(words.has(f"task_{task}") for task in domain.TASKS)
    assert all(metrics.find(f"share_{s}") is not None for s in domain.STATUSES)
