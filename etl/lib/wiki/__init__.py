"""Wiki syntax, the bottom layer: parsing, the one template registry and renderer, sections,
tables, and the Article that holds one page's parse. Imports only ``etl.lib.model``.
"""
