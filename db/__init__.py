"""Storage: typed models, engine set-up and Alembic migrations. No Qt here."""
