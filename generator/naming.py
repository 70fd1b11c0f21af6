"""Names: identifiers, Python names for wire names, enum member names."""

from __future__ import annotations

import keyword
import re

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
SPEC_FILE = re.compile(r"([a-z][a-z0-9_]*)\.schema\.json\Z")
GENERATED_MODULES = frozenset({"validators", "dataset"})
"""Modules of the generated package that no spec stem may name (`_runtime` and
`_dataset` cannot be stems: a stem starts with a letter)."""

# Methods and attributes the generated classes define; a property of the same name would
# shadow one of them.
GENERATED_METHODS = frozenset(
    {
        "to_dict",
        "from_dict",
        "from_trusted_dict",
        "validate",
        "check",
        "_from_checked",
        "_from_valid",
    }
)
# Names the generated package exports next to the entity classes, and the module-level
# names its modules import or define: a class of the same name would shadow one of them.
RUNTIME_NAMES = frozenset(
    {
        "Final",
        "_rt",
        "_LOCATION",
        "_KNOWN_KEYS",
        "UNSET",
        "Unset",
        "DecodeError",
        "ValidationIssue",
        "ValidationResult",
        "Any",
        "Mapping",
        "Decimal",
        "Enum",
        "datetime",
        "date",
        "dataclass",
        "field",
        "datetime_from_iso",
        "date_from_iso",
        # Builtins the annotations of a generated class use.
        "int",
        "str",
        "float",
        "bool",
        "dict",
        "list",
    }
)


def is_identifier(name: str) -> bool:
    return IDENTIFIER.match(name) is not None


def attribute_name(name: str, taken: frozenset[str] = frozenset()) -> str:
    """The Python attribute of a property; the wire name stays as it is.

    A Python keyword, a name the generated module imports, or a class name of the model
    (`taken`) gets a trailing underscore: in a class body an attribute named `date`
    would hide the `date` type from the annotations and defaults after it.
    """
    if keyword.iskeyword(name) or name in RUNTIME_NAMES or name in taken:
        return name + "_"
    return name


def members_constant(enum_title: str) -> str:
    """The module constant mapping each value of an enum to its member."""
    return f"{constant_name(enum_title)}_BY_VALUE"


def enum_member_name(value: str) -> str:
    """`"1d"` -> `V1D`: upper case, others to `_`, a leading digit or `_` gets a V."""
    name = re.sub(r"[^A-Z0-9]", "_", value.upper())
    if not name or not name[0].isalpha():
        name = "V" + name
    return name


def constant_name(title: str) -> str:
    """`PortfolioConfig` -> `PORTFOLIO_CONFIG`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", title).upper()
