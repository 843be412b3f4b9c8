"""Figures and the self-contained HTML page of ``jobfirst explain``.

Why apart from :mod:`jobfirst_sim.decide.explain`: the decomposition is pure computation and
must stay importable without plotly (workers, tests, other tools); this module turns an
:class:`~jobfirst_sim.decide.explain.Explanation` into what a workshop can look at offline:
a waterfall of the cumulative path (from arm A's level to exactly A with all of B's levers),
a bar chart of the one-at-a-time effects with their paired 95 % intervals, an "In short"
headline and a paragraph on which levers help, hurt or cannot be told from zero, one
sentence on what the intervals hold (:func:`jobfirst_sim.report.uncertainty.interval_sentence`)
and, under the ensemble, the parameters the total leans on most, and the table. The page
reuses the report's layout (:mod:`jobfirst_sim.report.html`): plotly.js is embedded once,
nothing is fetched from the network, and the file is written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from jobfirst_sim.decide.business.case import YearCase
from jobfirst_sim.decide.explain import (
    VIEW_INTERACTION,
    VIEW_OAT,
    VIEW_PATH,
    VIEW_TOTAL,
    Explanation,
)
from jobfirst_sim.decide.pilot_needed import pilot_need
from jobfirst_sim.decide.shapley import ShapleyResult
from jobfirst_sim.decide.verdicts import (
    HURTS,
    UNCLEAR,
    LeverVerdict,
    carriers,
    matter_most,
    total_interval,
    verdicts,
    weakly_identified,
)
from jobfirst_sim.metrics import Direction, find, is_share, lever_label
from jobfirst_sim.report.ablation import ablation_table_html
from jobfirst_sim.report.business import business_years_section
from jobfirst_sim.report.explain_words import (
    fmt_effect,
    fmt_level,
    lower_first,
    page_names,
    scale_of,
    typed_rows,
    value_text,
    w,
)
from jobfirst_sim.report.figdata import Fig, Figure, trace
from jobfirst_sim.report.figures import style
from jobfirst_sim.report.headline import few_replications_warning, sentence
from jobfirst_sim.report.html import Section, esc, render_page, table_html, write_atomic
from jobfirst_sim.report.in_short import ShortAnswer, add_short, analysts_section
from jobfirst_sim.report.labels import check_lang, t
from jobfirst_sim.report.lever_cost import lever_cost_sections
from jobfirst_sim.report.sweep_headline import bounded
from jobfirst_sim.report.uncertainty import interval_sentence, leaning_sentence


def fig_waterfall(expl: Explanation, lang: str) -> Figure:
    """The cumulative path as a waterfall: A's level, one bar per step, A with all of B."""
    req, names = expl.request, page_names(expl, lang)
    tab = expl.table()
    path = tab[tab["view"] == VIEW_PATH].sort_values("order")
    levels = expl.levels()
    k = scale_of(req.metric)
    x = [w("start", lang, **names), *(lever_label(n, lang) for n in path["lever"]),
         w("end", lang, **names)]
    y = [k * levels["from"]["mean"], *(k * path["effect"]), 0.0]
    text = [fmt_level(levels["from"]["mean"], req.metric, lang),
            *(fmt_effect(e, req.metric, lang, unit=False) for e in path["effect"]),
            fmt_level(levels["all_levers"]["mean"], req.metric, lang)]
    hover = [w("start", lang, **names),
             *(f"{lever_label(r.lever, lang)}: {value_text(r.from_value, lang)} → "
               f"{value_text(r.to_value, lang)}<br>"
               f"{fmt_effect(r.effect, req.metric, lang)} ({w('ci', lang)} "
               f"{fmt_effect(r.ci_low, req.metric, lang)} – "
               f"{fmt_effect(r.ci_high, req.metric, lang)})"
               for r in typed_rows(path)),
             w("end", lang, **names)]
    fig = Fig([trace(
        "waterfall", x=x, y=y, measure=["absolute", *["relative"] * len(path), "total"],
        text=text, textposition="outside", hovertext=hover, hoverinfo="text",
        connector={"line": {"color": "#9aa5b1", "width": 1}},
        increasing={"marker": {"color": "#2a7f62"}},
        decreasing={"marker": {"color": "#c0392b"}},
        totals={"marker": {"color": "#34495e"}},
        showlegend=False,
    )])
    to_level = levels["to_arm"]["mean"]
    if to_level == to_level:
        fig.add_hline(y=k * to_level, line={"dash": "dot", "color": "#7f8c8d"},
                      annotation_text=f"{w('arm_itself', lang, **names)}: "
                      f"{fmt_level(to_level, req.metric, lang)}",
                      annotation_position="top left")
    # the metric's long label as the title's second line, where it has room (on the axis
    # it ran past the figure); the axis keeps the unit
    style(fig, lang, f"{w('waterfall', lang, **names)}<br><sup>{t(req.metric, lang)}</sup>",
          height=620)
    fig.update_layout(margin={"l": 180, "b": 200})
    fig.update_xaxes(tickangle=-35, automargin=True)
    fig.update_yaxes(title_text="%" if is_share(req.metric) else t(req.metric, lang),
                     rangemode="tozero")
    return fig.to_dict()


