"""The workshop's pages, one Flask blueprint per role (server-rendered HTML).

:mod:`.auth` (who may do what: the facilitator's key, a team's join, CSRF),
:mod:`.facilitator` (sessions, rounds, the table of teams), :mod:`.team` (design, predict,
run) and :mod:`.debrief` (reveal and debrief, HTML and PDF); :mod:`.common` holds what
every page needs. The app factory is :func:`jobfirst_sim.app.workshop.make_app`.

Why plain pages and forms: a projector, laptops of every age and a room's network; an HTML
form works with any keyboard and without scripts (one small script polls a team's run
progress and the facilitator's table of teams, and asks the server for the caseloads as a
team types). Rules kept on the server, whatever the browser sends:

* **Who may do what.** The facilitator's controls need the facilitator key (a cookie after
  the key is typed once); a team is its secret token (an HttpOnly cookie set at join). A
  form names its team; a post whose team is not the cookie's is refused, so no team can
  change another's design or prediction.
* **CSRF.** Every form carries a token equal to a random per-browser cookie
  (double-submit, SameSite=Strict); a post without it is refused before anything is read.
* **Words, not error pages.** A design over budget or impossible comes back as the form
  with the problems listed (HTTP 422); nothing is stored until it has none.
* **Numbers written once.** Every number a page or its script shows is written on the
  server (:func:`jobfirst_sim.fmt.number`).
"""
