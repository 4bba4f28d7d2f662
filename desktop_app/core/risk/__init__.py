"""Risk models from practice: 社会危险性 (三色码) before the arrest decision, and sentencing screening.

Both models are data a procuratorate may edit (`resources/risk/`); this package reads and checks them and applies
them to cases. Nothing here imports Qt or touches a database.
"""
