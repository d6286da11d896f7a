"""Text layer: decode page bytes and repair damaged Chinese text."""

from __future__ import annotations

from qmcrawl.text.decode import Decoded, decode, decode_page
from qmcrawl.text.repair import Repaired, repair

__all__ = ["Decoded", "Repaired", "decode", "decode_page", "repair"]
