"""The package's version (also in pyproject.toml and written to run.json's `tool`)."""

__version__ = "0.13.0"
