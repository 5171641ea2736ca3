"""Text parsing over plain strings: the one date parser, the one money parser, sentences,
keys and territories. Imports only ``etl.lib.model`` and ``etl.lib.wiki``.
"""
