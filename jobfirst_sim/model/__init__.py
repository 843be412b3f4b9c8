"""The simulation model: one replication of a scenario, week by week."""