def fig_one_at_a_time(expl: Explanation, lang: str) -> Figure:
    """One-at-a-time effects, sorted, with paired 95 % CIs (the value in each label).

    The interaction remainder is left out on purpose: it is not a lever, and its interval
    (the noise of every single effect added up) would set the scale and flatten the bars;
    the summary and the table give it with its interval.
    """
    req = expl.request
    tab = expl.table()
    rows = typed_rows(tab[tab["view"] == VIEW_OAT].sort_values("effect", kind="stable"))
    k = scale_of(req.metric)
    labels = [f"{lever_label(r.lever, lang)} ({fmt_effect(r.effect, req.metric, lang, unit=False)})"
              for r in rows]
    eff = np.array([k * r.effect for r in rows], float)
    hi = np.array([k * r.ci_high for r in rows], float) - eff
    lo = eff - np.array([k * r.ci_low for r in rows], float)
    colours = ["#2a7f62" if r.effect >= 0 else "#c0392b" for r in rows]
    fig = Fig([trace(
        "bar", y=labels, x=eff, orientation="h", marker={"color": colours},
        error_x={"type": "data", "array": np.nan_to_num(hi).tolist(),
                 "arrayminus": np.nan_to_num(lo).tolist(), "color": "#444"},
        hovertext=[f"{lever_label(r.lever, lang)}: {value_text(r.from_value, lang)} → "
                   f"{value_text(r.to_value, lang)}<br>{fmt_effect(r.effect, req.metric, lang)}"
                   f" ({w('ci', lang)} {fmt_effect(r.ci_low, req.metric, lang)} – "
                   f"{fmt_effect(r.ci_high, req.metric, lang)})" for r in rows],
        hoverinfo="text", showlegend=False,
    )])
    style(fig, lang, w("oat", lang), height=max(360, 140 + 28 * len(rows)))
    fig.update_layout(margin={"t": 70})
    fig.update_yaxes(automargin=True)
    unit = w("pp", lang) if is_share(req.metric) else t(req.metric, lang)
    fig.update_xaxes(title_text=f"{w('effect', lang)} ({unit})", zeroline=True,
                     zerolinecolor="#333")
    return fig.to_dict()


def fig_shapley(split: ShapleyResult, lang: str) -> Figure:
    """The fair split: each lever's Shapley value with its 95 % interval over replications
    (and, for sampled orders, the Monte Carlo error in the hover), sorted."""
    metric = split.request.metric
    k = scale_of(metric)
    rows = sorted(((lv, split.request.runs.interval(v)) for lv, v in split.parts.items()),
                  key=lambda r: r[1].mean)
    labels = [f"{lever_label(lv, lang)} ({fmt_effect(ci.mean, metric, lang, unit=False)})"
              for lv, ci in rows]
    eff = np.array([k * ci.mean for _, ci in rows], float)
    hi = np.array([k * ci.high for _, ci in rows], float) - eff
    lo = eff - np.array([k * ci.low for _, ci in rows], float)
    hover = []
    for lv, ci in rows:
        text = (f"{lever_label(lv, lang)}: {fmt_effect(ci.mean, metric, lang)} "
                f"({w('ci', lang)} {fmt_effect(ci.low, metric, lang)} – "
                f"{fmt_effect(ci.high, metric, lang)})")
        if shows_error(split):
            text += (f"<br>{error_word(split, lang)} ± "
                     f"{fmt_effect(split.mc_error.get(lv, 0.0), metric, lang, signed=False)}")
        hover.append(text)
    fig = Fig([trace(
        "bar", y=labels, x=eff, orientation="h",
        marker={"color": ["#2a7f62" if e >= 0 else "#c0392b" for e in eff]},
        error_x={"type": "data", "array": np.nan_to_num(hi).tolist(),
                 "arrayminus": np.nan_to_num(lo).tolist(), "color": "#444"},
        hovertext=hover, hoverinfo="text", showlegend=False,
    )])
    style(fig, lang, w("shapley_title", lang), height=max(360, 140 + 28 * len(rows)))
    fig.update_layout(margin={"t": 70})
    fig.update_yaxes(automargin=True)
    unit = w("pp", lang) if is_share(metric) else t(metric, lang)
    fig.update_xaxes(title_text=f"{w('effect', lang)} ({unit})", zeroline=True,
                     zerolinecolor="#333")
    return fig.to_dict()


