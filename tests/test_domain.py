"""The domain's names (:mod:`jobfirst_sim.domain`) are the ones every room uses, in the
same order: the model's codes, the tables' columns, the schema's keys, the report's rows."""

from __future__ import annotations

from jobfirst_sim import domain, metrics, words
from jobfirst_sim.model.state import ROLE_NAMES, STATUS_NAMES, Role, Status
from jobfirst_sim.report.figures import base, outcomes
from jobfirst_sim.run.staffing import TASK_COLUMNS
from jobfirst_sim.scenario.behaviour import TASK_ORDER
from jobfirst_sim.scenario.population import BENEFITS
from jobfirst_sim.scenario.schema import Scenario


def test_the_model_codes_follow_the_domain_order() -> None:
    """The model names its codes by the domain's tuples, so its enums must count them off
    in the same order (a reordered enum would rename every status or role in the tables)."""
    assert STATUS_NAMES is domain.STATUSES and ROLE_NAMES is domain.ROLES
    assert [(s.value, s.name) for s in Status] == list(enumerate(domain.STATUSES))
    assert [(r.value, r.name) for r in Role] == list(enumerate(domain.ROLES))


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


def test_the_metrics_are_made_for_the_domain_names() -> None:
    assert metrics.STATUS_KEYS is domain.STATUSES and metrics.TASK_KEYS is domain.TASKS
    made = {f"{pre}{s}{post}" for s in domain.STATUSES
            for pre, post in (("share_", ""), ("share_status_", "_end"))}
    made |= {f"{pre}{task}" for task in domain.TASKS for pre in ("hours_", "served_")}
    assert made <= set(metrics.names())
