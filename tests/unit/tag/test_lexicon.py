from pathlib import Path

import pytest

from russia_taliban.errors import LexiconError, ThemeError
from russia_taliban.tag.lexicon import MAX_KEYWORDS, builtin_lexicon, load_lexicon


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_lexicon_adds_and_replaces_themes(tmp_path: Path) -> None:
    lexicon = load_lexicon(
        write(
            tmp_path,
            "themes:\n  narcotics:\n    description: Drugs.\n    terms: [heroin, opium]\n  economics:\n    terms: {2: [barter]}\n",
        )
    )
    assert lexicon.names == ["security", "economics", "diplomacy", "humanitarian", "narcotics"]
    assert [t.text for t in lexicon.themes["economics"].terms] == ["barter"]


def test_user_lexicon_can_extend_a_theme(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, "themes:\n  security:\n    extend: true\n    terms: [drone strike*]\n"))
    assert len(lexicon.themes["security"].terms) == len(builtin_lexicon().themes["security"].terms) + 1


THEME = "themes:\n  a:\n"
TEN_KB_REGEX = "re:(?:" + "|".join(f"w{i:04d}" for i in range(1700)) + ")"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes: [unclosed", "not valid YAML"),
        ("nothing: here\n", r"must contain \['themes'\]"),
        (THEME + "    terms: []\n", "terms must be a non-empty list of terms"),
        ("themes:\n  a:\n    terms: [x]\n  a:\n    terms: [y]\n", "duplicate key 'a'"),
        (THEME + "    terms: {2: [x], 2: [y]}\n", "duplicate key 2"),
        ("a: &x [heroin]\nthemes:\n  a:\n    terms: *x\n", "aliases"),
        (THEME + "    terms: ['sanc*tion']\n", "is not a valid pattern"),
        ("themes:\n  '../evil':\n    terms: [x]\n", "is not allowed"),
        ("themes:\n  12:\n    terms: [x]\n", "is not allowed"),
        (THEME + "    threshold: high\n    terms: [x]\n", "threshold must be number"),
        (THEME + "    threshold: null\n    terms: [x]\n", "threshold must be number"),
        (THEME + "    threshold: .nan\n    terms: [x]\n", "threshold nan is not a finite number"),
        ("threshold: .inf\n" + THEME + "    terms: [x]\n", "threshold must be smaller"),
        (THEME + "    threshold: -1\n    terms: [x]\n", "threshold must be bigger than or equal to 0"),
        (THEME + "    terms: heroin\n", "terms must be a non-empty list of terms"),
        (THEME + "    terms: {2: heroin}\n", "terms must be a non-empty list of terms"),
        (THEME + "    terms: {high: [x]}\n", "weight 'high' is not a finite number"),
        (THEME + "    terms: {.nan: [x]}\n", "weight nan is not a finite number"),
        (THEME + "    terms: {-2: [x]}\n", "weight -2 is not a finite number"),
        (THEME + "    terms: {0: [x]}\n", "weight 0 counts nothing"),
        (THEME + "    terms: [x]\n    exclude: not-a-list\n", "exclude must be array"),
        (THEME + "    terms: [x]\n    colour: red\n", "must not contain"),
        (THEME + f"    terms: ['{TEN_KB_REGEX}']\n", "terms must be a non-empty list of terms"),
        (THEME + "    terms: ['re:(?:ab|cd){1,5000}']\n", "repeat count .* over the limit of 100"),
    ],
)
def test_bad_lexicon_files_fail_with_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises((LexiconError, ThemeError), match=message) as info:
        load_lexicon(write(tmp_path, text))
    line = info.value.line()
    assert (str(tmp_path) in line or "not allowed" in line) and "\n" not in line and len(line) < 400


@pytest.mark.parametrize("keywords", ["", " , ;, "])
def test_empty_keywords_are_refused(keywords: str) -> None:
    with pytest.raises(LexiconError, match="holds no terms"):
        builtin_lexicon().with_keywords("narcotics", keywords)


@pytest.mark.parametrize("name", ["../x", "a/b", "two words", "éco", "Upper", ""])
def test_unsafe_theme_names_are_refused(name: str) -> None:
    with pytest.raises(ThemeError, match="not allowed"):
        builtin_lexicon().with_keywords(name, "heroin")


def test_unknown_theme_lists_the_known_ones() -> None:
    with pytest.raises(ThemeError, match="security, economics, diplomacy, humanitarian"):
        builtin_lexicon().theme("narcotics")


@pytest.mark.parametrize("theme", ["security", "economics", "diplomacy", "humanitarian"])
def test_no_term_is_covered_by_a_wildcard_of_the_same_theme(theme: str) -> None:
    # "diplomatic*" beside "diplomat*" finds nothing new and only doubles the matcher's work; a
    # heavier covered term ("partnership*" under "partner*") is deliberate: the heavier hit wins
    terms = builtin_lexicon().themes[theme].terms
    wildcards = [
        (t.text[:-1].lower(), t.weight)
        for t in terms
        if t.text.endswith("*") and " " not in t.text and "-" not in t.text
    ]
    covered = [
        t.text
        for t in terms
        if " " not in t.text and "-" not in t.text
        and any(t.text.lower().rstrip("*") != p and t.text.lower().startswith(p) and t.weight <= w for p, w in wildcards)
    ]  # fmt: skip
    assert covered == []


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ("heroin, " + "x" * 201, "over the limit of 200"),
        (", ".join(f"k{i}" for i in range(MAX_KEYWORDS + 1)), f"over the limit of {MAX_KEYWORDS}"),
        ("re:(?:a|b){5000}", "repeat count"),
        ("re:(unclosed", "is not a valid pattern"),
        ("; ".join(f"re:(?:{'|'.join(f'w{i}x{j}' for j in range(25))})" for i in range(16)), "limits 20,000 and 2,000"),
        ("; ".join(f"term number {i} " + "x" * 150 for i in range(150)), "limits 20,000 and 2,000"),
    ],
)
def test_keywords_are_bounded_before_they_are_compiled(keywords: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as info:
        builtin_lexicon().with_keywords("mine", keywords)
    assert len(info.value.line()) < 400


def test_non_latin_keywords_are_matched_as_written() -> None:
    from russia_taliban.tag.themes import tag_themes
    from tests.conftest import paragraphs_frame

    lexicon = builtin_lexicon().with_keywords("moscow", "Москва, Кремл*")
    texts = ["Москва и Кремль молчат.", "В Москве тихо.", "Лондон молчит.", "Подмосквае нет."]
    tags, evidence = tag_themes(paragraphs_frame(*texts), lexicon)
    assert tags["moscow"].tolist() == [1, 0, 0, 0]
    assert evidence[evidence.theme == "moscow"].surface.tolist() == ["Москва", "Кремль"]


def test_the_lexicon_record_holds_every_theme_with_its_fingerprint() -> None:
    lexicon = builtin_lexicon()
    record = lexicon.record()
    assert list(record["themes"]) == lexicon.names
    assert record["themes"]["security"]["fingerprint"] == lexicon.themes["security"].fingerprint()
    assert record["themes"]["security"]["terms"][0] == [lexicon.themes["security"].terms[0].text, 2.0]
