"""Briefing: survey workbooks in, traceable PDF briefings out."""
__version__ = "0.1.0"
