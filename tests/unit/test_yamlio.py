import pytest

from russia_taliban.errors import LexiconError, UserError
from russia_taliban.yamlio import parse_yaml, shown


def test_duplicate_key_is_refused_with_its_line():
    with pytest.raises(UserError, match=r"f\.yaml:3:1: not valid YAML: duplicate key 'a'"):
        parse_yaml("a: 1\nb: 2\na: 3\n", where="f.yaml")


def test_alias_is_refused_before_expansion():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b]\n'
    with pytest.raises(UserError, match="aliases") as info:
        parse_yaml(bomb, where="bomb.yaml")
    assert len(str(info.value)) < 200


def test_error_class_and_fix_are_the_callers():
    with pytest.raises(LexiconError, match="use the lexicon format"):
        parse_yaml("a: [1,\n", where="lex.yaml", error=LexiconError, fix="use the lexicon format")


def test_schema_violation_names_the_path():
    bad = "milestones:\n  - {date: '2021-8-15', label: Kabul}\n"
    with pytest.raises(UserError, match=r"milestones\[0\]\.date must match pattern") as info:
        parse_yaml(bad, where="m.yaml", schema="milestones")
    assert "m.yaml" in str(info.value)


def test_valid_file_parses_to_data():
    data = parse_yaml("milestones:\n  - {date: '2021-08-15', label: Kabul}\n", where="m.yaml", schema="milestones")
    assert data == {"milestones": [{"date": "2021-08-15", "label": "Kabul"}]}


def test_shown_value_is_bounded():
    assert len(shown("x" * 10_000)) == 80


def test_a_value_of_the_wrong_shape_is_told_what_shape_is_wanted():
    with pytest.raises(LexiconError) as info:
        parse_yaml("themes:\n  a:\n    terms: heroin\n", where="lex.yaml", schema="themes", error=LexiconError)
    assert "themes.a.terms must be a non-empty list of terms (each 1-200 characters), or weights" in str(info.value)
    assert "definition" not in str(info.value)
