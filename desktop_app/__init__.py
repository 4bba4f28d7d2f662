"""案件质量自查 (Case Quality Self-Inspection): an offline desktop tool for procuratorates."""

__version__ = "0.1.0"
