"""Words of the decision pages (``jobfirst compare``), Danish and English.

Why its own module: the compare page speaks to a manager about *their* jobcentre -- "i
dag" against "forslaget" -- in words of its own; kept apart so the run report's table stays
readable. Keys start with ``cmp_``; :mod:`jobfirst_sim.report.labels` merges this table and
refuses a key declared twice.
"""

from __future__ import annotations

from typing import Final

DECIDE_LABELS: Final[dict[str, tuple[str, str]]] = {
    "cmp_title": ("Hvad ændrer sig, hvis vi går fra {current} til {proposed}?",
                  "What changes if we go from {current} to {proposed}?"),
    "cmp_subtitle": (
        "Samme borgere, virksomheder og tilfældige træk i begge designs (fælles "
        "tilfældige tal) · {reps} gentagelser · rodfrø {seed}",
        "The same citizens, companies and random draws under both designs (common random "
        "numbers) · {reps} replications · root seed {seed}"),
    "cmp_summary": ("Kort fortalt", "In short"),
    "cmp_headline": (
        "{arm} ({n} borgere): {proposed} giver {level_b} {metric} mod {level_a} med "
        "{current} ({diff}).",
        "{arm} ({n} citizens): {proposed} gives {level_b} {metric} against "
        "{level_a} with {current} ({diff})."),
    "cmp_identical": ("De to designs er ens: alle forskelle er præcis 0.",
                      "The two designs are identical: every difference is exactly 0."),
    "cmp_differs": ("Hvad der er ændret", "What is changed"),
    "cmp_key_figures": ("Nøgletal", "Key figures"),
    "cmp_key_intro": (
        "Niveau i begge designs og forskellen (forslag minus i dag) med 95 %-interval over "
        "parrede gentagelser. Andele er i procent, forskelle i procentpoint.",
        "Levels under both designs and the difference (proposed minus today) with a 95 % "
        "interval over paired replications. Shares in per cent, differences in "
        "percentage points."),
    "cmp_over_time": ("Over tid", "Over time"),
    "cmp_over_time_intro": (
        "Andelen med ordinære timer uge for uge i begge designs, og forskellen med "
        "95 %-bånd. Hvor båndet ligger over 0, er forslaget bedre den uge.",
        "The share with ordinary hours week by week under both designs, and the difference "
        "with its 95 % band. Where the band lies above 0, the proposal is better that "
        "week."),
    "cmp_horizons": ("Ved udvalgte tidspunkter", "At chosen horizons"),
    "cmp_week": ("Uge", "Week"),
    "cmp_groups": ("Efter ydelsesgruppe og kommune", "By benefit group and municipality"),
    "cmp_groups_intro": (
        "Forskellen i {metric} for hver ydelsesgruppe og kommune.",
        "The difference in {metric} for each benefit group and municipality."),
    "cmp_group": ("Gruppe", "Group"),
    "cmp_staff": ("Medarbejdernes uge", "The professionals' week"),
    "cmp_staff_intro": (
        "Årsværk, borgere pr. årsværk, kontakttid pr. borger og hvad et gennemsnitligt "
        "årsværk bruger sin uge på, i begge designs.",
        "FTEs, citizens per FTE, contact time per citizen and what an average FTE spends "
        "the week on, under both designs."),
    "cmp_trace": ("Mekanismen: fra organisering til ordinære timer",
                  "The mechanism: from organisation to ordinary hours"),
    "cmp_trace_intro": (
        "Hvert led i kæden, som modellen selv måler det: sagsstamme → kontakttid → "
        "kendskab og tillid → match → praktikker, der holder → konvertering til timer → "
        "afgange. Led, hvis interval ikke rummer 0, er markeret.",
        "Each link of the chain as the model itself measures it: caseload → contact time → "
        "knowledge and trust → match → placements that last → conversion to hours → "
        "exits. Links whose interval excludes 0 are marked."),
    "cmp_trace_story": ("Historien i tal: {items}.", "The story in numbers: {items}."),
    "cmp_trace_none": ("Ingen led i kæden ændrer sig tydeligt.",
                       "No link of the chain changes clearly."),
    "cmp_step": ("Led", "Link"),
    "cmp_current": ("I dag", "Today"),
    "cmp_proposed": ("Forslag", "Proposed"),
    "cmp_difference": ("Forskel", "Difference"),
    "cmp_clear": ("tydelig", "clear"),
    "cmp_method": ("Sådan er det beregnet", "How this was computed"),
    "cmp_method_text": (
        "Begge designs er kørt {reps} gange med samme rodfrø og gentagelsesnumre. Derfor "
        "møder de de samme borgere og virksomheder og de samme tilfældige hændelser, og "
        "forskellen skyldes designet, ikke støj. Hver forskel er gennemsnittet af de "
        "parrede forskelle pr. gentagelse med et 95 %-t-interval. Et design sammenlignet "
        "med sig selv giver præcis 0.",
        "Both designs ran {reps} times with the same root seed and replication numbers, "
        "so they meet the same citizens, companies and random events, and a difference is "
        "the design's doing, not noise. Each difference is the mean of the paired "
        "per-replication differences with a 95 % t-interval. A design compared with itself "
        "gives exactly 0."),
    "cmp_trace_caseload": ("Borgere pr. årsværk", "Citizens per FTE"),
    "cmp_trace_contact_time": ("Kontakttimer pr. borger pr. uge",
                               "Contact hours per citizen per week"),
    "cmp_trace_contacted": ("Andel med kontakt i ugen (gns. over ugerne)",
                            "Share contacted in the week (mean over the weeks)"),
    "cmp_trace_changes": ("Andel med skift af kontaktperson",
                          "Share with a change of contact person"),
    "cmp_trace_knowledge": ("Kontaktpersonens kendskab til borgeren",
                            "The contact person's knowledge of the citizen"),
    "cmp_trace_trust": ("Borgerens tillid til kontaktpersonen",
                        "The citizen's trust in the contact person"),
    "cmp_trace_match": ("Matchkvalitet i praktik", "Match quality of placements"),
    "cmp_trace_in_placement": ("Andel i virksomhedspraktik (gns. over ugerne)",
                               "Share in company placement (mean over the weeks)"),
    "cmp_trace_placements": ("Praktikforløb i alt", "Placements in total"),
    "cmp_trace_retention": ("Andel med ≥ 13 ugers sammenhængende praktik",
                            "Share with ≥ 13 consecutive placement weeks"),
    "cmp_trace_conversion": ("Praktikker, der blev til ordinære timer (andel)",
                             "Placements that turned into ordinary hours (share)"),
    "cmp_trace_ever_hours": ("Andel der har haft ordinære timer",
                             "Share ever with ordinary hours"),
    "cmp_trace_hours_if_any": ("Timer pr. uge blandt dem med timer",
                               "Hours per week among those with hours"),
    "cmp_trace_job_fit": ("Matchkvalitet i job", "Match quality of jobs"),
    "cmp_trace_hours": ("Andel med ordinære timer ved opfølgningens slutning",
                        "Share with ordinary hours at the end of follow-up"),
    "cmp_trace_hours_w78": ("Andel med ordinære timer i uge 78",
                            "Share with ordinary hours in week 78"),
    "cmp_trace_self_sufficient": ("Selvforsørgende ved slutningen",
                                  "Self-sufficient at the end"),
    "cmp_trace_flexjob": ("I fleksjob ved slutningen", "In flexjob at the end"),
    "cmp_trace_pension": ("På førtidspension ved slutningen",
                          "On disability pension at the end"),
    "cmp_all": ("alle", "all"),
    "cmp_kroner": ("Hvad koster det? Business case i kroner",
                   "What does it cost? The business case in kroner"),
    "cmp_kroner_intro": (
        "I alt for armens borgere over hele perioden, i {year}-priser: personale, udbetalt "
        "ydelse efter fradrag for løn, fleksløntilskud og førtidspension; borgernes løn er "
        "ikke en offentlig udgift, og skat af lønnen er ikke modregnet (docs/model.md, "
        "Kroner). Udgiften pr. ekstra borger tæller borgere {metric}. Intervaller er "
        "95 % over gentagelser; forskellen er parret.",
        "Totals for the arm's citizens over the whole period, in {year} prices: staff, "
        "benefit paid after the earnings offset, flexjob subsidy and disability pension; "
        "the citizens' wages are not a public cost, and tax on wages is not subtracted "
        "(docs/model.md, Kroner). The cost per extra citizen counts citizens {metric}. "
        "Intervals are 95 % over replications; the difference is paired."),
}
