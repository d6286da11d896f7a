"""qmcrawl: collect, repair, dedupe and monitor reports on China's national Quality Month (质量月)."""

from __future__ import annotations

__version__ = "0.1.0"
