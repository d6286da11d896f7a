"""Local replicas of the target sites, served over real HTTP, and routing to them."""

from __future__ import annotations

from qmcrawl.replica.server import ReplicaServer
from qmcrawl.replica.sites import ReplicaError, default_sites_dir

__all__ = ["ReplicaError", "ReplicaServer", "default_sites_dir"]
