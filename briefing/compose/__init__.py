"""BriefingSpec + tables + findings -> document blocks (no ReportLab here)."""
from briefing.compose.document import compose

__all__ = ["compose"]
