"""The week's stages, each a function of the World (``model/world.py``).

Why functions of the World and not methods of the Mesa model: a stage only gathers the
state a rule needs (``rules/``), calls it with keyword arguments named as in the
scenario, and applies its decision to the arrays; it needs nothing of Mesa, and taking
the World keeps the stages free of the model that calls them. The Mesa model
(``jobcentre.py``) calls them in the week's order.

Modules, in the week's order: ``caseload`` (intake, the change-over, leavers, the
caseload review), ``time_budget`` (what each professional's hours go to), ``contact``
(contacts and social effort), ``matching`` (search, referral and the match),
``placement`` (a week in placement, conversion to paid hours), ``work`` (hours, own job
search, exits) and ``wellbeing`` (wellbeing and the fixed-week measurement); shared by
several: ``handover`` (a change of contact person) and ``jobs`` (a job starts, a
placement ends).
"""
