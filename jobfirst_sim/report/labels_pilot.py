"""Words of the pilot page and the terminal table of ``jobfirst pilot`` (Danish, English).

Why a module of its own: :mod:`jobfirst_sim.report.labels` is the one table every page
looks words up in; these entries are merged there (keys must not clash) and live apart
only to keep each file short.
"""

from __future__ import annotations

from typing import Final

PILOT_LABELS: Final[dict[str, tuple[str, str]]] = {
    "pilot_title": ("Planlæg forsøget: {to} mod {frm}", "Planning the pilot: {to} against {frm}"),
    "pilot_subtitle": (
        "Simulerede lodtrækningsforsøg på {frm}s {cohort} borgere ({benefit}); {pilots} "
        "forsøg pr. størrelse, signifikansniveau {alpha}, rodfrø {seed}",
        "Simulated randomised pilots on {frm}'s {cohort} citizens ({benefit}); {pilots} "
        "pilots per size, significance level {alpha}, root seed {seed}",
    ),
    "pilot_summary": ("Kort fortalt", "In short"),
    "pilot_benefit_all": ("alle ydelsesgrupper", "all benefit groups"),
    "pilot_unit_citizen": ("borgere udtrukket én og én", "citizens randomised one by one"),
    "pilot_unit_team": ("borgere udtrukket sagsstamme for sagsstamme",
                        "citizens randomised caseload by caseload"),
    "pilot_unit_short_citizen": ("Borger", "Citizen"),
    "pilot_unit_short_team": ("Sagsstamme", "Caseload"),
    "pilot_sentence": (
        "Med {n} {unit} ville et forsøg opdage den forventede forskel på {effect} "
        "procentpoint {power} af gangene i uge {week}.",
        "With {n} {unit}, a pilot would detect the expected difference of {effect} points "
        "{power} of the time by week {week}.",
    ),
    "pilot_smallest": (
        "Det mindste forsøg, der når {target} styrke i uge {week}: {n} {unit}.",
        "The smallest pilot that reaches {target} power by week {week}: {n} {unit}.",
    ),
    "pilot_none_reaches": (
        "Ingen af de afprøvede størrelser når {target} styrke i uge {week} med {unit}; "
        "selv med {n} opdages forskellen kun {power} af gangene.",
        "None of the sizes tried reaches {target} power by week {week} with {unit}; even "
        "with {n} the difference is detected only {power} of the time.",
    ),
    "pilot_no_difference": (
        "Modellen forventer ingen forskel mellem {to} og {frm} i uge {week}: et forsøg "
        "ville kun finde tilfældige forskelle (ca. {alpha} af gangene).",
        "The model expects no difference between {to} and {frm} by week {week}: a pilot "
        "would find only chance differences (about {alpha} of the time).",
    ),
    "pilot_levels": (
        "Andel med ordinære timer i uge {week}: {frm} {p_from}, med {to}s design {p_to}.",
        "Share with ordinary hours in week {week}: {frm} {p_from}, with {to}'s design {p_to}.",
    ),
    "pilot_clustering": (
        "Borgere i samme sagsstamme ligner hinanden lidt (intraklasse-korrelation {icc} i uge "
        "{week}); med sagsstammer på gennemsnitligt {size} borgere svarer det til en "
        "designeffekt på {de}: et forsøg med sagsstammer skal være {de} gange så stort for "
        "samme sikkerhed.",
        "Citizens of the same caseload resemble each other a little (intra-cluster "
        "correlation {icc} by week {week}); with caseloads of {size} citizens on average that "
        "is a design effect of {de}: a pilot by caseload must be {de} times as large for the "
        "same certainty.",
    ),
    "pilot_no_clustering": (
        "Borgere i samme sagsstamme ligner ikke hinanden mere end borgere i forskellige "
        "(intraklasse-korrelation {icc} i uge {week}, designeffekt {de}): et forsøg med "
        "sagsstammer skal ikke være større end et med tilfældigt udvalgte borgere.",
        "Citizens of the same caseload are no more alike than citizens of different "
        "caseloads (intra-cluster correlation {icc} by week {week}, design effect {de}): a "
        "pilot by caseload need not be larger than one by citizen.",
    ),
    "pilot_detectable": ("Styrken holder sig på mindst {target} fra uge {week} til "
                         "opfølgningens slut.",
                         "The power stays at {target} or more from week {week} to the end "
                         "of the follow-up."),
    "pilot_never": ("aldrig inden for opfølgningen", "never within the horizon"),
    "pilot_power_by_size": ("Styrke efter forsøgets størrelse (uge {week})",
                            "Power by the size of the pilot (week {week})"),
    "pilot_power_by_size_intro": (
        "Andelen af simulerede forsøg, der opdager forskellen (punkter, med Monte Carlo-fejl), "
        "og formlen (stiplet). Den vandrette linje er målet på {target}.",
        "The share of simulated pilots that detect the difference (points, with Monte Carlo "
        "error) and the formula (dashed). The horizontal line is the {target} target.",
    ),
    "pilot_power_by_week": ("Styrke uge for uge", "Power week by week"),
    "pilot_power_by_week_intro": (
        "Hvor tidligt kan forskellen ses? Én kurve pr. størrelse; den vandrette linje er "
        "målet på {target}.",
        "How early can the difference be seen? One curve per size; the horizontal line is "
        "the {target} target.",
    ),
    "pilot_mde": ("Mindste forskel, forsøget kan opdage", "Minimum detectable effect"),
    "pilot_mde_intro": (
        "Den mindste forskel, et forsøg af denne størrelse opdager med {target} styrke "
        "(formel; for sagsstammer ganget op med designeffekten), mod den forventede forskel.",
        "The smallest difference a pilot of this size detects with {target} power (formula; "
        "by caseload inflated by the design effect), against the expected difference.",
    ),
    "pilot_expected": ("Forventet forskel", "Expected difference"),
    "pilot_target_line": ("mål {target}", "target {target}"),
    "pilot_formula": ("formel", "formula"),
    "pilot_simulated": ("simuleret", "simulated"),
    "pilot_size": ("Forsøgets størrelse (borgere)", "Size of the pilot (citizens)"),
    "pilot_power": ("Styrke", "Power"),
    "pilot_week": ("Uge efter start", "Week since start"),
    "pilot_pp": ("procentpoint", "percentage points"),
    "pilot_table": ("Tabel", "Table"),
    "pilot_col_size": ("Størrelse", "Size"),
    "pilot_col_unit": ("Enhed", "Unit"),
    "pilot_col_citizens": ("Borgere (gns.)", "Citizens (mean)"),
    "pilot_col_clusters": ("Sagsstammer (gns.)", "Caseloads (mean)"),
    "pilot_col_power": ("Styrke", "Power"),
    "pilot_col_mcse": ("± MC-fejl", "± MC error"),
    "pilot_col_formula": ("Formel", "Formula"),
    "pilot_col_mde": ("Mindste forskel (pp)", "MDE (pp)"),
    "pilot_col_week": ("Opdages fra uge", "Detectable from week"),
    "pilot_method": ("Sådan er det regnet – og forudsætningerne", "How it is computed – and "
                     "what it assumes"),
    "pilot_method_text": (
        "Hver gentagelse kører {frm}s borgere to gange med samme tilfældige tal: som i dag "
        "og med alle {to}s greb. Et simuleret forsøg udtrækker borgere (eller hele "
        "sagsstammer, efter hvem der har borgeren ved start) af denne gentagelse, giver "
        "halvdelen {to}s design og ser hver borger under det design, den fik. Borgere "
        "testes med to-andels z-testen, sagsstammer med en t-test på sagsstammernes andele. "
        "Styrke er andelen af forsøg, der finder en signifikant forskel (tosidet) i modellens "
        "retning. Forudsætninger: ingen smitte mellem armene i forsøget (de deler ikke "
        "virksomheder eller kolleger); forsøgets {to}-arm bemandes som {to}s sagsstammer; "
        "borgerne i modellen ligner jeres; alle størrelser genbruger de samme gentagelser.",
        "Each replication runs {frm}'s citizens twice with the same random numbers: as "
        "today and with all of {to}'s levers. A simulated pilot draws citizens (or whole "
        "caseloads, by who holds the citizen at the start) from that replication, gives half "
        "{to}'s design and observes each citizen under the design they got. Citizens are "
        "tested with the two-proportion z-test, caseloads with a t-test on the caseloads' "
        "shares. Power is the share of pilots that find a significant difference (two-sided) "
        "in the model's direction. Assumptions: no interference between the arms within the "
        "pilot (they share no companies or colleagues); the pilot's {to} arm is staffed like "
        "{to}'s caseloads; the model's citizens resemble yours; all sizes reuse the same "
        "replications.",
    ),
    "pilot_few_clusters": (
        "Under 2 sagsstammer i en arm: intet forsøg muligt (styrke 0).",
        "Fewer than 2 caseloads in an arm: no test possible (power 0).",
    ),
}
