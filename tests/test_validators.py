"""The generated validators: the design document's rules, from_dict's two modes,
fail-fast, messages that name the value, and agreement with the round trip."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from dreamvault_models import (
    Conversation,
    DecodeError,
    Message,
    Portfolio,
    Stock,
    User,
    validate_conversation,
    validate_portfolio,
    validate_stock,
    validate_user,
)
from hypothesis import given, settings

from benchmarks.records import conversation_record, portfolio_record, user_record
from tests.strategies import MODEL, records

Record = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Record], None]:
    """A mutation that sets the value at a JSON pointer of the record."""
    *parents, last = path.strip("/").split("/")

    def mutate(record: Record) -> None:
        node: Any = record
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[int(last) if isinstance(node, list) else last] = value

    return mutate


def _swap_first_messages(record: Record) -> None:
    first, second = record["messages"][0], record["messages"][1]
    first["timestamp"], second["timestamp"] = second["timestamp"], first["timestamp"]


# Each rule of the design document's "Validation Rules" that holds within one record,
# with a record that breaks it and the issue it must give. The rules across records
# (username unique, user must exist) are tested with `dreamvault validate`.
DESIGN_RULES = [
    (
        "User: email must be valid format",
        user_record,
        validate_user,
        _set("/email", "ada.example.com"),
        ("/email", "format"),
    ),
    (
        "User: preferences must match schema",
        user_record,
        validate_user,
        _set("/preferences/theme", ""),
        ("/preferences/theme", "minLength"),
    ),
    (
        "Portfolio: stock quantities must be positive",
        portfolio_record,
        validate_portfolio,
        _set("/stocks/3/quantity", 0),
        ("/stocks/3/quantity", "exclusiveMinimum"),
    ),
    (
        "Portfolio: prices must be positive",
        portfolio_record,
        validate_portfolio,
        _set("/stocks/0/purchase_price", "0.00"),
        ("/stocks/0/purchase_price", "exclusiveMinimum"),
    ),
    (
        "Portfolio: prices must be positive (current price)",
        portfolio_record,
        validate_portfolio,
        _set("/stocks/1/current_price", "-3.10"),
        ("/stocks/1/current_price", "exclusiveMinimum"),
    ),
    (
        "Portfolio: dates must be valid",
        portfolio_record,
        validate_portfolio,
        _set("/stocks/2/purchase_date", "2023-02-29"),
        ("/stocks/2/purchase_date", "format"),
    ),
    (
        "Portfolio: dates must be valid (timestamps carry an offset)",
        portfolio_record,
        validate_portfolio,
        _set("/created_at", "2024-03-15T09:30:00"),
        ("/created_at", "format"),
    ),
    (
        "Conversation: messages must be in chronological order",
        conversation_record,
        validate_conversation,
        _swap_first_messages,
        ("/messages/1/timestamp", "x-ordered-by"),
    ),
    (
        "Conversation: context must be valid JSON (an object of its schema)",
        conversation_record,
        validate_conversation,
        _set("/context", "{not json"),
        ("/context", "type"),
    ),
    (
        "Conversation: state must match schema",
        conversation_record,
        validate_conversation,
        _set("/state/status", "sleeping"),
        ("/state/status", "enum"),
    ),
    (
        "Nested rows carry their parent's key",
        portfolio_record,
        validate_portfolio,
        _set("/stocks/4/portfolio_id", "00000000-0000-4000-8000-000000000000"),
        ("/stocks/4/portfolio_id", "x-references"),
    ),
]


@pytest.mark.parametrize(
    ("make", "validate", "mutate", "expected"),
    [rule[1:] for rule in DESIGN_RULES],
    ids=[rule[0] for rule in DESIGN_RULES],
)
def test_each_design_rule_has_a_record_that_breaks_it(
    make: Callable[[], Record],
    validate: Callable[..., Any],
    mutate: Callable[[Record], None],
    expected: tuple[str, str],
) -> None:
    record = make()
    assert validate(record).valid
    mutate(record)
    result = validate(record)
    assert [(i.pointer, i.keyword) for i in result.errors] == [expected]


def test_every_error_is_collected_with_pointer_keyword_location_and_value() -> None:
    record = portfolio_record()
    record["name"] = ""
    record["cash_balance"] = "12.345"
    record["stocks"][0]["quantity"] = 1.5
    record["stocks"][0]["symbol"] = "aapl"
    del record["config"]["risk_tolerance"]
    record["surprise"] = True
    result = validate_portfolio(record)
    assert not result.valid
    assert [(i.pointer, i.keyword, i.schema_location) for i in result.errors] == [
        ("/name", "minLength", "portfolio.schema.json#/properties/name/minLength"),
        ("/stocks/0/symbol", "pattern", "stock.schema.json#/properties/symbol/pattern"),
        ("/stocks/0/quantity", "type", "stock.schema.json#/properties/quantity/type"),
        (
            "/cash_balance",
            "format",
            "portfolio.schema.json#/properties/cash_balance/format",
        ),
        ("/config", "required", "portfolio_config.schema.json#/required"),
        (
            "/surprise",
            "additionalProperties",
            "portfolio.schema.json#/additionalProperties",
        ),
    ]
    messages = [str(issue) for issue in result.errors]
    assert messages[0] == "/name: '' has 0 characters, fewer than the minimum of 1"
    assert "'aapl' does not match the pattern" in messages[1]
    assert messages[2] == (
        "/stocks/0/quantity: 1.5 is not of type 'integer' (it is number)"
    )
    assert messages[3] == "/cash_balance: '12.345' has more than 2 fraction digits"
    assert messages[4] == "/config: 'risk_tolerance' is a required property"


def test_fail_fast_stops_at_the_first_error() -> None:
    record = portfolio_record()
    record["name"] = ""
    record["cash_balance"] = "-1"
    result = validate_portfolio(record, fail_fast=True)
    assert not result.valid
    assert [i.pointer for i in result.errors] == ["/name"]
    assert validate_portfolio(portfolio_record(), fail_fast=True).valid


def test_from_dict_validates_fully_only_when_asked() -> None:
    record = portfolio_record()
    record["cash_balance"] = "-5.00"  # a bound: not needed to build the instance
    record["stocks"][0]["quantity"] = -2
    assert Portfolio.from_dict(record).cash_balance < 0
    with pytest.raises(DecodeError) as raised:
        Portfolio.from_dict(record, validate=True)
    assert [i.pointer for i in raised.value.issues] == [
        "/stocks/0/quantity",
        "/cash_balance",
    ]
    assert "2 problems in Portfolio" in str(raised.value)


def test_the_instance_validates_what_to_dict_writes() -> None:
    user = User.from_dict(user_record())
    assert user.validate().valid
    user.username = "no spaces allowed"
    user.email = "nobody"
    assert [i.pointer for i in user.validate().errors] == ["/email", "/username"]


def test_an_integral_float_is_an_integer_in_both_validate_and_from_dict() -> None:
    record = portfolio_record()["stocks"][0]
    record["quantity"] = 7.0
    assert validate_stock(record).valid
    stock = Stock.from_dict(record, validate=True)
    assert stock.quantity == 7 and type(stock.quantity) is int
    record["quantity"] = 7.5
    assert [i.keyword for i in validate_stock(record).errors] == ["type"]
    with pytest.raises(DecodeError):
        Stock.from_dict(record)


@pytest.mark.parametrize(
    ("value", "keyword"),
    [
        (True, "type"),  # JSON true is not an integer
        (float("nan"), "type"),  # json.loads reads NaN, JSON has none
        (2**31, "maximum"),
        ("7", "type"),
        (None, "type"),
    ],
)
def test_quantity_types_follow_json_not_python(value: Any, keyword: str) -> None:
    record = portfolio_record()["stocks"][0]
    record["quantity"] = value
    assert [i.keyword for i in validate_stock(record).errors] == [keyword]


@pytest.mark.parametrize(
    "entity", [e.name for e in MODEL.entities], ids=lambda name: str(name)
)
def test_every_valid_record_is_valid_and_builds(entity: str) -> None:
    import dreamvault_models
    from dreamvault_models import validators

    cls = getattr(dreamvault_models, entity)
    validate = getattr(validators, f"validate_{MODEL.entity(entity).stem}")

    @given(records(entity))
    def check(record: Record) -> None:
        kept = copy.deepcopy(record)
        result = validate(record)
        assert result.valid, result.errors
        assert record == kept  # validation changes nothing
        assert (
            cls.from_dict(record, validate=True).to_dict()
            == cls.from_dict(record).to_dict()
        )

    check()


def test_a_conversation_built_from_valid_data_validates() -> None:
    conversation = Conversation.from_dict(conversation_record(), validate=True)
    assert conversation.validate().valid


MONEY = {
    "$defs": {
        "money": {
            "type": "string",
            "format": "decimal",
            "x-precision": 10,
            "x-scale": 2,
        }
    },
    "type": "object",
    "properties": {"price": {"$ref": "#/$defs/money", "exclusiveMinimum": 0}},
}


@pytest.mark.parametrize(
    ("price", "keywords"),
    [
        ("1.00", []),
        ("0.01", []),
        ("0", ["exclusiveMinimum"]),
        ("-1.50", ["exclusiveMinimum"]),
        ("abc", ["format"]),  # reported once, by the referenced decimal
        ("1.234", ["format"]),
        (5, ["type"]),
    ],
)
def test_bounds_beside_a_ref_to_a_decimal_bound_its_value(
    price: Any, keywords: list[str]
) -> None:
    from generator.compiled import compile_validator

    validate = compile_validator(MONEY)
    assert [i.keyword for i in validate({"price": price}).errors] == keywords


def test_a_deprecated_property_in_the_data_is_a_warning_not_an_error() -> None:
    from generator.compiled import compile_validator

    validate = compile_validator(
        {
            "type": "object",
            "properties": {
                "nickname": {"type": "string", "deprecated": True},
                "age": {"type": "integer"},
            },
        }
    )
    result = validate({"nickname": "ada", "age": 36})
    assert result.valid and result.errors == ()
    assert [(w.pointer, w.keyword) for w in result.warnings] == [
        ("/nickname", "deprecated")
    ]
    result = validate({"nickname": 7, "age": "x"})
    assert [i.keyword for i in result.errors] == ["type", "type"]
    assert [w.pointer for w in result.warnings] == ["/nickname"]
    assert validate({"age": 1}).warnings == ()
    first = validate({"nickname": "ada", "age": "x"}, fail_fast=True)
    assert ([i.pointer for i in first.errors], len(first.warnings)) == (["/age"], 1)


TRICKY = [
    None,
    True,
    0,
    -1,
    1.0,
    1.5,
    2**31,
    "",
    "x",
    "AAPL",
    "0",
    "0.00",
    "-0.00",
    "0.01",
    "12.345",
    "1e3",
    "2024-02-29",
    "2023-02-29",
    "2024-01-31T23:59:59Z",
    "2024-04-31T00:00:00+05:30",
    "2024-01-31T24:00:00Z",
    "2024-01-31T09:30:00",
    "0000-01-01T00:00:00Z",
    "123e4567-e89b-12d3-a456-426614174000",
    "ada@example.com",
    "user",
    [],
    {},
    {"unexpected": 1},
]


def _pointer_parts(pointer: str) -> list[str]:
    return [part for part in pointer.split("/")[1:]]


def _replace(record: Record, pointer: str, value: Any) -> None:
    *parents, last = _pointer_parts(pointer)
    node: Any = record
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    elif value is DELETE:
        node.pop(last, None)
    else:
        node[last] = value


DELETE = object()


@pytest.mark.parametrize(
    "entity", [e.name for e in MODEL.entities], ids=lambda name: str(name)
)
def test_the_fast_path_says_valid_exactly_when_the_checks_find_nothing(
    entity: str,
) -> None:
    """The fast path may never pass what the checking path refuses (our specs use no
    anyOf or deprecated property, so here the two agree both ways)."""
    from dreamvault_models import validators

    from tests.strategies import places

    model_entity = MODEL.entity(entity)
    name = model_entity.stem
    fast = getattr(validators, f"_valid_{name}")
    check = getattr(validators, f"_check_{name}")

    @settings(max_examples=5)
    @given(records(entity))
    def compare(valid: Record) -> None:
        # Every place of the record, each broken with every tricky value in turn.
        for spot in [place.pointer for place in places(model_entity, valid)]:
            for value in [*TRICKY, DELETE]:
                record = copy.deepcopy(valid)
                try:
                    _replace(record, spot, copy.deepcopy(value))
                except (KeyError, IndexError, TypeError):
                    continue
                issues: list[Any] = []
                check(record, "", issues)
                assert fast(record) is (not issues), (spot, value, issues)

    compare()


def _parses(shape: Any, parse: Callable[[str], Any], text: str) -> bool:
    if shape.fullmatch(text) is None:
        return False
    try:
        parse(text)
    except ValueError:
        return False
    return True


def _near(texts: Any) -> Any:
    """Texts like `texts`, with one character changed, dropped or doubled."""
    from hypothesis import strategies as st

    edits = st.sampled_from("0123456789-:TtZz+.9 ")

    def edit(data: tuple[str, int, str, int]) -> str:
        text, at, char, how = data
        at %= len(text) + 1
        return [
            text[:at] + char + text[at + 1 :],
            text[:at] + text[at + 1 :],
            text[:at] + char + text[at:],
        ][how]

    return st.tuples(texts, st.integers(0, 40), edits, st.integers(0, 2)).map(edit)


def test_the_validators_date_checks_agree_with_parsing() -> None:
    """The validators hold every range in one pattern (only the 29th-31st consult a
    calendar); from_dict shapes and then parses. Both must accept the same texts."""
    from dreamvault_models import _runtime as rt
    from hypothesis import strategies as st

    from tests.strategies import rfc3339_texts

    dates = st.dates().map(lambda day: day.isoformat())
    texts = st.one_of(
        rfc3339_texts(), _near(rfc3339_texts()), dates, _near(dates), st.text()
    )

    @settings(max_examples=2000)
    @given(texts)
    def agree(text: str) -> None:
        assert rt.is_datetime(text) == _parses(
            rt.DATETIME_SHAPE, rt.parse_datetime, text
        )
        assert rt.is_date(text) == _parses(rt.DATE_SHAPE, rt.date_from_iso, text)

    agree()


@pytest.mark.parametrize(
    ("amount", "keywords"),
    [
        ("1.05", []),
        ("-2.10", []),
        ("1.03", ["multipleOf"]),
        ("123456789012345678901234567890123456.05", []),  # beyond 28 digits: exact
        ("123456789012345678901234567890123456.01", ["multipleOf"]),
        ("abc", ["format"]),
    ],
)
def test_multiple_of_on_a_decimal_holds_its_value(
    amount: str, keywords: list[str]
) -> None:
    from generator.compiled import compile_validator

    money = {"type": "string", "format": "decimal", "x-precision": 38, "x-scale": 2}
    for schema in (
        {"type": "object", "properties": {"a": {**money, "multipleOf": 0.05}}},
        {
            "type": "object",
            "$defs": {"money": money},
            "properties": {"a": {"$ref": "#/$defs/money", "multipleOf": 0.05}},
        },
    ):
        result = compile_validator(schema)({"a": amount})
        assert [i.keyword for i in result.errors] == keywords


@pytest.mark.parametrize(
    ("email", "valid"),
    [
        ("ada@example.com", True),
        ('"joe bloggs"@example.com', True),
        ('"joe\\"q"@example.com', True),
        ("joe@[127.0.0.1]", True),
        ("joe@[IPv6:::1]", True),
        ("a" * 64 + "@example.com", True),
        ("a" * 65 + "@example.com", False),  # RFC 5321: 64 octets of local part
        ('"\u00fc"@example.com', False),  # ASCII: idn-email is another format
        ('"\x00"@example.com', False),
        ('"\t"@example.com', False),
        ("joe@[IPv6:::1%eth0]", False),  # no zone id in an address literal
        ("joe@[127.0.0.300]", False),
        (".joe@example.com", False),
        ("joe..bloggs@example.com", False),
    ],
)
def test_email_addresses(email: str, valid: bool) -> None:
    record = user_record()
    record["email"] = email
    assert validate_user(record).valid is valid


@pytest.mark.parametrize("data", [None, 5, "ab", (1,), [("id", 1)]])
def test_from_dict_with_validate_refuses_what_is_no_record(data: Any) -> None:
    with pytest.raises(DecodeError) as raised:
        User.from_dict(data, validate=True)
    assert [(i.pointer, i.keyword) for i in raised.value.issues] == [("", "type")]


def _nested(depth: int, leaf: Any) -> Any:
    """`leaf` inside `depth` arrays, as `json.loads` reads `[[[...]]]`."""
    value = [leaf]
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("leaf", "builds"),
    [(1, True), (float("nan"), False), ({1, 2}, False), ({1: "a"}, False)],
    ids=["JSON", "NaN", "a set", "an integer key"],
)
@pytest.mark.parametrize("depth", [10, 900, 5000], ids=lambda depth: f"depth {depth}")
@pytest.mark.parametrize("validate", [False, True], ids=["plain", "validate"])
def test_free_form_values_of_any_depth_build_or_raise_decode_error(
    leaf: Any, builds: bool, depth: int, validate: bool
) -> None:
    """`json.loads` reads about 990 levels; a value built in Python may hold more.
    Either way `from_dict` answers, never with a RecursionError."""
    record = conversation_record()["messages"][0]
    record["metadata"] = metadata = {"x": _nested(depth, leaf)}
    if builds:
        assert Message.from_dict(record, validate=validate).metadata is metadata
    else:
        with pytest.raises(DecodeError) as raised:
            Message.from_dict(record, validate=validate)
        assert [i.pointer for i in raised.value.issues] == ["/metadata"]


def test_a_huge_integer_is_described_not_printed() -> None:
    record = portfolio_record()["stocks"][0]
    record["quantity"] = 10**5000
    [issue] = validate_stock(record).errors
    assert issue.message == (
        "an integer of more than 4300 digits is greater than the maximum of 2147483647"
    )


@pytest.mark.parametrize(
    ("factor", "number", "valid"),
    [(0.5, 10**5000, True), (0.3, 10**5000, False), (7, 7 * 10**5000, True)],
    ids=["0.5", "0.3", "7"],
)
def test_multiple_of_holds_for_integers_of_any_length(
    factor: float, number: int, valid: bool
) -> None:
    from generator.compiled import compile_validator

    result = compile_validator({"multipleOf": factor})(number)
    assert result.valid is valid
    assert [i.message for i in result.errors] == (
        []
        if valid
        else [f"an integer of more than 4300 digits is not a multiple of {factor}"]
    )


@pytest.mark.parametrize(
    ("change", "note"),
    [
        (
            str.upper,
            " (only its case differs: MariaDB and SQLite compare uuids as text)",
        ),
        (lambda key: "00000000-0000-4000-8000-000000000000", ""),
    ],
    ids=["another case", "another key"],
)
def test_nested_rows_carry_their_parents_uuid_exactly(
    change: Callable[[str], str], note: str
) -> None:
    record = portfolio_record()
    key = record["id"]
    assert key.upper() != key
    record["stocks"][0]["portfolio_id"] = child = change(key)
    [issue] = validate_portfolio(record).errors
    assert (issue.pointer, issue.keyword) == ("/stocks/0/portfolio_id", "x-references")
    assert issue.message == (
        f"{child!r} is not {key!r}, the key of the record it is nested in{note}"
    )


MESSAGES = [
    (
        {"uniqueItems": True},
        [1, {"a": 1}, 2, {"a": 1.0}],
        "(root): the array holds {'a': 1.0} more than once (items 1 and 3)",
    ),
    (
        {"format": "date-time"},
        "2024-02-30T00:00:00Z",
        "(root): '2024-02-30T00:00:00Z' is not a real date: there is no 2024-02-30",
    ),
    (
        {"format": "date"},
        "2023-02-29",
        "(root): '2023-02-29' is not a real date: there is no 2023-02-29",
    ),
    (
        {"format": "date"},
        "2023-2-28",
        "(root): '2023-2-28' is not a date like '2024-01-31'",
    ),
    ({"minLength": 2}, "a", "(root): 'a' has 1 character, fewer than the minimum of 2"),
    (
        {"maxLength": 1},
        "ab",
        "(root): 'ab' has 2 characters, more than the maximum of 1",
    ),
    ({"maxItems": 0}, [1], "(root): the array has 1 item, more than the maximum of 0"),
    (
        {"minItems": 3},
        [1, 2],
        "(root): the array has 2 items, fewer than the minimum of 3",
    ),
]


@pytest.mark.parametrize(("schema", "value", "message"), MESSAGES)
def test_a_message_names_the_value_and_reads_as_english(
    schema: dict[str, Any], value: Any, message: str
) -> None:
    from generator.compiled import compile_validator

    [issue] = compile_validator(schema)(value).errors
    assert str(issue) == message
