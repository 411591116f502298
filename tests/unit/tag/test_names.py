import pytest

from russia_taliban.tag.names import ORGANISATION, PERSON, is_person_name, new_names, strip_titles
from russia_taliban.text.wordlists import wordlists


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Judge Ilya Morozov read the ruling.", [("Ilya Morozov", PERSON, "Judge")]),
        ("Political analyst Karim Sadat disagreed.", [("Karim Sadat", PERSON, "Political analyst")]),
        ("Its spokesman, Omar Haidari, spoke.", [("Omar Haidari", PERSON, "spokesman")]),
        ("Omar Haidari, who advises the chamber, spoke.", [("Omar Haidari", PERSON, "who advises the chamber")]),
        ("Lena Fischer, a researcher in Bonn, spoke.", [("Lena Fischer", PERSON, "a researcher in Bonn")]),
        ("“It will pass,” said Ivan Petrov.", [("Ivan Petrov", PERSON, "")]),
        ("Ivan Petrov said it would pass.", [("Ivan Petrov", PERSON, "")]),
        ("the Afghan Chamber of Commerce and the Russian Foreign Ministry",
         [("Afghan Chamber of Commerce", ORGANISATION, ""), ("Russian Foreign Ministry", ORGANISATION, "")]),
        # a word that introduces a name, and a given name alone before an appositive headed by a role
        ("A carpet merchant from Balkh named Rahim Jan Sultani sold rugs.", [("Rahim Jan Sultani", PERSON, "")]),
        ("Leyla, a retired nurse who once ran a clinic, now sells bread.",
         [("Leyla", PERSON, "a retired nurse who once ran a clinic")]),
        ("For Tahmina, a graduate student from Balkh, the ruling came late.",
         [("Tahmina", PERSON, "a graduate student from Balkh")]),
        ("Yusuf, who drives a lorry to Termez, was waiting.", [("Yusuf", PERSON, "who drives a lorry to Termez")]),
        ("A grandmother of six, Gulalai, a 70-year-old, waited.", [("Gulalai", PERSON, "a 70-year-old")]),
        # no cue, or not a name: nothing
        ("However, a senior diplomat said the visit was off.", []),
        ("Meanwhile, an envoy from Tehran arrived.", []),
        ("Tashkent, a city of three million, hosted the forum.", []),
        ("A doctor in Kandahar, who asked not to be named, was there.", []),
        ("In March, a local trader was arrested.", []),
        ("Leyla, a name her mother chose, is common.", []),
        ("a movement called Islamic State Khorasan grew.", []),
        ("Ivan Petrov and Lena Fischer met.", []),
        ("The former Soviet republics said little.", []),
        ("Officials in Central Asia said little.", []),
        # a place before an appositive is no given name: the head must be a person noun, "who" must start a
        # verb (not "who many call"), and places the gazetteer or the place list knows are never people
        ("Termez, a source of friction, lies on the border.", []),
        ("Kandahar, who many call the heartland, fell first.", []),
        ("Uzbekistan, a member of the SCO, sent a delegation.", []),
        ("Kazakhstan, a major exporter of wheat, raised prices.", []),
        ("Herat, a teacher of mine once said, is beautiful.", []),
        ("Khost, who people say the Taliban never left, was quiet.", []),
        ("Jalalabad, who few remember, was once a resort.", []),
        ("Mazar, a trading partner of Termez, grew.", []),
        ("Nasrin, who fled to Iran in 2021, came back.", [("Nasrin", PERSON, "who fled to Iran in 2021")]),
        ("Zarmina, a baker in Kabul, opened early.", [("Zarmina", PERSON, "a baker in Kabul")]),
        ("“It will pass,” told Ekho Moskvy listeners.", []),
    ],
)  # fmt: skip
def test_cued_names_are_found_with_their_roles(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = new_names(text)
    assert [(n.name, n.type, n.role) for n in found] == expected
    assert all(text[n.start : n.end] == n.name for n in found)


def test_names_inside_known_spans_are_left_to_the_gazetteer() -> None:
    text = "Judge Ilya Morozov read the ruling."
    assert new_names(text, [(6, 18)]) == []


@pytest.mark.parametrize(
    ("phrase", "name", "title"),
    [
        ("Deputy Foreign Minister Ivan Petrov", "Ivan Petrov", "Deputy Foreign Minister"),
        ("the Judge Ilya Morozov", "Ilya Morozov", "Judge"),
        ("Kabulov’s deputy", "Kabulov", ""),
        ("Dr. Lena Fischer", "Lena Fischer", "Dr."),
    ],
)
def test_titles_and_roles_are_stripped_from_names(phrase: str, name: str, title: str) -> None:
    assert strip_titles(phrase) == (name, title)


@pytest.mark.parametrize(
    ("name", "single", "ok"),
    [("Ivan Petrov", False, True), ("Ivan", False, False), ("Farida", True, True), ("Foreign Ministry", False, False),
     ("Central Asia", False, False), ("Soviet Union", False, False), ("Abdul al Rahman", False, True)],
)  # fmt: skip
def test_what_can_be_a_persons_name(name: str, single: bool, ok: bool) -> None:
    assert is_person_name(name, single=single) is ok


def test_an_organisation_ending_in_a_gazetteer_name_is_left_to_the_gazetteer() -> None:
    text = "the Moscow-led Collective Security Treaty Organization met"
    known = [(text.index("Collective"), text.index(" met"))]
    assert new_names(text, known) == []


def test_after_known_equals_the_two_pass_reference_on_random_spans() -> None:
    import random

    from russia_taliban.tag.names import _after_known, _after_known_reference

    rng = random.Random(14)
    answers = set()
    for _ in range(3000):
        known = [(s, s + rng.randint(1, 12)) for s in (rng.randint(0, 60) for _ in range(rng.randint(0, 6)))]
        start = rng.randint(0, 50)
        end = start + rng.randint(1, 20)
        expected = _after_known_reference(known, start, end)
        answers.add("none" if expected is None else "start" if expected == start else "after")
        assert _after_known(known, start, end) == expected, (known, start, end)
    assert answers == {"none", "start", "after"}  # every outcome was exercised


@pytest.mark.parametrize("word", wordlists()["name_leading_words"])
def test_small_words_before_a_name_are_no_part_of_it(word: str) -> None:
    assert strip_titles(f"{word.title()} Ivan Petrov") == ("Ivan Petrov", "")
    found = new_names(f"Officials said {word.title()} Afghan Chamber of Commerce members left.")
    assert [(n.name, n.type) for n in found] == [("Afghan Chamber of Commerce", ORGANISATION)]


@pytest.mark.parametrize("link", wordlists()["organisation_links"])
def test_an_organisation_continues_after_its_link(link: str) -> None:
    found = new_names(f"Officials said the Kestrel Centre {link} Eurasian Studies objected.")
    assert [(n.name, n.type) for n in found] == [(f"Kestrel Centre {link} Eurasian Studies", ORGANISATION)]
