"""Words of the workshop pages (``jobfirst workshop``), Danish and English.

Why its own module: the workshop speaks to leaders in a room — a facilitator, teams, a
projector — in words of its own; kept apart so the other tables stay readable. Keys start
with ``ws_``; :mod:`jobfirst_sim.report.labels` merges this table and refuses a key
declared twice. The practice levers' own names and explanations live with the engine
(:data:`jobfirst_sim.decide.workshop.PRACTICES`), which may not import the report.
"""

from __future__ import annotations

from typing import Final

WORKSHOP_LABELS: Final[dict[str, tuple[str, str]]] = {
    "ws_app": ("JobFirst-workshop", "JobFirst workshop"),
    "ws_skip": ("Gå til indholdet", "Skip to content"),
    "ws_back": ("Tilbage", "Back"),
    "ws_home_intro": (
        "Design et jobcenter inden for et personalebudget, forudsig hvad det giver, kør "
        "det, og sammenlign med de andre hold.",
        "Design a jobcentre within a staff budget, predict what it will do, run it, and "
        "compare with the other teams."),
    "ws_go_team": ("Jeg er på et hold: deltag", "I am on a team: join"),
    "ws_go_facilitator": ("Jeg er facilitator", "I am the facilitator"),
    # facilitator
    "ws_facilitator": ("Facilitator", "Facilitator"),
    "ws_facilitator_key": ("Facilitatornøgle", "Facilitator key"),
    "ws_login": ("Log ind", "Log in"),
    "ws_key_hint": ("Nøglen blev skrevet i terminalen, da workshoppen blev startet.",
                    "The key was printed in the terminal where the workshop was started."),
    "ws_wrong_key": ("Forkert facilitatornøgle.", "Wrong facilitator key."),
    "ws_create": ("Ny workshop", "New workshop"),
    "ws_card": ("Scenariekort (startjobcentret)", "Scenario card (the starting jobcentre)"),
    "ws_default_budget": ("budget {b} årsværk", "budget {b} FTE"),
    "ws_budget": ("Personalebudget (årsværk)", "Staff budget (FTE)"),
    "ws_budget_hint": ("Tomt felt: kortets eget budget.", "Empty: the card's own budget."),
    "ws_language": ("Sprog", "Language"),
    "ws_create_button": ("Opret workshop og åbn runde 1", "Create the workshop and open round 1"),
    "ws_bad_session": ("Vælg et kort, et sprog og et budget mellem 1 og 1000 årsværk.",
                       "Choose a card, a language and a budget between 1 and 1000 FTE."),
    "ws_budget_is": ("budget {b} årsværk", "budget {b} FTE"),
    "ws_round_n": ("Runde {n}", "Round {n}"),
    "ws_round_open": ("åben", "open"),
    "ws_round_locked": ("låst", "locked"),
    "ws_round_revealed": ("afsløret", "revealed"),
    "ws_no_round": ("Ingen runde er åben", "No round is open"),
    "ws_lock": ("Lås runden", "Lock the round"),
    "ws_do_reveal": ("Afslør runden", "Reveal the round"),
    "ws_open_next": ("Åbn næste runde", "Open the next round"),
    "ws_teams_joined": ("Hold ({n})", "Teams ({n})"),
    "ws_refresh": ("Opdater", "Refresh"),
    "ws_auto_refresh": ("Tabellen opdaterer sig selv hvert par sekunder.",
                        "The table updates itself every few seconds."),
    "ws_no_teams": ("Ingen hold endnu: vis deltagerkoden.", "No teams yet: show the join code."),
    "ws_reset": ("Nulstil runden", "Reset the round"),
    "ws_more": ("Mere", "More"),
    "ws_ranking_on": ("Slå rangering til", "Turn ranking on"),
    "ws_ranking_off": ("Slå rangering fra", "Turn ranking off"),
    "ws_new_session": ("Ny workshop", "New workshop"),
    "ws_bad_action": ("Den handling findes ikke her.", "That action does not exist here."),
    "ws_reveal": ("Afsløring", "Reveal"),
    "ws_debrief": ("Opsamling", "Debrief"),
    "ws_debrief_room": ("Opsamling for rummet", "Debrief for the room"),
    "ws_the_room": ("hele rummet", "the whole room"),
    "ws_debrief_note": (
        "Simuleret med JobFirst-simulatoren: samme borgere og tilfældige tal i alle designs; "
        "intervaller er 95 %-konfidensintervaller over gentagelser.",
        "Simulated with the JobFirst simulator: the same citizens and random numbers in "
        "every design; intervals are 95 % confidence intervals over replications."),
    # teams
    "ws_join": ("Deltag med dit hold", "Join with your team"),
    "ws_team_name": ("Holdets navn", "Team name"),
    "ws_join_code": ("Deltagerkode", "Join code"),
    "ws_join_button": ("Deltag", "Join"),
    "ws_wrong_code": ("Deltagerkoden passer ikke til workshoppen: se projektoren.",
                      "The join code does not match the workshop: look at the projector."),
    "ws_bad_name": ("Skriv et holdnavn på 1-{n} tegn.", "Write a team name of 1-{n} characters."),
    "ws_name_taken": (
        "Det navn er taget. Er det jeres hold, så brug samme browser som før; ellers vælg "
        "et andet navn.",
        "That name is taken. If it is your team, use the same browser as before; otherwise "
        "choose another name."),
    "ws_not_your_team": ("Formularen hører til et andet hold; intet er gemt.",
                         "This form belongs to another team; nothing was stored."),
    "ws_csrf_failed": (
        "Formularen er udløbet eller kom ikke fra denne side; intet er gemt. Genindlæs "
        "siden og prøv igen.",
        "The form has expired or did not come from this page; nothing was stored. Reload "
        "the page and try again."),
    "ws_team": ("Hold", "Team"),
    "ws_citizens": ("{n} borgere på sagsstammen ved start",
                    "{n} citizens on the caseload at the start"),
    "ws_problems_intro": ("Designet kan ikke køres endnu:", "The design cannot be run yet:"),
    "ws_step_design": ("Design jobcentret", "Design the jobcentre"),
    "ws_organisation": ("Organisering", "Organisation"),
    "ws_role_model": ("Rollemodel", "Role model"),
    "ws_model_bum": ("BUM (bestiller-udfører)", "BUM (orderer-performer)"),
    "ws_model_makkerskab": ("Makkerskab", "Makkerskab (partnership)"),
    "ws_jobformidler": ("Jobformidlere", "Jobformidlere"),
    "ws_colocated": ("Makkerne sidder sammen", "Partners sit together"),
    "ws_with_jobformidlere": ("med jobformidlere", "with jobformidlere"),
    "ws_colocated_short": ("samplaceret", "co-located"),
    "ws_staff": ("Personale", "Staff"),
    "ws_staff_explain": (
        "Årsværk pr. rolle. Sagsstammen følger: borgere ved start ÷ årsværk. Roller, som "
        "designet ikke har, skal have 0.",
        "FTE per role. The caseload follows: citizens at the start ÷ FTE. Roles the design "
        "does not have must get 0."),
    "ws_role": ("Rolle", "Role"),
    "ws_fte": ("Årsværk", "FTE"),
    "ws_caseload": ("Borgere pr. årsværk", "Citizens per FTE"),
    "ws_fte_used": ("Brugt: {used} af {budget} årsværk", "Used: {used} of {budget} FTE"),
    "ws_practice": ("Metodens praksis", "The method's practice"),
    "ws_parallel": ("Parallelt", "Parallel"),
    "ws_sequential": ("Sekventielt (parathed først)", "Sequential (readiness first)"),
    "ws_save_design": ("Tjek og gem designet", "Check and save the design"),
    "ws_design_saved": ("Designet er gemt. Skriv nu jeres forudsigelse.",
                        "The design is saved. Now write your prediction."),
    "ws_bad_fte": ("{role}: skriv årsværk som et tal mellem 0 og 1000.",
                   "{role}: write FTE as a number between 0 and 1000."),
    "ws_bad_choice": ("{name}: vælg en af mulighederne.", "{name}: choose one of the options."),
    "ws_bad_weeks": ("{name}: skriv et helt antal uger.", "{name}: write a whole number of weeks."),
    "ws_no_practices": ("ingen af metodens praksisser slået til",
                        "none of the method's practices switched on"),
    "ws_your_design": ("Jeres design", "Your design"),
    "ws_design": ("Design", "Design"),
    "ws_step_predict": ("Forudsig — før kørslen", "Predict — before the run"),
    "ws_predict_explain": (
        "Hvad tror I, designet giver efter 18 måneder? Forudsigelsen gemmes og kan ikke "
        "ændres bagefter.",
        "What do you think the design gives after 18 months? The prediction is stored and "
        "cannot be changed afterwards."),
    "ws_predict_share": ("Andel borgere med ordinære timer efter 78 uger (%)",
                         "Share of citizens with ordinary hours after 78 weeks (%)"),
    "ws_predict_cost": ("Offentlig nettoudgift over de 78 uger (mio. kr.)",
                        "Net public cost over the 78 weeks (million DKK)"),
    "ws_record_prediction": ("Gem forudsigelsen", "Record the prediction"),
    "ws_bad_share": ("Andelen skal være et tal mellem 0 og 100 (%).",
                     "The share must be a number between 0 and 100 (%)."),
    "ws_bad_cost": ("Nettoudgiften skal være et tal mellem 0 og {high} (mio. kr.).",
                    "The net cost must be a number between 0 and {high} (million DKK)."),
    "ws_your_prediction": ("Jeres forudsigelse: {share} med ordinære timer; {cost}",
                           "Your prediction: {share} with ordinary hours; {cost}"),
    "ws_prediction": ("Forudsigelse", "Prediction"),
    "ws_step_run": ("Kør designet", "Run the design"),
    "ws_run_button": ("Kør", "Run"),
    "ws_run": ("Kørsel", "Run"),
    "ws_reload": ("Opdater siden", "Reload the page"),
    "ws_run_failed": ("Kørslen fejlede:", "The run failed:"),
    "ws_step_results": ("Resultat", "Results"),
    "ws_state_queued": ("i kø", "queued"),
    "ws_state_running": ("kører", "running"),
    "ws_state_done": ("færdig", "done"),
    "ws_state_failed": ("fejlede", "failed"),
    "ws_state_round_still_open": ("Der er allerede en åben runde.", "A round is already open."),
    "ws_state_round_not_open": ("Runden er ikke åben.", "The round is not open."),
    "ws_state_round_not_locked": ("Runden skal låses, før den afsløres.",
                                  "The round must be locked before it is revealed."),
    "ws_state_round_closed": ("Runden er lukket: vent på facilitatoren.",
                              "The round is closed: wait for the facilitator."),
    "ws_state_design_final": ("Designet er låst, fordi forudsigelsen er gemt.",
                              "The design is final because the prediction is recorded."),
    "ws_state_no_design": ("Gem et design, før I forudsiger.",
                           "Save a design before you predict."),
    "ws_state_prediction_exists": ("Forudsigelsen er allerede gemt og kan ikke ændres.",
                                   "The prediction is already recorded and cannot be changed."),
    "ws_state_predict_first": ("Gem jeres forudsigelse, før I kører.",
                               "Record your prediction before you run."),
    "ws_state_run_exists": ("Designet er allerede kørt i denne runde.",
                            "The design has already been run in this round."),
    "ws_state_team_running": ("Holdets kørsel er i gang; nulstil når den er færdig.",
                              "The team's run is in progress; reset it when it is done."),
    # results
    "ws_pred_vs_result": ("Forudsigelse og resultat efter 78 uger",
                          "Prediction and result after 78 weeks"),
    "ws_predicted": ("Forudsagt", "Predicted"),
    "ws_team_design": ("Jeres design", "Your design"),
    "ws_start": ("Startjobcentret", "Starting jobcentre"),
    "ws_difference": ("Forskel", "Difference"),
    "ws_result": ("Resultat", "Result"),
    "ws_vs_start": ("Forskel fra start", "Difference from the start"),
    "ws_hours_share": ("Andel med ordinære timer", "Share with ordinary hours"),
    "ws_net_cost": ("Offentlig nettoudgift", "Net public cost"),
    "ws_points": ("pct.-point", "points"),
    "ws_mio": ("mio. kr.", "million DKK"),
    "ws_no_interval": ("intet interval", "no interval"),
    "ws_interval_note": (
        "Små tal: 95 %-interval over {reps} gentagelser; forskellen er parret (samme "
        "borgere og tilfældige tal). Kroner i {year}-priser (satser: docs/model.md §7.15).",
        "Small figures: 95 % interval over {reps} replications; the difference is paired "
        "(the same citizens and random numbers). Kroner at {year} prices (rates: "
        "docs/model.md §7.15)."),
    "ws_levers": ("De tre største greb", "The three biggest levers"),
    "ws_lever_range": ("(spænd {low} til {high} over {n} gentagelser)",
                       "(range {low} to {high} over {n} replications)"),
    "ws_levers_note": (
        "Hvert greb er slået til alene i startjobcentret og målt på andelen med ordinære "
        "timer; samspil mellem grebene er ikke fordelt.",
        "Each lever is switched on alone in the starting jobcentre and measured on the "
        "share with ordinary hours; interactions between levers are not split."),
    "ws_no_levers": ("Designet er det samme som startjobcentret.",
                     "The design is the same as the starting jobcentre."),
    "ws_lever_caseload": ("Sagsstamme (årsværk)", "Caseload (FTE)"),
    "ws_lever_role_model_jobformidler": ("Rollemodel og jobformidlere",
                                         "Role model and jobformidlere"),
    "ws_lever_role_model": ("Rollemodel", "Role model"),
    "ws_lever_jobformidler": ("Jobformidlere", "Jobformidlere"),
    "ws_lever_colocated": ("Makkerne sidder sammen", "Partners sit together"),
    "ws_lever_transition": ("Omstillingen (sagsoverdragelse, indkøring)",
                            "The change-over (handover, ramp-up)"),
    "ws_lever_practice_by_benefit": ("Praksis pr. målgruppe", "Practice per group"),
    "ws_yes": ("ja", "yes"),
    "ws_no": ("nej", "no"),
    "ws_never": ("aldrig", "never"),
    "ws_business_case": ("Business case i kroner ({year}-priser, over 78 uger)",
                         "Business case in kroner ({year} prices, over 78 weeks)"),
    "ws_ci": ("95 %-interval for forskellen", "95 % interval of the difference"),
    "ws_case_note": (
        "Borgernes løn er ikke en offentlig udgift, og skat af den er ikke regnet med "
        "(docs/model.md, Kroner).",
        "Citizens' wages are not a public cost, and no tax on them is counted "
        "(docs/model.md, Kroner)."),
    "ws_story": ("Én borgers forløb, uge for uge (jeres design)",
                 "One citizen's story, week by week (your design)"),
    # reveal
    "ws_reveal_intro": (
        "Alle hold side om side: hvad troede I, hvad skete der, og hvilke greb gjorde det?",
        "All teams side by side: what did you expect, what happened, and which levers did it?"),
    "ws_nothing_revealed": ("Ingen runde er afsløret endnu.", "No round has been revealed yet."),
    "ws_no_design": ("Intet design", "No design"),
    "ws_no_result": ("Intet resultat", "No result"),
    "ws_no_ranking_note": ("Ingen rangering: vi sammenligner tankemodeller, ikke vindere.",
                           "No ranking: we compare mental models, not winners."),
}
"""The workshop's words, (Danish, English)."""
