"""The fact-family extractors: infobox, cast, accolades, releases, home media, soundtrack,
prose and IMDb-style pages. Import only from ``wiki``, ``text`` and ``model``.
"""
