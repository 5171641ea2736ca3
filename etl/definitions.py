import warnings
from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)


def build_defs() -> dg.Definitions:
    """The definitions of ``etl/defs`` alone, as ``etl build`` runs them: the same assets,
    checks, jobs, resources and executor as ``defs``, without the catalogue of plugin component
    types the UI lists (found by loading every installed package's entry points: ~0.25 s of
    every build). Dagster's notes on preview and beta APIs are silenced as
    ``load_from_defs_folder`` silences them."""
    with warnings.catch_warnings():
        for category in (dg.PreviewWarning, dg.BetaWarning, dg.SupersessionWarning):
            warnings.simplefilter("ignore", category)
        tree = dg.ComponentTree.for_project(path_within_project=Path(__file__).parent)
        return tree.build_defs(tree.defs_module_path)