def shows_error(split: ShapleyResult) -> bool:
    """Whether the parts carry an error: sampled orders, or the exact split averaged over
    more than one member."""
    return split.method == "sampled" or split.request.runs.count > 1


def error_word(split: ShapleyResult, lang: str) -> str:
    """What the parts' error is: over sampled orders, or over members (exact)."""
    return w("shapley_mc" if split.method == "sampled" else "shapley_member_se", lang)


def uncertainty_sentences(expl: Explanation, lang: str) -> str:
    """What the total's interval holds, in one sentence, and (under an ensemble) the
    parameters the total leans on most."""
    text = interval_sentence(expl.headline().to_json(), lang)
    leaning = leaning_sentence([x.to_json() for x in expl.leanings()], lang)
    return f"{text} {leaning}".strip()


def headline(expl: Explanation, lang: str) -> str:
    """The "In short" sentence: B's design against A as it is, on A's citizens, with the
    paired interval (:func:`jobfirst_sim.report.headline.sentence`), and the two or three
    levers that carry the total."""
    req, names = expl.request, page_names(expl, lang)
    if not expl.levers:
        return w("identical", lang)
    lv = expl.levels()
    text = sentence(req.metric, w("end", lang, **names), t("short_baseline", lang, **names),
                    lv["all_levers"]["mean"], lv["from"]["mean"],
                    bounded(total_interval(expl), req.metric, True), lang) + "."
    carry = carriers(expl)
    if carry:
        text += " " + w("carried", lang, items=_verdict_items(carry, req.metric, lang))
    else:
        text += " " + w("no_carrier", lang)
    return text


def _verdict_items(items: list[LeverVerdict], metric: str, lang: str) -> str:
    return _join([f"{lower_first(lever_label(v.lever, lang))} "
                  f"({fmt_effect(v.effect, metric, lang)})" for v in items], lang)


def narrative(expl: Explanation, lang: str) -> str:
    """The plain-language paragraph: total effect, which levers help on their own (only
    those whose whole interval is on the good side of 0 "help most"), which hurt, which
    cannot be told from zero, and how much is interaction."""
    req, names = expl.request, page_names(expl, lang)
    if not expl.levers:
        return w("identical", lang)
    tab = expl.table()
    tot = tab[tab["view"] == VIEW_TOTAL].iloc[0]
    inter = tab[tab["view"] == VIEW_INTERACTION].iloc[0]
    m = req.metric
    parts = [w("total_beats", lang, **names, eff=fmt_effect(float(tot["effect"]), m, lang),
               lo=fmt_effect(float(tot["ci_low"]), m, lang, unit=False),
               hi=fmt_effect(float(tot["ci_high"]), m, lang))]
    all_v = verdicts(expl)
    helping = matter_most(expl)
    hurting = [v for v in all_v if v.verdict == HURTS]
    unclear = [v for v in all_v if v.verdict == UNCLEAR]
    parts.append(w("top3", lang, items=_verdict_items(helping, m, lang)) if helping
                 else w("none_helps", lang))
    if hurting:
        parts.append(w("hurts", lang, items=_verdict_items(hurting, m, lang)))
    if unclear:
        parts.append(w("unclear_list", lang, items=_join(
            [lower_first(lever_label(v.lever, lang)) for v in unclear], lang)))
    weak = weakly_identified([v.lever for v in all_v])
    if weak:
        parts.append(w("weakly_identified", lang, items=_join(
            [f"{lower_first(lever_label(lv, lang))} "
             f"({t('param_' + p.rsplit('.', 1)[-1], lang)})" for lv, p in weak], lang)))
    path = tab[tab["view"] == VIEW_PATH]
    biggest = path.reindex(path["effect"].abs().sort_values(ascending=False, kind="stable")
                           .index).head(3)
    parts.append(w("path_top", lang, items=_join(
        [f"{lower_first(lever_label(r.lever, lang))} ({fmt_effect(r.effect, m, lang)})"
         for r in typed_rows(biggest)], lang)))
    single_sum = sum(v.effect for v in all_v)
    parts.append(w("interaction_text", lang, sum=fmt_effect(single_sum, m, lang),
                   inter=fmt_effect(float(inter["effect"]), m, lang),
                   lo=fmt_effect(float(inter["ci_low"]), m, lang, unit=False),
                   hi=fmt_effect(float(inter["ci_high"]), m, lang)))
    return " ".join(parts)


