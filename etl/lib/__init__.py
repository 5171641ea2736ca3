"""Pure logic of the warehouse: parsing, cleaning and shaping. No Dagster imports here."""
