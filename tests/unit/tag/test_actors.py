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


def reference_mentions(paragraphs: pd.DataFrame, gazetteer) -> list[tuple[str, str, int, int]]:
    """The gazetteer rule written plainly, one paragraph at a time: leftmost-longest aliases, and a
    surname only once its person was named in full earlier in the same article."""
    from russia_taliban.tag.hits import longest_first

    out, seen, article = [], set(), None
    for row in paragraphs.itertuples(index=False):
        if row.article_id != article:
            article, seen = row.article_id, set()
        for hit in longest_first(gazetteer.matcher.scan(row.text)):
            actor, is_surname = gazetteer.owners[hit.key]
            if is_surname and actor.name not in seen:
                continue
            if actor.type == "person":
                seen.add(actor.name)
            out.append((row.paragraph_id, actor.name, hit.start, hit.end))
    return out


def test_mentions_of_all_paragraphs_at_once_agree_with_one_at_a_time() -> None:
    import random

    pool = ["Lavrov", "Sergei Lavrov", "Kabulov", "Zamir Kabulov", "Daesh", "Daesh-K", "ISIS", "ISIS-K", "said",
            "the", "Russia", "Russian Federation", "and", "Mujahid", "Zabiullah Mujahid", "Taliban", "met", "in"]  # fmt: skip
    rng = random.Random(5)
    frames = []
    for a in range(30):
        texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 6))]
        frames.append(
            paragraphs_frame(*texts).assign(
                article_id=f"x{a}", paragraph_id=lambda f, a=a: f"x{a}-" + f.index.astype(str)
            )
        )
    paragraphs = pd.concat(frames, ignore_index=True)
    found = find_mentions(paragraphs, builtin_gazetteer())
    found = found[found.in_gazetteer]
    assert list(found[["paragraph_id", "actor", "start", "end"]].itertuples(index=False, name=None)) == (
        reference_mentions(paragraphs, builtin_gazetteer())
    )


@pytest.mark.parametrize("name", ["Lavrov", "Sergey Lavrov", "Kabulov", "Moscow", "Nobody", "lavrov", "Lavrov", ""])
def test_resolve_memo_answers_as_the_matcher_does(name: str) -> None:
    gazetteer = builtin_gazetteer()
    assert gazetteer.resolve(name) == gazetteer.resolve_reference(name)
    assert gazetteer.resolve(name) == gazetteer.resolve_reference(name)  # the second answer comes from the memo


def test_a_pickled_gazetteer_carries_no_memo() -> None:
    import pickle

    gazetteer = builtin_gazetteer()
    gazetteer.resolve("Lavrov")
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert "_resolved" not in copy.__dict__
    assert copy.resolve("Sergey Lavrov") == gazetteer.resolve_reference("Sergey Lavrov") is not None
