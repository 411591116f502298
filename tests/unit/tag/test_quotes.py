from collections.abc import Callable, Iterator

import pytest

from russia_taliban.tag.actors import builtin_gazetteer
from russia_taliban.tag.quotes import find_quotes, quote_spans, quote_spans_reference
from russia_taliban.text.wordlists import wordlists
from tests.conftest import paragraphs_frame


def quotes(*texts: str) -> list[tuple[str, str]]:
    found = find_quotes(paragraphs_frame(*texts), builtin_gazetteer())
    return [(speaker, quote.rstrip(".")) for speaker, quote in found[["speaker", "quote"]].values]


Q = "we will never allow anyone to use Afghan soil"


@pytest.mark.parametrize(
    "text",
    [
        f"“{Q},” said Zabihullah Mujahid.",
        f"“{Q},” Zabihullah Mujahid said.",
        f'"{Q}," writes Zabihullah Mujahid.',
        f"Zabihullah Mujahid said: “{Q}.”",
        f"Zabihullah Mujahid said that “{Q}.”",
        f"Taliban spokesman Zabihullah Mujahid told reporters in January that “{Q}.”",
        f"According to Zabihullah Mujahid, the movement holds that “{Q}.”",
        f"“{Q},” according to Zabihullah Mujahid.",
        f"“{Q},” Zabihullah Mujahid, the Taliban’s chief spokesman, told reporters.",
    ],
)
def test_attribution_forms(text: str) -> None:
    assert quotes(text) == [("Zabihullah Mujahid", Q)]


def test_pronoun_resolves_to_the_person_last_named() -> None:
    found = quotes("Sergey Lavrov met the delegation.", f"He said: “{Q}.”")
    assert found == [("Sergey Lavrov", Q)]


def test_surname_speaker_resolves_to_full_name_even_outside_the_gazetteer() -> None:
    found = quotes("Jane Q. Analyst and Mary Smith spoke.", f"“{Q},” said Smith.")
    assert found == [("Mary Smith", Q)]


def test_quote_only_paragraph_continues_the_previous_speaker() -> None:
    assert quotes(f"“{Q},” said Sergei Lavrov.", "“This will also take time and patience.”") == [
        ("Sergey Lavrov", Q),
        ("Sergey Lavrov", "This will also take time and patience"),
    ]


def test_scare_quotes_are_not_quotes() -> None:
    assert quotes("Moscow set ‘red lines’ and called the claims “baseless.” It spoke of “inclusive dialogue”.") == []


def test_quote_without_speaker_keeps_empty_speaker() -> None:
    assert quotes(f"To the Taliban, “{Q}.”") == [("", Q)]


def test_institution_is_not_a_speaker() -> None:
    assert quotes(f"According to the Kremlin, “{Q}.”") == [("", Q)]


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("far more trustworthy partner", "Zamir Kabulov"),
        ("At this point, there is no recognition", "Sergey Lavrov"),
        ("stability in Afghanistan is in the centre of regional prosperity", "Yue Xiaoyong"),
        ("I do not think that this represents", "Caroline Rose"),
        ("reduce the threat from Islamist extremism", "Anatol Lieven"),
        ("the biggest threat to stability in Central Asia", "Anatoly Sidorov"),
    ],
)
def test_seed_quotes_carry_their_speakers(seeds, fragment: str, speaker: str) -> None:
    found = find_quotes(seeds.paragraphs_frame, builtin_gazetteer())
    assert found[found.quote.str.contains(fragment, regex=False)].speaker.tolist() == [speaker]


