"""The theme catalogue and tagging tables with the themes they match."""
from briefing.themes.catalogue import load_catalogue, parse_catalogue
from briefing.themes.tagging import tag_table, tag_tables
from briefing.themes.assign import tables_for_theme

__all__ = ["load_catalogue", "parse_catalogue", "tag_table", "tag_tables", "tables_for_theme"]
