"""Extractors: one module per format, yielding Units (text and tables with locations)."""
