"""Danish and English labels for every word the report and the browser show.

Why one table: users of the report are Danish jobcentre leaders who meet these words in
the method guide (sagsstamme, virksomhedspraktik, ordinære timer); facilitators abroad
need English. Keeping every label in one mapping makes a missing translation a failing
test instead of a mixed-language page, and lets the figure functions stay language-free.
Metric labels and lever names are not here: they are declared once, with the metric's
unit and direction, in :mod:`jobfirst_sim.metrics`, and :func:`t` reads them from there.
"""

from __future__ import annotations

from typing import Final

from jobfirst_sim import metrics
from jobfirst_sim.report.labels_decide import DECIDE_LABELS
from jobfirst_sim.report.labels_pages import PAGE_LABELS
from jobfirst_sim.report.labels_pilot import PILOT_LABELS
from jobfirst_sim.report.labels_run import RUN_LABELS
from jobfirst_sim.report.labels_workshop import WORKSHOP_LABELS

LANGS: Final = ("da", "en")

#: key -> (Danish, English)
_LABELS: Final[dict[str, tuple[str, str]]] = {
    # page furniture
    "report_title": ("JobFirst-simulering: rapport", "JobFirst simulation: report"),
    "browser_title": ("JobFirst-simulering: udforsker", "JobFirst simulation: browser"),
    "runs_tab": ("Kørsler", "Runs"),
    "click_hint": ("klik på et punkt for at se dets uger", "click a point to see its weeks"),
    "drill_note": (
        "Designpunkt {p}: uger pr. arm. Borgerforløb gemmes ikke i sweeps – kør punktet med "
        "`jobfirst run` for at se forløb.",
        "Design point {p}: weekly curves per arm. Sweeps store no journeys – run the point "
        "with `jobfirst run` to see journeys.",
    ),
    "sweep_title": ("JobFirst-simulering: eksperiment (sweep)", "JobFirst simulation: sweep"),
    "generated": ("Lavet", "Generated"),
    "scenario": ("Scenarie", "Scenario"),
    "replications": ("Gentagelser", "Replications"),
    "arms": ("Arme", "Arms"),
    "seed": ("Rodfrø", "Root seed"),
    "config_hash": ("Konfigurations-hash", "Config hash"),
    "versions": ("Versioner", "Versions"),
    "contents": ("Indhold", "Contents"),
    "missing_title": ("Hvad mangler i kørselsmappen", "What is missing from the run directory"),
    "missing_intro": (
        "Rapporten er lavet af det, der findes. Følgende kunne ikke vises:",
        "The report was built from what exists. The following could not be shown:",
    ),
    "missing_file": ("filen findes ikke", "file is missing"),
    "unreadable_file": ("filen kan ikke læses", "file cannot be read"),
    "missing_columns": ("mangler kolonner", "missing columns"),
    "empty_table": ("tabellen er tom", "table is empty"),
    "figure_failed": ("figuren kunne ikke tegnes", "the figure could not be drawn"),
    "no_data_for": ("Ingen data til denne figur", "No data for this figure"),
    "reference_note": (
        "Sorte markører (◆) er forsøgets publicerede tal (T1–T5), så man kan se, hvor "
        "modellen står i forhold til virkeligheden. Bånd er 95 %-konfidensintervaller "
        "over gentagelser.",
        "Black markers (◆) are the trial's published figures (T1–T5), so readers see where "
        "the model stands against reality. Bands are 95 % confidence intervals over "
        "replications.",
    ),
    "trial": ("Forsøget", "Trial"),
    "model": ("Model", "Model"),
    "target": ("Mål", "Target"),
    "key_figures": ("Nøgletal mod forsøget", "Key figures against the trial"),
    "population": ("Population", "Population"),
    "figure": ("Tal", "Figure"),
    "ci95": ("95 %-KI", "95 % CI"),
    # sections
    "sec_weeks": ("Armene over tid", "The arms over time"),
    "sec_funnel": ("Sagsflow (tragten)", "Case flow (the funnel)"),
    "sec_hours": ("Ordinære timer", "Ordinary hours"),
    "sec_placements": ("Praktikker og forløbsmål", "Placements and programme targets"),
    "sec_exits": ("Forsørgelse og afgang", "Support status and exits"),
    "sec_wellbeing": ("Mestring og trivsel", "Self-efficacy and well-being"),
    "sec_org": ("Organisationen", "The organisation"),
    "sec_companies": ("Virksomhederne", "The companies"),
    "sec_municipality": ("Kommuner", "Municipalities"),
    "sec_subgroups": ("Målgrupper", "Subgroups"),
    "sec_journey": ("Én borgers forløb", "One citizen's journey"),
    "sec_design_table": ("Designtabel", "Design table"),
    "sec_effects": ("Grebenes effekt (parret)", "Lever effects (paired)"),
    "sec_heatmap": ("To greb sammen", "Two levers together"),
    "sec_sensitivity": ("Følsomhed", "Sensitivity"),
    "sec_sweep_weeks": ("Designpunkter over tid", "Design points over time"),
    # one-line section introductions (why a leader looks at this)
    "intro_weeks": (
        "Hvor mange har ordinære timer, hvor mange timer, og hvor mange er i praktik – uge "
        "for uge fra hver borgers egen start, for hver arm.",
        "How many have ordinary hours, how many hours, and how many are in a placement – "
        "week by week from each citizen's own start, for each arm.",
    ),
    "intro_weeks_calendar": (
        "Hvor mange har ordinære timer, hvor mange timer, og hvor mange er i praktik – "
        "kalenderuge for kalenderuge fra skiftet (uge 0), blandt alle borgere der er startet, "
        "for hver arm.",
        "How many have ordinary hours, how many hours, and how many are in a placement – "
        "calendar week by calendar week from the change (week 0), among all citizens started "
        "by then, for each arm.",
    ),
    "intro_funnel": (
        "Produktionsstyring: hvor langt når sagerne (CV → praktik → arbejdsaftale → "
        "ordinære timer → stigende timer), og hvor længe står de stille før hvert trin?",
        "Production steering: how far do cases get (CV → placement → work agreement → "
        "ordinary hours → rising hours), and how long do they stall before each stage?",
    ),
    "intro_hours": (
        "Små skridt: de fleste med ordinære timer har få timer; fordelingen viser hvor mange.",
        "Small steps: most with ordinary hours have few; the distribution shows how many.",
    ),
    "intro_placements": (
        "Har borgerne haft ordinære timer på et tidspunkt (T3), og gennemfører de mindst 13 "
        "ugers praktik (T4)?",
        "Did citizens have ordinary hours at some point (T3), and do they complete at least "
        "13 weeks of placement (T4)?",
    ),
    "intro_exits": (
        "Forsørgelse uge for uge og hvor borgerne står, når opfølgningen slutter.",
        "Support status week by week and where citizens stand when follow-up ends.",
    ),
    "intro_wellbeing": (
        "Klarhed og motivation skabes i jobbet: mestringstro, trivsel, tillid og "
        "arbejdsevne over tid.",
        "Clarity and motivation are created in the job: self-efficacy, well-being, trust and "
        "work capacity over time.",
    ),
    "intro_org": (
        "Sagsstamme og kontakttid afgør, om den tætte kontakt kan lade sig gøre; "
        "overdragelser bryder relationen. Medarbejdernes uge viser, hvad tiden går til, og "
        "hvad der må vige, når ugen er for kort (virksomhedskontakt først).",
        "Caseload and contact time decide whether close contact is possible; handovers "
        "break the relation. The professional's week shows what the time goes to, and what "
        "gives way when the week is too short (company outreach first).",
    ),
    "intro_companies": (
        "Hvilke brancher og hvilke slags opgaver giver løntimer?",
        "Which sectors and which kinds of task give paid hours?",
    ),
    "intro_municipality": (
        "Samme design, forskellige kommuner: lokalt arbejdsmarked og sagsstamme.",
        "Same design, different municipalities: local labour market and caseload.",
    ),
    "intro_subgroups": ("Hvem får timer?", "Who gets hours?"),
    "intro_journey": (
        "Kurverne består af mennesker: her er ét forløb fortalt uge for uge.",
        "The curves are made of people: here is one journey told week by week.",
    ),
    # lever values (lever names and metric labels live in jobfirst_sim.metrics)
    "bum": ("BUM-model", "BUM split"),
    "makkerskab": ("Makkerskab", "Partnership"),
    "parallel": ("parallel", "parallel"),
    "sequential": ("sekventiel", "sequential"),
    # axes and quantities
    "week": ("Uge siden start", "Week since start"),
    "calendar_week": ("Kalenderuge (uge 0 = {date})", "Calendar week (week 0 = {date})"),
    "share": ("Andel", "Share"),
    "hours_per_week": ("Timer pr. uge", "Hours per week"),
    "citizens": ("Borgere", "Citizens"),
    "count": ("Antal", "Count"),
    "weeks": ("Uger", "Weeks"),
    "arm": ("Arm", "Arm"),
    "benefit": ("Ydelse", "Benefit"),
    "gender": ("Køn", "Gender"),
    "age_band": ("Aldersgruppe", "Age band"),
    "municipality": ("Kommune", "Municipality"),
    "role": ("Rolle", "Role"),
    "sector": ("Branche", "Sector"),
    "task_level": ("Opgaveniveau", "Task level"),
    "status": ("Forsørgelsesstatus", "Support status"),
    "stage": ("Trin", "Stage"),
    "value": ("Værdi", "Value"),
    "lever": ("Greb", "Lever"),
    "outcome": ("Udfald", "Outcome"),
    "effect": ("Effekt (parret forskel)", "Effect (paired difference)"),
    "design_point": ("Designpunkt", "Design point"),
    "importance": ("Betydning", "Importance"),
    "all": ("alle", "all"),
    # figure titles
    "fig_share_hours": (
        "Andel med ordinære timer, efter uger siden start",
        "Share with ordinary hours, by weeks since start",
    ),
    "fig_mean_hours": (
        "Gennemsnitlige ordinære timer pr. uge (alle borgere)",
        "Mean ordinary hours per week (all citizens)",
    ),
    "fig_placement": ("Andel i virksomhedspraktik", "Share in company placement"),
    "fig_status": ("Forsørgelsesstatus over tid", "Support status over time"),
    "fig_funnel": (
        "Tragten: andel der når hvert trin, og hvor længe sager står stille",
        "The funnel: share reaching each stage, and how long cases stall",
    ),
    "fig_hours_dist": (
        "Fordeling af ordinære timer blandt dem med timer",
        "Distribution of ordinary hours among those with hours",
    ),
    "fig_targets": ("Forløbsmål pr. arm", "Programme targets by arm"),
    "fig_exits": ("Afgangsveje ved opfølgningens slutning", "Exit routes at end of follow-up"),
    "fig_wellbeing": (
        "Mestringstro, mentalt helbred, tillid og arbejdsevne",
        "Self-efficacy, mental health, trust and work capacity",
    ),
    "fig_org": (
        "Sagsstamme, kontakttid og overdragelser pr. rolle",
        "Caseload, contact time and handovers per role",
    ),
    "fig_time_use": (
        "Medarbejdernes uge: timer pr. årsværk pr. uge på hver opgave",
        "The professional's week: hours per FTE and week on each task",
    ),
    "task_casework": ("Myndighedsarbejde", "Legal casework"),
    "task_followup": ("Opfølgning på arbejdspladsen", "Workplace follow-up"),
    "task_contact": ("Samtaler med borgeren", "Citizen contacts"),
    "task_mentoring": ("Mentorstøtte", "Mentoring"),
    "task_coordination": ("Koordinering i makkerskabet", "Coordination in the pair"),
    "task_outreach": ("Virksomhedskontakt", "Company outreach"),
    "task_joint": ("Fælles samtaler og besøg i makkerskabet", "Joint meetings and visits"),
    "task_unused": ("Ubrugt tid", "Time not needed"),
    "fte_short": ("årsværk", "FTE"),
    "staff_heading": ("Medarbejdere (pr. årsværk og gennemsnitsuge, timer)",
                      "Staff (per FTE and average week, hours)"),
    "staff_implausible": (
        "Usandsynlig bemanding: {items} borgere pr. årsværk (forventet {low}–{high}). "
        "Årsværk er faste tal: ændres antallet af borgere, ændres sagsstammen — giv "
        "årsværk eller en sagsstamme, der passer (docs/scenarios.md).",
        "Implausible staffing: {items} citizens per FTE (expected {low}–{high}). FTEs are "
        "fixed numbers: changing the number of citizens changes the caseload — give FTEs "
        "or a caseload that fit (docs/scenarios.md).",
    ),
    "staff_line": ("{arm}, {role}: {fte} årsværk, {load} borgere pr. årsværk; ugen: {week}",
                   "{arm}, {role}: {fte} FTE, {load} citizens per FTE; the week: {week}"),
    "hours_per_fte_week": ("Timer pr. årsværk pr. uge", "Hours per FTE per week"),
    "fig_contact_changed": (
        "Andel der har skiftet kontaktperson",
        "Share who have changed contact person",
    ),
    "fig_companies": (
        "Hvilke brancher og opgaver bliver til løntimer (konvertering pr. praktik)",
        "Which sectors and tasks turn into paid hours (conversions per placement)",
    ),
    "fig_companies_hours": (
        "Løntimer pr. uge ved opfølgningens slutning, pr. branche",
        "Paid hours per week at the end of follow-up, by sector",
    ),
    "fig_municipality": (
        "Andel med ordinære timer i uge 78, pr. kommune",
        "Share with ordinary hours in week 78, by municipality",
    ),
    "fig_subgroup_benefit": ("Resultater pr. ydelsesgruppe", "Results by benefit group"),
    "fig_subgroup_panel": (
        "Andel med ordinære timer i uge 78 efter køn og alder",
        "Share with ordinary hours in week 78 by gender and age",
    ),
    "fig_journey": ("Borger {cid}: uge for uge", "Citizen {cid}: week by week"),
    "fig_effects": ("Grebenes effekt med parrede 95 %-KI", "Lever effects with paired 95 % CIs"),
    "fig_heatmap": ("{outcome}: {a} × {b}", "{outcome}: {a} × {b}"),
    "fig_tornado": ("Følsomhed: {outcome}", "Sensitivity: {outcome}"),
    "fig_sweep_scatter": ("{outcome} efter {lever}", "{outcome} by {lever}"),
    # outcomes metrics
    # benefits, statuses, stages, roles, purposes, task levels, genders
    "kontanthjaelp": ("Kontanthjælp", "Cash benefit"),
    "ressourceforloeb": ("Ressourceforløb", "Resource programme"),
    "full_support": ("Fuld forsørgelse", "Full support"),
    "partial_support": ("Delvis forsørgelse", "Partial support"),
    "self_sufficient": ("Selvforsørgende", "Self-sufficient"),
    "flexjob": ("Fleksjob", "Flexjob"),
    "disability_pension": ("Førtidspension", "Disability pension"),
    "other_exit": ("Anden afgang", "Other exit"),
    "cv": ("CV", "CV"),
    "placement": ("Praktik", "Placement"),
    "agreement": ("Arbejdsaftale", "Work agreement"),
    "hours": ("Ordinære timer", "Ordinary hours"),
    "rising": ("Stigende timer", "Rising hours"),
    "caseworker": ("Myndighedssagsbehandler", "Authority caseworker"),
    "consultant": ("Virksomhedskonsulent", "Company consultant"),
    "mentor": ("Mentor", "Mentor"),
    "jobformidler": ("Jobformidler", "Job broker"),
    "simple": ("Enkle", "Simple"),
    "medium": ("Mellem", "Medium"),
    "demanding": ("Krævende", "Demanding"),
    "competence": ("kompetencer", "competences"),
    "clarify": ("afklaring", "clarification"),
    "female": ("Kvinde", "Female"),
    "male": ("Mand", "Male"),
    "F": ("Kvinde", "Female"),
    "M": ("Mand", "Male"),
    "jobfirst": ("JobFirst", "JobFirst"),
    "control": ("Normalindsats (kontrol)", "Normal effort (control)"),
    # journey narrative
    "j_start": ("Uge {w}: starter ({benefit}, {municipality}, {age} år).",
                "Week {w}: starts ({benefit}, {municipality}, age {age})."),
    "j_start_stock": ("Uge {w}: starter ({benefit}, {municipality}, {age} år, {years} år på "
                      "offentlig forsørgelse).",
                      "Week {w}: starts ({benefit}, {municipality}, age {age}, {years} years on "
                      "public support)."),
    "j_start_inflow": ("Uge {w}: kommer ind som ny borger {after} uger efter startdatoen "
                       "({benefit}, {municipality}, {age} år).",
                       "Week {w}: arrives as a new citizen {after} weeks after the start date "
                       "({benefit}, {municipality}, age {age})."),
    "j_placement_start": ("Uge {w}: starter i virksomhedspraktik ({sector}formål: {purpose}).",
                          "Week {w}: starts a company placement ({sector}purpose: {purpose})."),
    "j_placement_end": ("Uge {w}: praktikken slutter.", "Week {w}: the placement ends."),
    "j_first_hours": ("Uge {w}: første ordinære timer ({h} t/uge).",
                      "Week {w}: first ordinary hours ({h} h/week)."),
    "j_hours_change": ("Uge {w}: ordinære timer {a} → {b} t/uge.",
                       "Week {w}: ordinary hours {a} → {b} h/week."),
    "j_hours_stop": ("Uge {w}: de ordinære timer stopper.", "Week {w}: ordinary hours stop."),
    "j_contact_change": ("Uge {w}: skifter kontaktperson (skift nr. {n}).",
                         "Week {w}: changes contact person (change no. {n})."),
    "j_status": ("Uge {w}: forsørgelsesstatus {a} → {b}.",
                 "Week {w}: support status {a} → {b}."),
    "j_stage": ("Uge {w}: når trinnet «{stage}».", "Week {w}: reaches the stage “{stage}”."),
    "j_stage_hours_lost": ("Uge {w}: får ordinære timer, men mister dem igen samme uge.",
                           "Week {w}: gets ordinary hours but loses them again the same "
                           "week."),
    "j_stage_cv": ("Uge {w}: CV'et er lavet.", "Week {w}: the CV is made."),
    "j_stage_agreement": ("Uge {w}: en arbejdsaftale er indgået.",
                          "Week {w}: a work agreement is made."),
    "j_end": ("Uge {w}: opfølgningen slutter – {status}, {h} ordinære timer/uge.",
              "Week {w}: follow-up ends – {status}, {h} ordinary hours/week."),
    "journey_source": (
        "Borgeren er trukket fra {source} (replikation {rep}, arm {arm}). Vælg en anden med "
        "--citizen ID.",
        "The citizen is drawn from {source} (replication {rep}, arm {arm}). Pick another "
        "with --citizen ID.",
    ),
    "journey_not_found": (
        "Borger {cid} findes ikke i {source}; viser en tilfældig borger i stedet.",
        "Citizen {cid} is not in {source}; showing a random citizen instead.",
    ),
    "sample_note_journeys": (
        "Køn og alder findes kun i stikprøven af borgerforløb (journeys.parquet, {n} borgere); "
        "kør med --panel for hele populationen.",
        "Gender and age are available only from the journeys sample (journeys.parquet, "
        "{n} citizens); run with --panel for the whole population.",
    ),
    "sample_note_panel": (
        "Køn og alder fra hele panelet (panel.parquet, {n} borgere).",
        "Gender and age from the full panel (panel.parquet, {n} citizens).",
    ),
    "benefit_shown": ("Vist for: {b}", "Shown for: {b}"),
    "paired_note": (
        "Effekter er forskelle mellem designpunkter, der kun adskiller sig i ét greb, "
        "parret på replikation (samme tilfældige tal), med 95 %-t-interval over "
        "replikationer.",
        "Effects are differences between design points that differ in one lever only, "
        "paired by replication (common random numbers), with a 95 % t-interval over "
        "replications.",
    ),
    "sweep_missing_intro": (
        "Sweep-rapporten er lavet af det, der findes. Følgende kunne ikke vises:",
        "The sweep report was built from what exists. The following could not be shown:",
    ),
    "no_pairs": (
        "Ingen par af designpunkter adskiller sig i netop ét greb (fx et Latin "
        "hypercube-design); parrede effekter kræver et faktorielt eller én-ad-gangen-design.",
        "No pair of design points differs in exactly one lever (e.g. a Latin hypercube "
        "design); paired effects need a factorial or one-at-a-time design.",
    ),
    "no_sensitivity": (
        "Ingen følsomhedstabel (Sobol/Morris) i sweep-mappen.",
        "No sensitivity table (Sobol/Morris) in the sweep directory.",
    ),
    "too_few_levers": (
        "Varmekortet kræver mindst to greb, der varierer.",
        "The heat map needs at least two levers that vary.",
    ),
    "table_truncated": ("Viser {n} af {total} rækker.", "Showing {n} of {total} rows."),
    # the explain page (jobfirst explain)
    "explain_title": ("Hvorfor virker {to} bedre end {frm}?", "Why does {to} beat {frm}?"),
    "explain_title_not": ("Hvad betyder {to}s greb for {frm}?",
                          "What do {to}'s levers do for {frm}?"),
    "explain_subtitle": (
        "{metric} ({benefit}), målt på borgerne i {frm}; {reps} gentagelser, rodfrø {seed}",
        "{metric} ({benefit}), measured on the citizens of {frm}; {reps} replications, "
        "root seed {seed}",
    ),
    "explain_summary": ("Kort fortalt", "In short"),
    "explain_waterfall": ("Fra {frm} til {to}, greb for greb",
                          "From {frm} to {to}, lever by lever"),
    "explain_waterfall_intro": (
        "Søjlerne viser, hvor meget hvert greb flytter resultatet, når grebene slås til ét ad "
        "gangen oven i hinanden (det største først). Første søjle er {frm} som i dag, sidste "
        "søjle er {frm} med alle {to}s greb. Rækkefølgen er én af mange mulige: et grebs "
        "bidrag kan være et andet, hvis det slås til tidligere eller senere.",
        "Each bar shows how much a lever moves the result when the levers are switched on "
        "one after another (largest first). The first bar is {frm} as it is, the last is "
        "{frm} with all of {to}'s levers. The order is one of many: a lever's contribution "
        "can differ if it is switched on earlier or later.",
    ),
    "explain_oat": ("Hvert greb for sig", "Each lever on its own"),
    "explain_oat_intro": (
        "Effekten af at slå ét greb til i {frm} og lade resten være, med 95 %-"
        "konfidensinterval over parrede gentagelser (tallet står ved navnet). Et greb, hvis "
        "interval krydser 0, kan ikke skelnes fra tilfældigheder med så mange gentagelser.",
        "The effect of switching on one lever in {frm} and leaving the rest, with a 95 % "
        "confidence interval over paired replications (the value is next to the name). A "
        "lever whose interval crosses 0 cannot be told from chance with this many "
        "replications.",
    ),
    "explain_table": ("Tabel", "Table"),
    "explain_method": ("Sådan er det regnet", "How it is computed"),
    "explain_method_text": (
        "Alle varianter køres med samme rodfrø og gentagelse (fælles tilfældige tal): samme "
        "borgere, virksomheder og tilfældigheder; kun designet af {frm} ændres. Forskelle "
        "regnes parvis pr. gentagelse, og intervallet er et t-interval af de parrede "
        "forskelle. Sagsstammen skiftes i alle kommuner på én gang. Modellens parametre "
        "er kalibreret til JobFirst-forsøget; tallene er modellens, ikke forsøgets.",
        "Every variant runs with the same root seed and replication (common random "
        "numbers): the same citizens, companies and random draws; only {frm}'s design "
        "changes. Differences are paired by replication, and the interval is a t-interval "
        "of the paired differences. The caseload is switched in every municipality at once. "
        "The model's parameters are calibrated to the JobFirst trial; the numbers are the "
        "model's, not the trial's.",
    ),
    "explain_start": ("{frm} i dag", "{frm} as is"),
    "explain_end": ("{frm} med alle {to}s greb", "{frm} with all of {to}'s levers"),
    "explain_arm_itself": ("{to}-armen selv", "{to} arm itself"),
    "explain_interaction": ("Samspil", "Interaction"),
    "explain_effect": ("Effekt", "Effect"),
    "explain_pp": ("procentpoint", "percentage points"),
    "explain_view": ("Visning", "View"),
    "explain_step": ("Trin", "Step"),
    "explain_from_to": ("Fra → til", "From → to"),
    "explain_view_one_at_a_time": ("ét ad gangen", "one at a time"),
    "explain_view_path": ("sti", "path"),
    "explain_view_total": ("i alt", "total"),
    "explain_view_interaction": ("samspil", "interaction"),
    "explain_total_beats": (
        "Hvis borgerne i {frm} fik {to}s design, ville {metric} ({benefit}) ændre sig med "
        "{eff} (95 %-KI {lo} til {hi}), målt på de samme borgere med de samme "
        "tilfældigheder.",
        "If the citizens of {frm} got {to}'s design, {metric} ({benefit}) would change by "
        "{eff} (95 % CI {lo} to {hi}), measured on the same citizens with the same random "
        "draws.",
    ),
    "explain_top3": ("De greb, der hjælper mest hver for sig: {items}.",
             "The levers that help most on their own: {items}."),
    "explain_interaction_text": (
        "Summen af de enkelte effekter er {sum}; resten, {inter} (95 %-KI {lo} til {hi}), "
        "er samspil: grebene "
        "virker ikke uafhængigt af hinanden, så et greb kan give mere (eller mindre) "
        "sammen med de andre end alene.",
        "The single effects add up to {sum}; the remainder, {inter} (95 % CI {lo} to {hi}), "
        "is interaction: the "
        "levers do not act independently, so a lever can give more (or less) together with "
        "the others than on its own.",
    ),
    "explain_path_top": ("Slået til oven i hinanden (vandfaldet) er de største trin: {items}.",
                 "Switched on one after another (the waterfall), the largest steps are: "
                 "{items}."),
    "explain_unclear": (", usikker: intervallet rummer 0", ", uncertain: the interval includes 0"),
    "explain_identical": ("De to designs er ens: der er ingen greb at forklare.",
                  "The two designs are identical: there is no lever to explain."),
    "explain_and": ("og", "and"),
}

