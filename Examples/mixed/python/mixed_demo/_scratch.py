# A development-only module: `exclude` in pyproject.toml keeps it out of wheels and sdists.
