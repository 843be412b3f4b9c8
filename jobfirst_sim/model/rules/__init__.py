"""The weekly rules of the method, one mechanism per module, as pure array functions.

Each rule takes the relevant slices of agent state, parameters and uniform draws, all as
keyword-only arguments, and returns a decision (a mask or new values); the week's stages
(``model/stages/``) apply it. No rule has a default for a parameter the scenario
sets (``behaviour:`` or a design lever): the schema is the one place a value is chosen,
so a rule can never quietly disagree with it. Pure functions can be unit- and
property-tested one by one (tests/model/test_rules*.py).

Modules: ``contact`` (contact rationing, trust, steering), ``intake`` (the first
conversation, CV), ``readiness`` (social/health effort), ``referral`` (the BUM referral
queue), ``matching`` (search, matcher knowledge, the match), ``placement``, ``conversion``,
``hours``, ``own_job`` (ordinary job search outside placements), ``exits``, ``wellbeing``,
``time_budget`` (the professional's week), ``relationship`` (knowledge of and belief in the
citizen; absence and change of contact person), ``knowledge`` (company knowledge earned by
outreach) and ``transition`` (a running jobcentre's stock and design change, calendar mode).
"""