def _join(items: list[str], lang: str) -> str:
    """``a, b og c`` / ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {w('and', lang)} " + items[-1]


def _table(expl: Explanation, lang: str) -> str:
    req = expl.request
    tab = expl.table()
    rows = []
    for r in typed_rows(tab):
        name = (lever_label(r.lever, lang) if r.view in (VIEW_OAT, VIEW_PATH) else
                w(r.view, lang))
        change = (f"{value_text(r.from_value, lang)} → {value_text(r.to_value, lang)}"
                  if r.from_value else "")
        rows.append([name, w(r.view, lang), r.order if r.view == VIEW_PATH else "", change,
                     fmt_effect(r.effect, req.metric, lang, unit=False),
                     f"{fmt_effect(r.ci_low, req.metric, lang, unit=False)} – "
                     f"{fmt_effect(r.ci_high, req.metric, lang, unit=False)}"])
    unit = w("pp", lang) if is_share(req.metric) else t(req.metric, lang)
    header = [w("lever", lang), w("view", lang), w("step", lang), w("from_to", lang),
              f"{w('effect', lang)} ({unit})", w("ci", lang)]
    return table_html(rows, header, numeric={2, 4, 5}, wrap=True)


def beats(expl: Explanation) -> bool:
    """Whether B's design clearly beats A's on A's citizens: a metric where more is better
    and a total effect whose whole 95 % interval is above 0. Otherwise the page asks the
    neutral question, so it never claims a win the numbers do not show."""
    total = [r for r in typed_rows(expl.table()) if r.view == VIEW_TOTAL]
    low = total[0].ci_low if total else float("nan")
    metric = find(expl.request.metric)
    return metric is not None and metric.direction is Direction.more and bool(low > 0)


def short_answer(expl: Explanation, lang: str, business: YearCase | None = None
                 ) -> ShortAnswer:
    """The first screen (:mod:`jobfirst_sim.report.in_short`): the "In short" sentence,
    the headline, the business case and the pilot that would show the total effect."""
    req = expl.request
    head = expl.headline().to_json()
    warning = few_replications_warning(req.replications * req.runs.count, lang)
    return ShortAnswer(
        sentence=headline(expl, lang), headline=head,
        how_sure=[interval_sentence(head, lang)] if expl.levers else [], case=business,
        need=pilot_need(head, req.scenario, req.arm_from, req.benefit) if expl.levers
        else None, notes=[warning] if warning else [])


def build_html(expl: Explanation, lang: str = "da", split: ShapleyResult | None = None,
               extra: Sequence[Section] = (), business: YearCase | None = None
               ) -> tuple[str, list[Figure]]:
    """The page and its figures (figures returned for tests and PNG export): first the
    short answer with ``business``, the case by payer and year
    (:mod:`jobfirst_sim.decide.business.of_explain`), then for analysts the levers; with
    ``split`` (``--shapley``) a section with the fair split after the one-at-a-time view;
    the case in full and ``extra`` sections (the ablation table) go before the method."""
    check_lang(lang)
    req, names = expl.request, page_names(expl, lang)
    title = w("title" if beats(expl) else "title_not", lang, **names)
    subtitle = w("subtitle", lang, **{**names, "metric": t(req.metric, lang)},
                 reps=req.replications, seed=req.seed)
    if req.members is not None:
        subtitle = w("subtitle_members", lang, **{**names, "metric": t(req.metric, lang)},
                     runs=w("runs_members", lang, members=req.runs.count,
                            reps=req.replications), seed=req.seed)
    summary = Section("summary", w("summary", lang))
    figures = add_short(summary, short_answer(expl, lang, business), lang, "explain_short")
    levers = Section("levers", t("short_levers", lang))
    levers.add_html(f"<p>{esc(narrative(expl, lang))}</p>")
    leaning = leaning_sentence([x.to_json() for x in expl.leanings()], lang)
    if leaning:
        levers.add_html(f'<p class="uncertainty">{esc(leaning)}</p>')
    sections = [summary, analysts_section(lang, "short_analysts_intro_explain"), levers]
    if expl.levers:
        wf, oat = fig_waterfall(expl, lang), fig_one_at_a_time(expl, lang)
        figures = [wf, oat]
        s1 = Section("waterfall", w("waterfall", lang, **names),
                     w("waterfall_intro", lang, **names))
        s1.add_figure("explain_waterfall", wf)
        s2 = Section("one_at_a_time", w("oat", lang), w("oat_intro", lang, **names))
        s2.add_figure("explain_one_at_a_time", oat)
        s3 = Section("table", w("table", lang))
        s3.add_html(_table(expl, lang))
        sections += [s1, s2]
        if split is not None and split.parts:
            figures.append(fs := fig_shapley(split, lang))
            s_sh = Section("shapley", w("shapley_title", lang),
                           w("shapley_heading", lang, method=w(
                               f"shapley_{split.method}", lang, orders=split.orders)))
            s_sh.add_figure("explain_shapley", fs)
            sections += [s_sh, *lever_cost_sections(split, lang)]
        sections.append(s3)
    # what rests on sources (report/ablation.py): how much of the trial's JobFirst gap is
    # left with the unsourced one-arm multipliers at neutral -- on every explain page,
    # since every explanation leans on those multipliers
    table = ablation_table_html(lang, heading=False)
    if table:
        ablation = Section("ablation", t("abl_title", lang))
        ablation.add_html(table)
        sections.append(ablation)
    if business is not None:
        years_sec, years_figs = business_years_section(business, lang,
                                                       req.scenario.economics.price_year)
        sections.append(years_sec)
        figures += years_figs
    sections += list(extra)
    method = Section("method", w("method", lang))
    method.add_html(f"<p>{esc(w('method_text', lang, **names))}</p>")
    if req.members is not None:
        method.add_html(f"<p>{esc(w('method_members', lang, members=req.runs.count))}</p>")
    sections.append(method)
    return render_page(title, subtitle, lang, sections), figures


def write_html(expl: Explanation, path: Path, lang: str = "da",
               split: ShapleyResult | None = None, extra: Sequence[Section] = (),
               business: YearCase | None = None) -> Path:
    """Write ``explain.html`` atomically (self-contained, works offline)."""
    page, _ = build_html(expl, lang, split, extra, business)
    return write_atomic(Path(path), page)


def terminal_text(expl: Explanation, lang: str = "da") -> str:
    """What ``jobfirst explain`` prints: the "In short" headline first, a plain warning when
    the replications are too few, then one line per lever in the registry's words
    (never a field path), with its verdict, in ``lang``."""
    check_lang(lang)
    req = expl.request
    lines = [f"{w('summary', lang)}: {headline(expl, lang)}"]
    if expl.levers:
        lines.append(uncertainty_sentences(expl, lang))
    warning = few_replications_warning(req.replications * req.runs.count, lang)
    if warning:
        lines.append(f"! {warning}")
    if not expl.levers:
        return "\n".join(lines)
    m = req.metric
    names = {v.lever: lever_label(v.lever, lang) for v in verdicts(expl)}
    width = max(24, *(len(n) for n in names.values()))
    unit = w("pp", lang) if is_share(m) else t(m, lang)
    lines.append(f"  {w('lever', lang):<{width}}  {w('effect', lang)} ({unit}), "
                 f"{w('ci', lang)}")
    for v in verdicts(expl):
        ci = (f"{fmt_effect(v.low, m, lang, unit=False)} – "
              f"{fmt_effect(v.high, m, lang, unit=False)}")
        lines.append(f"  {names[v.lever]:<{width}}  {fmt_effect(v.effect, m, lang, unit=False):>6}"
                     f"  [{ci}]  {w('verdict_' + v.verdict, lang)}")
    lines.append("  " + narrative(expl, lang).split(". ", 1)[-1])
    return "\n".join(lines)


def shapley_text(split: ShapleyResult, lang: str = "da") -> str:
    """The Shapley split in the terminal: one line per lever, in the registry's words, with
    the 95 % interval over replications and, for sampled orders, the Monte Carlo error."""
    metric = split.request.metric
    head = w("shapley_heading", lang, method=w(f"shapley_{split.method}", lang,
                                               orders=split.orders))
    lines = [head]
    rows = [*split.parts.items(), ("total", split.total)]
    for lever, values in rows:
        ci = split.request.runs.interval(values)
        name = w("shapley_total", lang) if lever == "total" else lever_label(lever, lang)
        err = split.mc_error.get(lever, 0.0)
        mc = (f"  ± {fmt_effect(err, metric, lang, signed=False)} {error_word(split, lang)}"
              if shows_error(split) and lever != "total" else "")
        lines.append(f"  {name:<44s} {fmt_effect(ci.mean, metric, lang):>7s}  "
                     f"[{fmt_effect(ci.low, metric, lang, unit=False)} – "
                     f"{fmt_effect(ci.high, metric, lang, unit=False)}]{mc}")
    return "\n".join(lines)
