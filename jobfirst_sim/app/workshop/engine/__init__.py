"""The workshop's game: cards, a team's design, its checks and its run (no web code).

Why apart from the pages: the rules of the game are pure computation that the web app
(:mod:`jobfirst_sim.app.workshop.views`), the tests and the benchmark share, and they must
give the same answer whatever page asks. :mod:`.cards` reads the scenario cards
(``scenarios/workshop/<key>.card.yaml`` beside ``<key>.yaml``); :mod:`.design` is a team's
choices; :mod:`.checks` says in words what is wrong with a design; :mod:`.run` runs it
against the card's jobcentre; :mod:`.numbers` writes its numbers.
"""
