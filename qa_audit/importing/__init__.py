"""Reading councils' files: spreadsheets and CSV into checked rows (no database, no Qt).

``tabular`` reads a table within ``import_limits``, ``headers`` matches column names,
``values`` parses cells; ``register_parse``, ``audits_parse`` (checking against a
rubric through ``audits_rubric``'s callbacks) and ``advice_parse`` turn tables into
rows; ``audits_diff`` says what an audits import would change. The services
that store the rows (``services.register_import``, ``services.audits_import``) call these.
"""
