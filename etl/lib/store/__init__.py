"""The warehouse: the one table registry, building the star-schema frames, writing and
publishing the DuckDB file, and the quality rules. The top layer of ``etl.lib``.
"""