# the run report's words (labels_run.py), the sweep/explain/browser page words
# (labels_pages.py), the compare page's (labels_decide.py), the pilot page's
# (labels_pilot.py) and the workshop's (labels_workshop.py) live in their own modules;
# one wording per key: a clash is a programming error, caught on import
for _extra in (RUN_LABELS, PAGE_LABELS, DECIDE_LABELS, PILOT_LABELS, WORKSHOP_LABELS):
    _clash = sorted(set(_LABELS) & set(_extra))
    if _clash:
        raise RuntimeError(f"label keys declared twice: {_clash}")
    _LABELS.update(_extra)


def t(key: str, lang: str = "da", **fmt: object) -> str:
    """Translate ``key``; unknown keys come back as themselves (prettified) so a new
    category in the data (a new sector name) still shows rather than crashing."""
    pair = _LABELS.get(key)
    metric = metrics.find(key) if pair is None else None
    if pair is not None:
        text = pair[0] if lang == "da" else pair[1]
    elif metric is not None:
        text = metric.label(lang)
    else:
        text = key.replace("_", " ")
        text = text[:1].upper() + text[1:]
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    """Whether ``key`` has a translation (used by the completeness test)."""
    return key in _LABELS or metrics.find(key) is not None


def all_keys() -> list[str]:
    """Every label key (UI words and declared metrics)."""
    return [*_LABELS, *metrics.names()]


def check_lang(lang: str) -> str:
    """Validate a language code early, with a message a user can act on."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def separators(lang: str) -> str:
    """Plotly ``layout.separators``: Danish uses decimal comma and dot for thousands."""
    return ",." if lang == "da" else ".,"


def fmt_num(x: float, lang: str, digits: int = 1) -> str:
    """Format a number for text (tables, narrative) with the language's decimal mark."""
    s = f"{x:,.{digits}f}"
    if lang == "da":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s


def fmt_pct(x: float, lang: str, digits: int = 1) -> str:
    """Format a share (0–1) as a percentage with a non-breaking space before %."""
    return f"{fmt_num(100 * x, lang, digits)}\u00a0%"
