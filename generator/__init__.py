"""DreamVault schema toolkit: JSON Schema specs in, Python, SQL, validators and docs out."""

__version__ = "0.1.0"