S = "the door is open but nobody has walked through it"  # a quotation of our own, long enough


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # titles and roles stripped; aliases resolved
        ([f"“{S},” said Judge Oleg Nefyodov."], [("Oleg Nefedov", "person")]),
        ([f"“{S},” said Zabiullah Mujahid."], [("Zabihullah Mujahid", "person")]),
        ([f"Foreign Minister Sergei Lavrov said: “{S}.”"], [("Sergey Lavrov", "person")]),
        ([f"Deputy Foreign Minister Ivan Petrov said: “{S}.”"], [("Ivan Petrov", "person (not in gazetteer)")]),
        ([f"Ambassador Lena Fischer told reporters that “{S}.”"], [("Lena Fischer", "person (not in gazetteer)")]),
        # the speaker named in the sentence before, or after a long quote
        ([f"Sergey Lavrov was blunt. “{S}.”"], [("Sergey Lavrov", "person")]),
        ([f"The analyst Tomas Berg was unimpressed. “{S}.”"], [("Tomas Berg", "person (not in gazetteer)")]),
        ([f"“{S}. It will stay open. Nobody will close it,” said Ivan Petrov, the envoy."],
         [("Ivan Petrov", "person (not in gazetteer)")]),
        # speakers beyond the gazetteer, by their cues
        ([f"“{S},” said Omar Haidari, who advises the chamber of commerce."],
         [("Omar Haidari", "person (not in gazetteer)")]),
        ([f"“{S},” said Farida, a nurse in Herat."], [("Farida", "person (not in gazetteer)")]),
        ([f"Political analyst Karim Sadat said the move was small. “{S},” he said."],
         [("Karim Sadat", "person (not in gazetteer)")]),
        # a person introduced at the paragraph's start by a given name or full name and a role, then "she"
        ([f"Leyla, a retired nurse from Balkh who now sells bread, has stopped listening. “{S},” she said."],
         [("Leyla", "person (not in gazetteer)")]),
        ([f"For Tahmina, a graduate student who lost her place, the ruling came late. She moved in 2023. “{S},” "
          "she said."], [("Tahmina", "person (not in gazetteer)")]),
        ([f"A carpet merchant from Balkh named Rahim Jan Sultani laid out his rugs. “{S},” he said."],
         [("Rahim Jan Sultani", "person (not in gazetteer)")]),
        ([f"However, a senior diplomat was blunt. “{S},” he said."], [("senior diplomat", "role")]),
        # a short colon intro naming no one: the subject of the sentence before
        ([f"Sergey Lavrov took questions in the lobby. In English: “{S}.”"], [("Sergey Lavrov", "person")]),
        (["Omar Haidari, who advises the chamber, spoke first.", f"09:10 — Haidari leaves the hall. Via a translator: “{S}.”"],
         [("Omar Haidari", "person (not in gazetteer)")]),
        ([f"The talks ended late. In English: “{S}.”"], [("", "")]),
        # a long appositive between the name after the quote and its verb
        ([f"“{S},” Lena Fischer, a researcher in Bonn who has followed the talks since they began in 2021, said "
          "of the plan."], [("Lena Fischer", "person (not in gazetteer)")]),
        # the subject speaks, not the person in a phrase set off by commas; an appositive name is the subject
        ([f"Sergey Lavrov, welcoming Amir Khan Muttaqi in Moscow, called the visit “{S}”."],
         [("Sergey Lavrov", "person")]),
        ([f"Vladimir Putin’s envoy, Zamir Kabulov, called the visit “{S}”."], [("Zamir Kabulov", "person")]),
        # spokespeople and officials named only by role
        ([f"A Foreign Ministry spokesperson said: “{S}.”"], [("Foreign Ministry spokesperson", "role")]),
        ([f"“{S},” a spokeswoman for the World Food Programme said."],
         [("spokeswoman for World Food Programme", "role")]),
        ([f"A senior Russian diplomat put it bluntly. “{S},” he said."], [("senior Russian diplomat", "role")]),
        # a quotation split by its attribution, or continued after it, is one speaker's
        ([f"“{S},” Lavrov said, “and it will stay open for a long time.”"],
         [("Sergey Lavrov", "person"), ("Sergey Lavrov", "person")]),
        ([f"“{S},” said Sergey Lavrov. “We will wait for as long as it takes.”"],
         [("Sergey Lavrov", "person"), ("Sergey Lavrov", "person")]),
        ([f"“We will wait for them,” he said, “{S}.”", "ignored"], [("", ""), ("", "")]),
    ],
)  # fmt: skip
def test_speaker_patterns(texts: list[str], expected: list[tuple[str, str]]) -> None:
    found = find_quotes(paragraphs_frame(*texts), builtin_gazetteer())
    assert list(zip(found.speaker, found.speaker_type, strict=True)) == expected


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # the previous paragraph's speaker, not the last person it mentions in the quote's sentence
        ([f"“{S},” said Sergey Lavrov after meeting Zamir Kabulov.",
          "The pace is slow. Change will come “only when the ground is ready for it”, he says."],
         ["Sergey Lavrov", "Sergey Lavrov"]),
        # a speaker named by role is the one a later paragraph's "he" means
        ([f"A senior Russian diplomat was blunt. “{S},” he said.",
          "Kabul must now “show that it can keep its word on this”, he added."],
         ["senior Russian diplomat", "senior Russian diplomat"]),
        # a person named in a later sentence of the paragraph takes over
        ([f"“{S},” said Sergey Lavrov. Zamir Kabulov stayed on for a second day.",
          "Moscow expects “a long winter of small steps for both sides”, he says."],
         ["Sergey Lavrov", "Zamir Kabulov"]),
    ],
)  # fmt: skip
def test_a_pronoun_in_the_next_paragraph_means_the_last_speaker(texts: list[str], expected: list[str]) -> None:
    found = find_quotes(paragraphs_frame(*texts), builtin_gazetteer())
    assert found.speaker.tolist() == expected


