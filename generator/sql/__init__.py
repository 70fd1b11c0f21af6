"""The SQL targets: dialects as data, and the DDL they are rendered into."""
