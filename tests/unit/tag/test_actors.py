import pandas as pd
import pytest

from russia_taliban.tag.actors import builtin_gazetteer, find_mentions
from tests.conftest import paragraphs_frame


def mentions(*texts: str) -> pd.DataFrame:
    return find_mentions(paragraphs_frame(*texts), builtin_gazetteer())


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("the rise of ISIS-K.", "ISIS-K"),
        ("ISKP claimed it", "ISIS-K"),
        ("Daesh-K fighters", "ISIS-K"),
        ("the Islamic State Khorasan Province", "ISIS-K"),
        ("Wilayat Khorasan", "ISIS-K"),
        ("the Islamic State’s Afghan branch", "ISIS-K"),
        ("the Islamic Emirate of Afghanistan", "Taliban"),
        ("the IEA", "Taliban"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Sergey Lavrov", "Sergey Lavrov"),
        ("Zabiullah Mujahid", "Zabihullah Mujahid"),
        ("Zabihullah Mujahid", "Zabihullah Mujahid"),
        ("the Shanghai Cooperation Organisation", "SCO"),
        ("U.S. officials", "United States"),
    ],
)
def test_aliases_resolve_to_one_canonical_actor(text: str, actor: str) -> None:
    assert mentions(text).actor.tolist() == [actor]


def test_surname_resolves_only_after_the_full_name() -> None:
    found = mentions("Sidorov spoke first.", "Col. Gen. Anatoly Sidorov warned of threats.", "Sidorov said more.")
    assert found[["paragraph_id", "actor", "surface"]].values.tolist() == [
        ["a-1", "Anatoly Sidorov", "Anatoly Sidorov"],
        ["a-2", "Anatoly Sidorov", "Sidorov"],
    ]


def test_case_sensitive_names_skip_common_words() -> None:
    assert mentions("Tensions rose; let us see.").empty


def test_mention_spans_point_into_the_paragraph() -> None:
    text = "Russia’s envoy met Muttaqi."
    row = mentions(text).iloc[0]
    assert text[row.start : row.end] == row.surface == "Russia"


def test_seed_isis_k_spellings_are_one_actor(seeds) -> None:
    found = find_mentions(seeds.paragraphs_frame, builtin_gazetteer())
    isis_k = found[found.actor == "ISIS-K"]
    assert {"ISIS-K", "ISKP", "Daesh-K"} <= set(isis_k.surface)
    assert set(isis_k.actor_type) == {"armed group"}


def test_a_surname_does_not_carry_over_to_the_next_article() -> None:
    first = paragraphs_frame("Col. Gen. Anatoly Sidorov warned of threats.", "Sidorov said more.")
    second = paragraphs_frame("Sidorov spoke again.").assign(article_id="b", paragraph_id="b-0")
    found = find_mentions(pd.concat([first, second], ignore_index=True), builtin_gazetteer())
    assert found[["paragraph_id", "surface"]].values.tolist() == [["a-0", "Anatoly Sidorov"], ["a-1", "Sidorov"]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("people: []\n", r"must contain \['actors'\]"),
        ("actors:\n  - {name: X, type: wizard}\n", "type must be one of"),
        ("actors:\n  - {type: person}\n", r"actors\[0\] must contain \['name'\]"),
        ("actors:\n  - {name: X, type: person, aliases: Xavier}\n", "aliases must be array"),
        ("actors:\n  - {name: '  ', type: person}\n", "name must match pattern"),
        ("actors:\n  - {name: X, type: person, colour: red}\n", "must not contain"),
        ("actors:\n  - {name: A B, type: person}\n  - {name: C D, type: person, aliases: [A B]}\n", "names both"),
        ("actors:\n  - &a {name: A B, type: person}\n  - *a\n", "aliases"),
        ("actors:\n  - {name: A B, type: person, type: state}\n", "duplicate key 'type'"),
        ("actors:\n  - {name: A B, type: person, aliases: ['re:(']}\n", "is not a valid pattern"),
    ],
)
def test_bad_actors_files_fail_with_one_line(tmp_path, text: str, message: str) -> None:
    from russia_taliban.errors import LexiconError
    from russia_taliban.tag.actors import load_gazetteer

    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        load_gazetteer(path)
    assert str(path) in info.value.line() and "\n" not in info.value.line()


def test_a_users_actors_file_adds_actors_with_non_latin_aliases(tmp_path) -> None:
    from russia_taliban.tag.actors import load_gazetteer

    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - {name: Moscow City, type: organisation, aliases: [Москва, Moscow City]}\n", "utf-8")
    found = find_mentions(paragraphs_frame("Москва и Moscow City; Москвы нет."), load_gazetteer(path))
    assert found[["actor", "surface"]].values.tolist() == [["Moscow City", "Москва"], ["Moscow City", "Moscow City"]]


@pytest.mark.parametrize(("spelling", "actor"), [("Oleg Nefyodov", "Oleg Nefedov"), ("Oleg Nefedov", "Oleg Nefedov")])
def test_transliterations_are_aliases(spelling: str, actor: str) -> None:
    assert mentions(f"Judge {spelling} read the ruling.").actor.tolist() == [actor]
