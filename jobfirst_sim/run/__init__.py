"""Running: one replication, replications, executors, manifests and sweeps."""
