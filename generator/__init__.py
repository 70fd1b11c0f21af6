"""DreamVault schema toolkit: JSON Schema specs in; Python, SQL, validators out."""

__version__ = "0.1.0"
