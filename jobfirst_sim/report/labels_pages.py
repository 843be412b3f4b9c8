"""Words of the pages a manager reads first: explain verdicts, the sweep's "In short" and
header, sampled views in the browser.

Why a module of its own: :mod:`jobfirst_sim.report.labels` is the one table every page
looks words up in; these entries are part of it (merged there, keys must not clash) and
live apart only to keep each file short.
"""

from __future__ import annotations

from typing import Final

PAGE_LABELS: Final[dict[str, tuple[str, str]]] = {
    "explain_carried": ("Det bæres især af {items}.", "It is carried mainly by {items}."),
    "explain_no_carrier": (
        "Intet enkelt greb kan alene skelnes fra 0; effekten kommer fra grebene sammen.",
        "No single lever can be told from 0 on its own; the effect comes from the levers "
        "together.",
    ),
    "explain_none_helps": (
        "Intet greb hjælper tydeligt alene (for intet greb ligger hele intervallet på den "
        "gode side af 0).",
        "No lever clearly helps on its own (for none of them is the whole interval on the "
        "good side of 0).",
    ),
    "explain_hurts": ("Greb, der trækker ned alene: {items}.",
                      "Levers that pull down on their own: {items}."),
    "explain_unclear_list": (
        "Kan ikke skelnes fra 0 med så mange gentagelser: {items}.",
        "Not distinguishable from 0 with this many replications: {items}.",
    ),
    "explain_weakly_identified": (
        "Forbehold: effekten af {items} bygger på en parameter, der kun er bestemt af "
        "forsøgets samlede forskel mellem armene (ingen kilde giver dens størrelse); tallet "
        "viser den del af forskellen, kalibreringen gav grebet, ikke en påvist effekt af det.",
        "Caveat: the effect of {items} rests on a parameter fitted only to the trial's "
        "overall difference between the arms (no source gives its size); the figure shows "
        "the share of the gap the calibration gave the lever, not a proven effect of it.",
    ),
    "param_hours_dialogue_effect": ("timedialogens effekt på konverteringen",
                                    "the hours dialogue's effect on conversion"),
    "param_lifeline_effect": ("livlinens effekt på tilbagefald",
                              "the lifeline's effect on relapse"),
    "explain_shapley_heading": (
        "Fair fordeling (Shapley-værdier, {method}): hvert grebs bidrag i gennemsnit over alle "
        "rækkefølger; bidragene summer til den samlede forskel.",
        "Fair split (Shapley values, {method}): each lever's contribution averaged over every "
        "order; the parts add up to the total difference.",
    ),
    "explain_shapley_title": ("Fair fordeling mellem grebene (Shapley-værdier)",
                              "A fair split between the levers (Shapley values)"),
    "explain_shapley_exact": ("præcis, alle koalitioner", "exact, every coalition"),
    "explain_shapley_sampled": ("{orders} tilfældige rækkefølger",
                                "{orders} random orders"),
    "explain_shapley_total": ("I alt", "Total"),
    "explain_shapley_mc": ("Monte Carlo-fejl", "Monte Carlo error"),
    "explain_verdict_helps": ("hjælper", "helps"),
    "explain_verdict_hurts": ("trækker ned", "pulls down"),
    "explain_verdict_unclear": ("kan ikke skelnes fra 0", "not distinguishable from 0"),
    "explain_verdict_raises": ("hæver", "raises"),
    "explain_verdict_lowers": ("sænker", "lowers"),
    "sweep_best": ("Bedst for {outcome}", "Best for {outcome}"),
    "sweep_is_reference": ("det er også referencepunktet", "this is also the reference point"),
    "sweep_points_n": ("{n} designpunkter", "{n} design points"),
    "sweep_point_1": ("1 designpunkt", "1 design point"),
    "sweep_design_type": ("Design", "Design"),
    "design_full_factorial": ("fuldt faktorielt", "full factorial"),
    "design_list": ("opremsede punkter", "listed points"),
    "design_latin_hypercube": ("latinsk hyperkube", "Latin hypercube"),
    "design_sobol": ("Sobol", "Sobol"),
    "design_morris": ("Morris", "Morris"),
    "sweep_colour_by": ("Farve: {lever}", "Colour: {lever}"),
    "journeys": ("stikprøven af borgerforløb", "the journeys sample"),
    "panel": ("hele panelet", "the full panel"),
    "subset_n": (
        "Udsnit – borgere pr. gentagelse: {counts}. Forsøgets landstal er ikke vist.",
        "Subset – citizens per replication: {counts}. The trial's national figures are "
        "not shown.",
    ),
    "browse_sample_n": (
        "Stikprøve – borgere pr. gentagelse: {counts}. Forsøgets landstal er ikke vist.",
        "Sample – citizens per replication: {counts}. The trial's national figures are "
        "not shown.",
    ),
    "dd_select_all": ("Vælg alle", "Select all"),
    "dd_deselect_all": ("Fravælg alle", "Deselect all"),
    "dd_selected_count": ("{num_selected} valgt", "{num_selected} selected"),
    "dd_search": ("Søg", "Search"),
    "dd_clear_search": ("Ryd søgning", "Clear search"),
    "dd_clear_selection": ("Ryd valg", "Clear selection"),
    "dd_no_options": ("Ingen valgmuligheder", "No options found"),
}
