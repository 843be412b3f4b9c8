"""Every metric declares what it is taken over, and the declarations are what the model
computes: numerators and denominators are the recorder's sums and the citizens' columns
the tables are made from, and each weekly column is its numerator over its denominator."""

from __future__ import annotations

import numpy as np
import pytest
from small import small_trial

from jobfirst_sim import metric_basis as mb
from jobfirst_sim import metrics, pooling
from jobfirst_sim.metric_basis import COUNT_COLUMNS, COUNT_SUMS, ROWS, Over, Pool, Table
from jobfirst_sim.model.jobcentre import JobcentreModel
from jobfirst_sim.model.observe.outcomes import citizen_columns
from jobfirst_sim.model.observe.recorder import WEEKLY_SUMS
from jobfirst_sim.model.observe.tables import (
    PANEL_COLUMNS,
    companies_table,
    funnel_table,
    outcomes_table,
    staff_table,
    weekly_table,
)


@pytest.fixture(scope="module")
def model() -> JobcentreModel:
    """A small trial run to its end (80 weeks of follow-up: week 78 is observed)."""
    m = JobcentreModel(small_trial(60, 20, weeks=80), 3, 0)
    while m.week < m.total_weeks:
        m.step()
    return m


def test_every_metric_declares_all_four_fields() -> None:
    assert mb.undeclared() == []
    assert list(mb.BASES) == metrics.names()
    for name, b in mb.BASES.items():
        assert isinstance(b.table, Table) and b.numerator.strip(), name
        assert isinstance(b.denominator, Over), name
        assert isinstance(b.week, mb.WeekBasis), name
        assert isinstance(b.benefits, Pool) and isinstance(b.municipalities, Pool), name
        assert b.why.strip(), name
        assert (b.weekly is None) == (b.at_week is None), name


def test_an_undeclared_metric_fails_clearly() -> None:
    with pytest.raises(KeyError, match="declares no basis"):
        mb.basis("share_with_hours_w77")


def test_weekly_declarations_are_the_recorders_sums(model: JobcentreModel) -> None:
    weekly = weekly_table(model)
    rec = model.recorder
    sums = dict(zip(WEEKLY_SUMS, rec.sums, strict=True))
    kept = sums["n"] > 0  # the weekly table drops empty cells, in cell order
    declared = [n for n, b in mb.BASES.items() if b.table is Table.weekly]
    assert declared == [c for c in weekly.columns if c not in metrics.WEEKLY_KEYS]
    # the registry alone computes the table's columns, bit for bit and in its order
    from_registry = pooling.weekly_columns(sums)
    assert list(from_registry) == declared
    for name, col in from_registry.items():
        np.testing.assert_array_equal(weekly[name].to_numpy(), col[kept], err_msg=name)
    for name in declared:
        b = mb.basis(name)
        assert b.numerator in WEEKLY_SUMS, name
        assert b.benefits is Pool.denominator and b.municipalities is Pool.not_split, name
        assert set(COUNT_COLUMNS[b.denominator]) <= set(weekly.columns), name
        with np.errstate(invalid="ignore", divide="ignore"):
            expect = (sums[b.numerator] / sums[COUNT_SUMS[b.denominator]])[kept]
        np.testing.assert_array_equal(weekly[name].to_numpy(), expect, err_msg=name)
        # the count the table gives for the denominator is the recorder's count
        count = np.prod([weekly[c].to_numpy(float) for c in COUNT_COLUMNS[b.denominator]],
                        axis=0)
        np.testing.assert_allclose(count, sums[COUNT_SUMS[b.denominator]][kept], rtol=1e-12,
                                   err_msg=name)


def test_outcome_declarations_name_the_citizens_columns(model: JobcentreModel) -> None:
    cols = citizen_columns(model)
    outcomes = set(outcomes_table(model)["metric"])
    assert all(Table.outcomes in (mb.basis(n).table, *mb.basis(n).also) for n in outcomes)
    for name, b in mb.BASES.items():
        if b.table is not Table.outcomes:
            continue
        assert b.benefits is Pool.citizens and b.municipalities is Pool.citizens, name
        parts = [] if b.numerator == ROWS else b.numerator.split(" + ")
        assert all(p in cols for p in parts), (name, parts)
        if not name.endswith(("_stock", "_inflow")):  # calendar mode only
            assert name in outcomes, name
        if b.denominator is Over.observed:
            # taken over those observed that week: the column is NaN for the others
            assert cols[b.numerator].dtype.kind == "f", name
    # the outcome read at week 78 is the weekly column at own week 78
    for name in ("share_with_hours_w78", "mean_wage_hours_w78"):
        b = mb.basis(name)
        assert b.at_week == 78 and b.week is mb.WeekBasis.own
        assert b.weekly is not None and mb.basis(b.weekly).table is Table.weekly


def test_the_other_tables_hold_what_they_declare(model: JobcentreModel) -> None:
    tables = {Table.staff: staff_table(model), Table.funnel: funnel_table(model),
              Table.companies: companies_table(model)}
    weight = {Pool.professionals: "n_professionals", Pool.fte: "fte"}
    for name, b in mb.BASES.items():
        if b.table is Table.person:
            assert name in PANEL_COLUMNS, name
            continue
        if b.table not in tables:
            continue
        df = tables[b.table]
        if name != "conversion_rate":  # derived: conversions per placement
            assert name in df.columns, name
        else:
            assert {b.numerator, "placements"} <= set(df.columns)
        for pool in (b.benefits, b.municipalities):
            if pool in weight:
                assert weight[pool] in df.columns, name
        if b.table is not Table.funnel:
            assert "benefit" not in df.columns and b.benefits is Pool.not_split, name


def test_count_columns_only_for_weekly_means() -> None:
    assert mb.count_columns("share_wage_hours") == ("n",)
    assert mb.count_columns("mean_wage_hours_if_any") == ("n", "share_wage_hours")
    assert mb.count_columns("mean_placement_fit") == ("n", "share_in_placement")
    assert mb.count_columns("share_with_hours_w78") == ()
