"""Words of the run report's first and last sections and of the ``jobfirst run`` terminal
summary ("Kort fortalt / In short", key figures, "Om kørslen / About this run"), and the
Danish names of the default sectors.

Why a module beside :mod:`labels`: the labels table is one lookup (``labels.t``), but its
file would pass 500 lines; these keys are merged into it, so callers still use ``t``.
Bottom of the report room: imports nothing.
"""

from __future__ import annotations

from typing import Final

RUN_LABELS: Final[dict[str, tuple[str, str]]] = {
    "in_short": ("Kort fortalt", "In short"),
    "run_key_figures": ("Nøgletal", "Key figures"),
    "key_figures_note": ("gennemsnit over gentagelser, 95 %-interval i parentes",
                         "mean over replications, 95 % interval in brackets"),
    "measure": ("Mål", "Measure"),
    "trial_check": ("Sammenligning med forsøgets publicerede tal (T1–T5)",
                    "Comparison with the trial's published figures (T1–T5)"),
    "trial_within": ("Inden for tolerancen", "Within tolerance"),
    "about_run": ("Om kørslen", "About this run"),
    "about_note": ("Til at genskabe kørslen: samme scenarie, frø og versioner giver samme tal.",
                   "For reproducing the run: the same scenario, seed and versions give the "
                   "same figures."),
    "platform": ("Platform", "Platform"),
    "group_all": ("Alle borgere", "All citizens"),
    "results_folder": ("Resultatmappe", "Results folder"),
    "source_journeys": ("stikprøven af borgerforløb", "the sample of citizen journeys"),
    "source_panel": ("hele panelet", "the full panel"),
    "sample_n": ("stikprøve af {n} borgere", "sample of {n} citizens"),
    "run_sample_note_journeys": (
        "Køn og alder findes kun i stikprøven af borgerforløb ({n} borgere), så søjlerne "
        "nedenfor er usikre for små grupper; kør med --panel for hele populationen.",
        "Gender and age are available only from the sample of citizen journeys ({n} "
        "citizens), so the bars below are unsteady for small groups; run with --panel for "
        "the whole population."),
    "run_sample_note_panel": ("Køn og alder fra hele panelet ({n} borgere).",
                              "Gender and age from the full panel ({n} citizens)."),
    "run_journey_source": (
        "Borgeren er trukket fra {source} (gentagelse {rep}, arm {arm}). Vælg en anden med "
        "--citizen ID.",
        "The citizen is drawn from {source} (replication {rep}, arm {arm}). Pick another "
        "with --citizen ID."),
    "run_journey_not_found": (
        "Borger {cid} findes ikke i {source}; viser en tilfældig borger i stedet.",
        "Citizen {cid} is not in {source}; showing a random citizen instead."),
    "results_in": ("Resultater i {path} (frø {seed})", "Results in {path} (seed {seed})"),
    "in_short_intro": (
        "Hvert forslag mod basisarmen (role: control) på de samme gentagelser (samme frø), "
        "så forskellen og dens 95 %-interval er parrede.",
        "Each design against the baseline arm (role: control) over the same replications "
        "(same seeds), so the difference and its 95 % interval are paired."),
    "reference_note_plain": (
        "Bånd er 95 %-konfidensintervaller over gentagelser.",
        "Bands are 95 % confidence intervals over replications."),
    "retail": ("Detailhandel", "Retail"),
    "cleaning_service": ("Rengøring", "Cleaning service"),
    "cleaning": ("Rengøring", "Cleaning"),
    "hospitality": ("Hotel og restauration", "Hospitality"),
    "logistics": ("Lager og logistik", "Logistics"),
    "warehouse": ("Lager", "Warehouse"),
    "manufacturing": ("Industri", "Manufacturing"),
    "construction": ("Byggeri", "Construction"),
    "care": ("Omsorg og pleje", "Care"),
    "elderly_care": ("Ældrepleje", "Elderly care"),
    "agriculture": ("Landbrug", "Agriculture"),
    "transport": ("Transport", "Transport"),
    "office": ("Kontor", "Office"),
    "kitchen": ("Køkken", "Kitchen"),
    "green_areas": ("Grønne områder", "Green areas"),
    "canteen": ("Kantine", "Canteen"),
    "transport_warehouse": ("Transport og lager", "Transport and warehouse"),
    "public_admin": ("Offentlig administration", "Public administration"),
}
