"""A bad spec gets one exact message, exit code 2, no traceback, and nothing written.

Each case is a small folder of specs, run through `dreamvault generate` from the project
folder, so the message names the spec by its path relative to it, then the line and the
JSON pointer (DESIGN.md section 7).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import write_specs

DRAFT = "https://json-schema.org/draft/2020-12/schema"
UUID = {"type": "string", "format": "uuid"}
LOCATION = re.compile(r"Error: (?P<file>[^:]+):(?P<line>\d+): (?P<pointer>#[^:]*): ")


def entity(
    title: str,
    properties: dict[str, Any],
    *,
    table: str | None = None,
    required: tuple[str, ...] = (),
) -> dict[str, Any]:
    """An object spec; `write_specs` puts `$schema` on line 2 and `title` on line 3."""
    spec: dict[str, Any] = {"$schema": DRAFT, "title": title, "type": "object"}
    if table is not None:
        spec["x-table"] = table
    spec["properties"] = properties
    if table is not None and "id" in properties and not required:
        required = ("id",)  # a table's primary key is required
    if required:
        spec["required"] = list(required)
    return spec


def users(**properties: Any) -> dict[str, Any]:
    """A `users` table with an `id` (lines 7-10) and `properties` from line 11 on."""
    return {
        "user.schema.json": entity("User", {"id": UUID, **properties}, table="users")
    }


def enum(title: str, values: list[Any], **extra: Any) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, "type": "string", **extra, "enum": values}


def portfolio_and_stock(stock_id: dict[str, Any]) -> dict[str, Any]:
    return {
        "portfolio.schema.json": entity("Portfolio", {"id": UUID}, table="portfolios"),
        "stock.schema.json": entity(
            "Stock", {"id": UUID, "portfolio_id": stock_id}, table="stocks"
        ),
    }


MISSING_COMMA = '{\n  "title": "User",\n  "type": "object"\n  "properties": {}\n}\n'
DUPLICATE_KEY = """{
  "title": "User",
  "type": "object",
  "properties": {
    "a": {"type": "string"},
    "a": {"type": "integer"}
  }
}
"""
PRICE = {"type": "string", "format": "decimal", "x-precision": 10, "x-scale": 2}

CASES = [
    pytest.param(
        {"user.schema.json": MISSING_COMMA},
        "specs/user.schema.json:4: #: malformed JSON at column 3: expected ',' or '}'",
        id="malformed-json",
    ),
    pytest.param(
        {"user.schema.json": DUPLICATE_KEY},
        "specs/user.schema.json:6: #/properties: malformed JSON at column 5: "
        "duplicate key 'a', already set on line 5; keep only one of the two",
        id="duplicate-key",
    ),
    pytest.param(
        {"user.schema.json": "\ufeff{}"},
        "specs/user.schema.json:1: #: the file starts with a byte order mark; "
        "save it as UTF-8 without one",
        id="byte-order-mark",
    ),
    pytest.param(
        {
            "user.schema.json": {
                **entity("User", {}),
                "$schema": "http://json-schema.org/draft-07/schema#",
            }
        },
        "specs/user.schema.json:2: #/$schema: $schema is "
        "'http://json-schema.org/draft-07/schema#'; expected "
        "'https://json-schema.org/draft/2020-12/schema'",
        id="schema-of-another-draft",
    ),
    pytest.param(
        users(email={"type": "string", "maxLenght": 100}),
        "specs/user.schema.json:13: #/properties/email/maxLenght: "
        "unknown keyword 'maxLenght'; did you mean 'maxLength'?",
        id="unknown-keyword-typo",
    ),
    pytest.param(
        users(email={"type": "string", "x-nullable": True}),
        "specs/user.schema.json:13: #/properties/email/x-nullable: unknown extension "
        "keyword 'x-nullable'; expected one of x-default, x-index, x-indexes, "
        "x-on-delete, x-on-update, x-ordered-by, x-precision, x-primary-key, "
        "x-references, x-renamed-from, x-scale, x-sql-type, x-table, x-unique",
        id="unknown-x-keyword",
    ),
    pytest.param(
        users(email={"type": "string", "x-table": "emails"}),
        "specs/user.schema.json:13: #/properties/email/x-table: 'x-table' belongs at "
        "the top level of a spec, not inside a property",
        id="x-table-inside-property",
    ),
    pytest.param(
        users(tags={"type": "array", "items": {**UUID, "x-references": "user.id"}}),
        "specs/user.schema.json:16: #/properties/tags/items/x-references: "
        "'x-references' belongs on a property of the spec (under /properties/<name>)",
        id="x-references-inside-items",
    ),
    pytest.param(
        users(email={"type": "string", "format": "e-mail"}),
        "specs/user.schema.json:13: #/properties/email/format: unknown format "
        "'e-mail'; expected one of 'date', 'date-time', 'decimal', 'email', 'uuid'",
        id="unknown-format",
    ),
    pytest.param(
        users(email={"type": "string", "minLength": -1}),
        "specs/user.schema.json:13: #/properties/email/minLength: not valid draft "
        "2020-12: -1 is less than the minimum of 0",
        id="not-valid-draft-2020-12",
    ),
    pytest.param(
        users(prefs={"$ref": "preferences.schema.json"}),
        "specs/user.schema.json:12: #/properties/prefs/$ref: dangling $ref "
        "'preferences.schema.json': no spec file 'preferences.schema.json' in this "
        "folder",
        id="dangling-ref-to-missing-file",
    ),
    pytest.param(
        {
            "user.schema.json": {
                **entity("User", {"email": {"$ref": "#/$defs/email"}}),
                "$defs": {"mail": {"type": "string"}},
            }
        },
        "specs/user.schema.json:7: #/properties/email/$ref: dangling $ref "
        "'#/$defs/email': user.schema.json has nothing at #/$defs/email",
        id="dangling-ref-to-missing-def",
    ),
    pytest.param(
        users(avatar={"$ref": "https://example.com/x.json"}),
        "specs/user.schema.json:12: #/properties/avatar/$ref: remote $ref "
        "'https://example.com/x.json' is refused; refer to a spec file of the same "
        "folder by its name, like 'stock.schema.json'",
        id="remote-ref",
    ),
    pytest.param(
        users(outside={"$ref": "../outside.schema.json"}),
        "specs/user.schema.json:12: #/properties/outside/$ref: $ref "
        "'../outside.schema.json' must name a spec file of the same folder, like "
        "'stock.schema.json' (no folders, no '..')",
        id="ref-path-traversal",
    ),
    pytest.param(
        {"User-Account.schema.json": entity("UserAccount", {})},
        "specs/User-Account.schema.json:1: #: spec file name "
        "'User-Account.schema.json' is not <stem>.schema.json with a snake_case stem "
        "(a lower-case letter, then letters, digits and _; not a Python keyword), "
        "since the stem names a Python module",
        id="spec-file-name-not-snake-case",
    ),
    pytest.param(
        {"validators.schema.json": entity("Validators", {})},
        "specs/validators.schema.json:1: #: spec file name 'validators.schema.json' "
        "would name the module validators.py, which the generated package already "
        "has; rename the spec",
        id="spec-stem-is-a-generated-module",
    ),
    pytest.param(
        {"user.json": entity("User", {})},
        "specs/user.json:1: #: spec file name 'user.json' is not <stem>.schema.json "
        "with a snake_case stem (a lower-case letter, then letters, digits and _; not "
        "a Python keyword), since the stem names a Python module",
        id="spec-file-name-without-schema-json",
    ),
    pytest.param(
        {
            "a.schema.json": entity(
                "A", {"b": {"$ref": "b.schema.json"}}, required=("b",)
            ),
            "b.schema.json": entity(
                "B", {"a": {"$ref": "a.schema.json"}}, required=("a",)
            ),
        },
        "specs/a.schema.json:6: #/properties/b: infinite $ref cycle A -> B -> A: every "
        "instance would contain itself; make one of these properties optional or "
        "nullable",
        id="infinite-ref-cycle",
    ),
    pytest.param(
        {"user.schema.json": {"$schema": DRAFT, "type": "object", "properties": {}}},
        "specs/user.schema.json:1: #: the spec has no title; add the name of its "
        "class, like 'Stock'",
        id="no-title",
    ),
    pytest.param(
        {"user.schema.json": entity("User Account", {})},
        "specs/user.schema.json:3: #/title: title 'User Account' is not a class name; "
        "give the spec a title that is an identifier, like 'PortfolioConfig'",
        id="title-not-identifier",
    ),
    pytest.param(
        {"user.schema.json": entity("class", {})},
        "specs/user.schema.json:3: #/title: title 'class' is a Python keyword; it "
        "cannot name a class",
        id="title-python-keyword",
    ),
    pytest.param(
        {"final.schema.json": enum("Final", ["a"])},
        "specs/final.schema.json:3: #/title: title 'Final' clashes with a name the "
        "generated modules import or define; choose another title",
        id="title-shadows-an-import",
    ),
    pytest.param(
        users(to_dict={"type": "string"}),
        "specs/user.schema.json:11: #/properties/to_dict: property 'to_dict' clashes "
        "with a method of the generated class; choose another name",
        id="property-clashes-with-to_dict",
    ),
    pytest.param(
        users(**{"first-name": {"type": "string"}}),
        "specs/user.schema.json:11: #/properties/first-name: property name "
        "'first-name' is not an identifier (letters, digits and _, not starting with "
        "a digit)",
        id="property-name-not-identifier",
    ),
    pytest.param(
        users(**{"class": {"type": "string"}, "class_": {"type": "string"}}),
        "specs/user.schema.json:14: #/properties/class_: property 'class_' becomes "
        "the Python attribute 'class_', which property 'class' already has",
        id="two-properties-one-attribute",
    ),
    pytest.param(
        {"user.schema.json": entity("User", {"id": UUID}, required=("id", "email"))},
        "specs/user.schema.json:13: #/required/1: required names 'email', which is "
        "not in properties; define the property or remove the name",
        id="required-names-no-property",
    ),
    pytest.param(
        {"kind.schema.json": enum("Kind", ["a-b", "a_b"])},
        "specs/kind.schema.json:7: #/enum/1: enum values 'a-b' and 'a_b' both give "
        "the member name 'A_B'; rename one of them",
        id="enum-member-names-collide",
    ),
    pytest.param(
        {"mood.schema.json": enum("Mood", ["calm", "keen", "calm"])},
        "specs/mood.schema.json:8: #/enum/2: enum value 'calm' is listed twice; "
        "keep one",
        id="enum-value-twice",
    ),
    pytest.param(
        {"level.schema.json": enum("Level", ["low", 2])},
        "specs/level.schema.json:7: #/enum/1: enum value 2 is not a string; an enum "
        "spec holds strings",
        id="enum-value-not-string",
    ),
    pytest.param(
        {"level.schema.json": enum("Level", [1, 2], type="integer")},
        'specs/level.schema.json:4: #/type: an enum spec has "type": "string", '
        "not 'integer'",
        id="enum-spec-not-string",
    ),
    pytest.param(
        {
            "a.schema.json": entity("A", {"id": UUID}, table="things"),
            "b.schema.json": entity("B", {"id": UUID}, table="things"),
        },
        "specs/b.schema.json:5: #/x-table: table 'things' is already the table of "
        "specs/a.schema.json; give each entity its own x-table",
        id="duplicate-table-name",
    ),
    pytest.param(
        {
            "user.schema.json": {
                **entity("User", {"id": UUID, "email": {}}, table="users"),
                "x-indexes": [{"columns": ["email", "mail"]}],
            }
        },
        "specs/user.schema.json:20: #/x-indexes/0/columns/1: index column 'mail' is "
        "not a property of User",
        id="index-column-not-a-property",
    ),
    pytest.param(
        {"user.schema.json": entity("User", {"uid": UUID}, table="users")},
        "specs/user.schema.json:5: #/x-table: primary key column 'id' is not a "
        "property of User; add it or set x-primary-key",
        id="primary-key-not-a-property",
    ),
    pytest.param(
        {
            "stock.schema.json": entity(
                "Stock",
                {"id": UUID, "portfolio_id": {**UUID, "x-references": "portfolio.id"}},
                table="stocks",
            )
        },
        "specs/stock.schema.json:14: #/properties/portfolio_id/x-references: "
        "x-references 'portfolio.id': there is no table entity in "
        "portfolio.schema.json",
        id="x-references-missing-entity",
    ),
    pytest.param(
        portfolio_and_stock({**UUID, "x-references": "portfolio.uid"}),
        "specs/stock.schema.json:14: #/properties/portfolio_id/x-references: "
        "x-references 'portfolio.uid': Portfolio has no property 'uid'",
        id="x-references-missing-property",
    ),
    pytest.param(
        users(org_id={**UUID, "x-on-delete": "cascade"}),
        "specs/user.schema.json:14: #/properties/org_id/x-on-delete: x-on-delete "
        "needs x-references beside it",
        id="on-delete-without-references",
    ),
    pytest.param(
        {
            "portfolio.schema.json": entity(
                "Portfolio",
                {
                    "id": UUID,
                    "stocks": {"type": "array", "items": {"$ref": "stock.schema.json"}},
                },
                table="portfolios",
            ),
            "stock.schema.json": entity("Stock", {"id": UUID}, table="stocks"),
        },
        "specs/portfolio.schema.json:11: #/properties/stocks: nested Stock rows need "
        'a foreign key to Portfolio: add a property with "x-references": '
        '"portfolio.id" to stock.schema.json',
        id="nested-child-without-foreign-key",
    ),
    pytest.param(
        users(
            name={
                "type": "string",
                "x-sql-type": {"postgresql": "VARCHAR(10); DROP TABLE users"},
            }
        ),
        "specs/user.schema.json:14: #/properties/name/x-sql-type/postgresql: "
        "x-sql-type for postgresql: 'VARCHAR(10); DROP TABLE users' may hold no ';', "
        "comment or '#'; it must be exactly one data type",
        id="sql-type-with-a-second-statement",
    ),
    pytest.param(
        users(age={"type": "integer", "x-sql-type": {"sqlite": "INT INT"}}),
        "specs/user.schema.json:14: #/properties/age/x-sql-type/sqlite: x-sql-type "
        "for sqlite: 'INT INT' is not one SQL data type",
        id="sql-type-not-one-type",
    ),
    pytest.param(
        users(age={"type": "integer", "minimum": 0, "default": -1}),
        "specs/user.schema.json:14: #/properties/age/default: default -1 breaks the "
        "property's own schema: -1 is less than the minimum of 0",
        id="default-breaks-minimum",
    ),
    pytest.param(
        {
            "user.schema.json": entity(
                "User",
                {"id": UUID, "age": {"type": "integer", "minimum": 0, "default": -1}},
                table="users",
                required=("id", "age"),
            )
        },
        "specs/user.schema.json:14: #/properties/age/default: default -1 breaks the "
        "property's own schema: -1 is less than the minimum of 0",
        id="default-of-required-property-breaks-minimum",
    ),
    pytest.param(
        users(price={**PRICE, "x-default": "1.234"}),
        "specs/user.schema.json:16: #/properties/price/x-default: x-default '1.234' "
        "breaks the property's own schema: '1.234' has more than 2 fraction digits",
        id="x-default-too-many-fraction-digits",
    ),
    pytest.param(
        users(price={"type": "string", "format": "decimal"}),
        'specs/user.schema.json:11: #/properties/price: a "decimal" string needs '
        "x-precision and x-scale, like 15 and 2",
        id="decimal-without-precision",
    ),
    pytest.param(
        users(mood={"type": "string", "enum": ["ok", "half \ud800"]}),
        "specs/user.schema.json:13: #/properties/mood/enum: 'half \\ud800' holds "
        "half a character (a lone surrogate), which no database stores as text",
        id="lone-surrogate-in-a-column-enum",
    ),
    pytest.param(
        users(mood={"type": "string", "default": "\udfff"}),
        "specs/user.schema.json:13: #/properties/mood/default: '\\udfff' holds "
        "half a character (a lone surrogate), which no database stores as text",
        id="lone-surrogate-in-a-column-default",
    ),
    pytest.param(
        users(price={"type": "string", "format": "uuid", "x-scale": 3}),
        "specs/user.schema.json:11: #/properties/price: x-precision and x-scale go "
        'with "type": "string", "format": "decimal"',
        id="scale-on-a-uuid",
    ),
    pytest.param(
        users(at={"type": "string", "format": "date-time", "x-precision": 3}),
        "specs/user.schema.json:11: #/properties/at: x-precision and x-scale go "
        'with "type": "string", "format": "decimal"',
        id="precision-on-a-date-time",
    ),
    pytest.param(
        {"user.schema.json": entity("User", {"id": UUID}, table="users\n")},
        "specs/user.schema.json:5: #/x-table: invalid x-table: 'users\\n' is not an "
        "identifier (letters, digits and _, not starting with a digit)",
        id="table-name-with-a-trailing-newline",
    ),
    pytest.param(
        {"user.schema.json": '{"title": "User", "maxLength": ' + "9" * 5000 + "}"},
        "specs/user.schema.json:1: #/maxLength: malformed JSON at column 32: number "
        "'99999999999999999999' is too large (no finite value, or over 4300 digits)",
        id="number-too-long",
    ),
    pytest.param(
        {"user.schema.json": '{"title": "User", "maximum": 1e400}'},
        "specs/user.schema.json:1: #/maximum: malformed JSON at column 30: number "
        "'1e400' is too large (no finite value, or over 4300 digits)",
        id="number-beyond-float",
    ),
    pytest.param(
        users(count={"type": "integer", "default": 1.5}),
        "specs/user.schema.json:13: #/properties/count/default: default 1.5 breaks "
        "the property's own schema: 1.5 is not of type 'integer'",
        id="integer-default-with-a-fraction",
    ),
    pytest.param(
        {"user.schema.json": '{"title": ' + "[" * 5000 + "]" * 5000 + "}"},
        "specs/user.schema.json:1: #/title" + "/0" * 100 + ": malformed JSON at "
        "column 111: values nested more than 100 deep",
        id="nested-too-deeply",
    ),
    pytest.param(
        {
            "user.schema.json": entity(
                "User", {"id": UUID, "name": {"type": "string"}}, table="users"
            ),
            "post.schema.json": entity(
                "Post",
                {"id": UUID, "author": {"type": "string", "x-references": "user.name"}},
                table="posts",
            ),
        },
        "specs/post.schema.json:13: #/properties/author/x-references: x-references "
        "'user.name': a foreign key must name the primary key or an x-unique "
        "property, and user.name is neither",
        id="x-references-a-non-unique-column",
    ),
    pytest.param(
        {
            "user.schema.json": entity(
                "User", {"id": {"type": ["string", "null"]}}, table="users"
            )
        },
        "specs/user.schema.json:5: #/x-table: primary key column 'id' must be a "
        "required, non-null string, uuid, integer, decimal or date property",
        id="nullable-primary-key",
    ),
    pytest.param(
        {
            "user.schema.json": {
                **entity("User", {"id": UUID}, table="users"),
                "additionalProperties": {"type": "string"},
            }
        },
        "specs/user.schema.json:15: #/additionalProperties: a class has no place for "
        "extra properties of a schema; use false (extra keys refused) or true, or "
        "give them a free-form object property",
        id="additional-properties-schema",
    ),
    pytest.param(
        {"size.schema.json": enum("Size", [])},
        "specs/size.schema.json:5: #/enum: an enum spec needs at least one value",
        id="empty-enum",
    ),
    pytest.param(
        users(__secret={"type": "string"}),
        "specs/user.schema.json:11: #/properties/__secret: property '__secret' starts "
        "with two underscores, which Python mangles inside a class; choose another "
        "name",
        id="property-name-mangled",
    ),
]

NOT_ECMA = "is not an ECMA-262 regular expression: "
NOT_ALIKE = "is ECMA-262, but Python's re cannot run it as ECMA-262 does: "
NOT_IN_PYTHON = "is ECMA-262, but Python's re cannot run it: "
NO_QUANTIFIER = (
    "is no quantifier: ECMA-262 has {n}, {n,} and {n,m}, and writes a literal { as \\{"
)
NOT_BACK = (
    "a group that has not matched matches the empty text in ECMA-262 and nothing in "
    "Python"
)
PATTERNS = [
    # Python's syntax, or none at all, in ECMA-262 unicode mode
    ("^a{,3}b$", NOT_ECMA + "{,3} at position 2 " + NO_QUANTIFIER),
    ("a{", NOT_ECMA + "{ at position 1 " + NO_QUANTIFIER),
    ("a{x}", NOT_ECMA + "{x} at position 1 " + NO_QUANTIFIER),
    ("a}", NOT_ECMA + "a lone } at position 1 is written \\}"),
    ("a]", NOT_ECMA + "a lone ] at position 1 is written \\]"),
    ("[]]", NOT_ECMA + "a lone ] at position 2 is written \\]"),
    ("^ab\\Z", NOT_ECMA + "\\Z at position 3 is no ECMA-262 escape"),
    ("\\A", NOT_ECMA + "\\A at position 0 is no ECMA-262 escape"),
    ("a\\-b", NOT_ECMA + "\\- at position 1 is no ECMA-262 escape"),
    (
        "(?i)abc",
        NOT_ECMA + "(?i) at position 0 is Python's inline flags; ECMA-262 has none",
    ),
    (
        "(?P<x>a)",
        NOT_ECMA + "(?P< at position 0 is Python's named group; ECMA-262 writes "
        "(?<name>...)",
    ),
    (
        "(?>a)",
        NOT_ECMA + "(?> at position 0 is Python's atomic group; ECMA-262 has none",
    ),
    (
        "(?#note)a",
        NOT_ECMA + "(?# at position 0 is Python's comment; ECMA-262 has none",
    ),
    (
        "(a)(?(1)b|c)",
        NOT_ECMA + "(?( at position 3 is Python's conditional group; ECMA-262 has none",
    ),
    (
        "a++",
        NOT_ECMA + "++ at position 1 is Python's possessive quantifier; ECMA-262 has "
        "none",
    ),
    (
        "a*+",
        NOT_ECMA + "*+ at position 1 is Python's possessive quantifier; ECMA-262 has "
        "none",
    ),
    ("a**", NOT_ECMA + "* at position 2 has nothing to repeat"),
    ("\\b+", NOT_ECMA + "+ at position 2 has nothing to repeat"),
    ("^*", NOT_ECMA + "* at position 1 has nothing to repeat"),
    ("(?=a)*", NOT_ECMA + "* at position 5 has nothing to repeat"),
    ("(unclosed", NOT_ECMA + "( at position 0 is never closed"),
    ("a)", NOT_ECMA + ") at position 1 closes no group"),
    ("[a", NOT_ECMA + "[ at position 0 is never closed"),
    ("[z-a]", NOT_ECMA + "range z-a at position 1 runs backwards"),
    ("[\\d-z]", NOT_ECMA + "a range at position 1 is bounded by a class escape"),
    ("a{2,1}", NOT_ECMA + "{2,1} at position 1 counts down"),
    ("\\01", NOT_ECMA + "\\01 at position 0: unicode mode has no octal"),
    ("\\c1", NOT_ECMA + "\\c at position 0 is not followed by a letter"),
    ("\\x4", NOT_ECMA + "\\x at position 0 is not followed by two hex digits"),
    ("\\u12", NOT_ECMA + "\\u at position 0 is not followed by four hex digits"),
    ("\\u{110000}", NOT_ECMA + "\\u{110000} at position 0 is beyond U+10FFFF"),
    ("(?<n>a)(?<n>b)", NOT_ECMA + "Duplicate capture group name"),  # regress's reason
    ("(?x:a)", NOT_ECMA + "Invalid group modifier"),
    # ECMA-262 that Python's re would match otherwise
    (
        "\\p{Letter}",
        NOT_ALIKE + "\\p{Letter} at position 0 is a Unicode property escape, which "
        "Python's re has none of",
    ),
    ("(a)\\1", NOT_ALIKE + "backreference \\1 at position 3: " + NOT_BACK),
    ("(?<x>a)\\k<x>", NOT_ALIKE + "backreference \\k at position 7: " + NOT_BACK),
    (
        "(?i:a)",
        NOT_ALIKE + "modifier group (?i: at position 0: Python's re reads i, m and s "
        "otherwise (case folding, line terminators)",
    ),
    (
        "\\ud83d",
        NOT_ALIKE + "lone surrogate \\ud83d at position 0: Python matches it inside a "
        "pair, ECMA-262 does not",
    ),
    (
        "\ud83d",
        NOT_ALIKE + "lone surrogate \\ud83d at position 0: Python matches it inside a "
        "pair, ECMA-262 does not",
    ),
    ("(?<=a+)b", NOT_IN_PYTHON + "look-behind requires fixed-width pattern"),
    ("a{4294967296}", NOT_IN_PYTHON + "the repetition number is too large"),
]
"""Patterns refused at load time, and the reason after `pattern '...' `."""

CASES += [
    pytest.param(
        users(name={"type": "string", "pattern": pattern}),
        f"specs/user.schema.json:13: #/properties/name/pattern: pattern {pattern!r} "
        + reason,
        id=f"pattern-{pattern}",
    )
    for pattern, reason in PATTERNS
]


def generate(workdir: Path, specs: dict[str, Any]) -> Result:
    """Write `specs` into `workdir/specs` and run `generate` on them, out to `out`."""
    write_specs(workdir / "specs", specs)
    # An empty pyproject.toml makes `workdir` the root that paths are shown from.
    (workdir / "pyproject.toml").touch()
    arguments = ["--specs", str(workdir / "specs"), "--out", str(workdir / "out")]
    return CliRunner().invoke(main, ["generate", *arguments])


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("specs", "message"), CASES)
def test_bad_spec_is_refused(
    workdir: Path, specs: dict[str, Any], message: str
) -> None:
    result = generate(workdir, specs)

    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")
    assert not (workdir / "out").exists()


@pytest.mark.parametrize(("specs", "message"), CASES)
def test_message_names_the_line_of_its_pointer(
    workdir: Path, specs: dict[str, Any], message: str
) -> None:
    """A line > 0 and a `#` pointer; if the pointer ends at a key, that line has it."""
    output = generate(workdir, specs).output
    found = LOCATION.match(output)

    assert found is not None, output
    line, key = int(found["line"]), _last_key(found["pointer"])
    assert line > 0
    if key is not None and "malformed JSON" not in message:
        text = (workdir / found["file"]).read_text("utf-8")
        assert f"{json.dumps(key)}:" in text.splitlines()[line - 1]


def test_bad_spec_leaves_existing_output_as_it_was(workdir: Path) -> None:
    assert generate(workdir, users(name={"type": "string"})).exit_code == 0
    (workdir / "out" / "notes.txt").write_bytes(b"kept\r\nas is\n")
    before = _tree(workdir / "out")

    result = generate(workdir, users(name={"type": "string", "maxLenght": 10}))

    assert result.exit_code == 2
    assert _tree(workdir / "out") == before


def test_tree_through_optional_and_array_properties_is_accepted(workdir: Path) -> None:
    """A -> B is optional and B -> A is a required array: every instance is finite."""
    specs = {
        "a.schema.json": entity("A", {"b": {"$ref": "b.schema.json"}}),
        "b.schema.json": entity(
            "B",
            {"a": {"type": "array", "items": {"$ref": "a.schema.json"}}},
            required=("a",),
        ),
    }

    result = generate(workdir, specs)

    assert (result.exit_code, result.exception) == (0, None), result.output
    package = workdir / "out" / "python" / "dreamvault_models"
    assert {"a.py", "b.py"} <= {p.name for p in package.iterdir()}


def _last_key(pointer: str) -> str | None:
    """The object key a `#/...` pointer ends at; None for the root or an array index."""
    token = pointer.removeprefix("#").rpartition("/")[2]
    if not token or token.isdigit():
        return None
    return token.replace("~1", "/").replace("~0", "~")


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