def test_a_person_beyond_the_gazetteer_keeps_their_role() -> None:
    found = find_quotes(paragraphs_frame(f"“{S},” said Omar Haidari, who advises the chamber."), builtin_gazetteer())
    assert found.speaker_role.tolist() == ["who advises the chamber"]


def test_a_surname_alone_finds_the_full_name_given_earlier() -> None:
    texts = ["Its spokesman, Omar Haidari, wrote on Monday that talks went well.", f"“{S},” Haidari said."]
    assert quotes(*texts) == [("Omar Haidari", S)]


SPAN_CASES = [
    "“We will never allow anyone to use Afghan soil,” said Mujahid. “Nor will we,” he added, “ever.”",
    'He said "the talks were very productive indeed" and left. A "red line" stays.',
    "The Taliban’s ‘new government is fully inclusive now’ claim; Russia’s ‘policy’ held.",
    'x"not an opening mark here at all" but (“a bracketed quote of many words”)',
    "“An unclosed quotation runs to its sentence end. Then more text follows here.",
    "No quotation marks at all in this paragraph.",
    '"" "‘’ ‘ “ "',
    "",
]


@pytest.mark.parametrize("text", SPAN_CASES)
def test_quote_spans_equal_the_character_by_character_reference(text: str) -> None:
    assert quote_spans(text) == quote_spans_reference(text)


def test_quote_spans_equal_the_reference_on_the_seeds(seeds) -> None:
    texts = seeds.paragraphs_frame.text.tolist()
    assert sum(bool(quote_spans_reference(t)) for t in texts) > 5
    assert [quote_spans(t) for t in texts] == [quote_spans_reference(t) for t in texts]


# A speaker named by role is read with data/wordlists.yaml's lists.
R = "the talks will continue for as long as they need"


@pytest.mark.parametrize("determiner", wordlists()["role_determiners"])
def test_a_roles_determiner_is_dropped(determiner: str) -> None:
    assert quotes(f"“{R},” {determiner} senior official said.") == [("senior official", R)]


@pytest.mark.parametrize("link", wordlists()["role_links"])
def test_a_role_keeps_whom_it_serves_after_its_link(link: str) -> None:
    found = find_quotes(paragraphs_frame(f"“{R},” a spokeswoman {link} the aid group said."), builtin_gazetteer())
    assert found.speaker.tolist() == [f"spokeswoman {link} aid group"]


@pytest.mark.parametrize("word", wordlists()["role_clause_words"])
def test_a_relative_or_conjunction_ends_a_roles_qualifiers(word: str) -> None:
    found = find_quotes(paragraphs_frame(f"“{R},” said an official {word} Moscow trusts."), builtin_gazetteer())
    assert found.speaker.tolist() == ["official"]


LONG = "in Bonn who has followed the talks closely since they began in the spring of 2021"


@pytest.mark.parametrize("opener", wordlists()["appositive_openers"])
def test_a_name_after_the_quote_carries_an_appositive_of_any_length(opener: str) -> None:
    role = "has worked" if opener in wordlists()["person_relatives"] else "analyst"
    found = find_quotes(paragraphs_frame(f"“{R},” Lena Fischer, {opener} {role} {LONG}, said."), builtin_gazetteer())
    assert found.speaker.tolist() == ["Lena Fischer"]


@pytest.fixture
def use_openers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[list[str]], None]]:
    """Sets appositive_openers in the shipped word lists (the patterns built from it rebuilt)."""
    from russia_taliban.tag import names, quotes
    from russia_taliban.text import wordlists as wl

    caches = (wl.alternation, names._appositions, quotes._name_and_apposition)

    def use(openers: list[str]) -> None:
        data = {**wordlists(), "appositive_openers": openers}
        monkeypatch.setattr(wl, "wordlists", lambda: data)
        for cache in caches:
            cache.cache_clear()

    yield use
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


def test_the_appositive_openers_are_read_from_the_word_list(use_openers: Callable[[list[str]], None]) -> None:
    text = f"“{R},” Lena Fischer, whose institute {LONG}, said."
    assert find_quotes(paragraphs_frame(text), builtin_gazetteer()).speaker.tolist() == [""]
    use_openers([*wordlists()["appositive_openers"], "whose"])
    assert find_quotes(paragraphs_frame(text), builtin_gazetteer()).speaker.tolist() == ["Lena Fischer"]
