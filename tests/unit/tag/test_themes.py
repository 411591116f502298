from pathlib import Path

import pandas as pd
import pytest

from russia_taliban.tag.lexicon import builtin_lexicon, load_lexicon
from russia_taliban.tag.themes import tag_themes
from tests.conftest import paragraphs_frame


def tag(*texts: str, lexicon=None, kind: str = "body") -> pd.DataFrame:
    tags, evidence = tag_themes(paragraphs_frame(*texts, kind=kind), lexicon or builtin_lexicon())
    tags.attrs["evidence"] = evidence
    return tags


LONG = "This paragraph is long enough to count as running text, with more than twenty-five words in it, so the long-paragraph threshold applies to it here. "


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            LONG + "Moscow fears that ISIS-K militants will infiltrate Tajikistan and stage terrorist attacks.",
            "security",
        ),
        (
            LONG
            + "Russian firms want to invest in mining and to sell fuel and wheat under barter deals despite sanctions.",
            "economics",
        ),
        (
            LONG
            + "Moscow accredited a Taliban ambassador, a step short of formal recognition that ended the envoy's isolation.",
            "diplomacy",
        ),
        (
            LONG
            + "Girls are barred from secondary school and women from universities, and minorities face persecution.",
            "humanitarian",
        ),
    ],
)
def test_each_theme_tags_a_paragraph_about_it(text: str, theme: str) -> None:
    row = tag(text).iloc[0]
    assert row[theme] == 1
    assert {t for t in ("security", "economics", "diplomacy", "humanitarian") if row[t]} == {theme}


def test_a_single_passing_word_does_not_tag_a_long_paragraph() -> None:
    row = tag(LONG + "Despite these economic hopes, the talks stalled over the composition of the delegation.").iloc[0]
    assert row["economics"] == 0 and row["economics_score"] == 2.0


def test_short_paragraphs_need_one_term() -> None:
    assert tag("Russia and the Taliban: Assessing new diplomatic gains", kind="title").iloc[0]["diplomacy"] == 1


def test_exclusions_stop_a_phrase_counting_for_a_theme() -> None:
    row = tag("Russia sits on the UN Security Council.", kind="title").iloc[0]
    assert (row["security"], row["diplomacy"]) == (0, 1)


def test_repeated_term_saturates() -> None:
    assert tag(LONG + "sanctions " * 6).iloc[0]["economics_score"] == 4.0


def test_non_content_paragraphs_are_not_tagged() -> None:
    tags = tag("Follow him on Twitter about terrorism and sanctions", kind="boilerplate")
    assert tags.iloc[0][["security", "economics"]].tolist() == [0, 0]


def test_evidence_keeps_term_and_span() -> None:
    text = "The ISIS-K threat."
    evidence = tag(text, kind="title").attrs["evidence"]
    row = evidence[evidence.term == "ISIS-K"].iloc[0]
    assert (row.theme, row.surface, text[row.start : row.end]) == ("security", "ISIS-K", "ISIS-K")


def test_seed_pull_quotes_do_not_count_twice(seeds) -> None:
    frame = pd.concat([seeds.paragraphs_frame, tag_themes(seeds.paragraphs_frame, builtin_lexicon())[0]], axis=1)
    assert (frame[frame.kind == "pull_quote"][["security", "economics", "diplomacy", "humanitarian"]] == 0).all().all()


def test_keywords_define_an_ad_hoc_theme() -> None:
    lexicon = builtin_lexicon().with_keywords("narcotics", "heroin, drug trafficking, narcotics")
    row = tag(LONG + "Heroin is smuggled north.", lexicon=lexicon).iloc[0]
    assert row["narcotics"] == 1


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def reference_tags(text: str, lexicon) -> dict[str, tuple[int, float]]:
    """The scoring rule of data/themes.yaml, one paragraph at a time, written plainly."""
    from russia_taliban.tag.hits import longest_first
    from russia_taliban.tag.themes import MAX_COUNTED_REPEATS
    from russia_taliban.text.words import words

    matcher, owners = lexicon.compiled()
    hits = matcher.scan(text)
    out = {}
    for name, theme in lexicon.themes.items():
        mine = [h for h in hits if owners[h.key][0] == name and owners[h.key][1] is not None]
        blocks = [h for h in hits if owners[h.key][0] == name and owners[h.key][1] is None]
        mine = [h for h in mine if not any(b.start < h.end and h.start < b.end for b in blocks)]
        mine.sort(key=lambda h: (h.start, -(h.end - h.start), -owners[h.key][1].weight))
        score, seen = 0.0, {}
        for h in longest_first(mine):
            term = owners[h.key][1]
            seen[term.text] = seen.get(term.text, 0) + 1
            score += term.weight if seen[term.text] <= MAX_COUNTED_REPEATS else 0
        limit = theme.short_threshold if words(text) < lexicon.short_words else theme.threshold
        out[name] = (int(bool(mine) and score >= limit), score)
    return out


def test_tagging_all_paragraphs_at_once_agrees_with_one_at_a_time(tmp_path: Path) -> None:
    import random

    lexicon = load_lexicon(
        write(
            tmp_path,
            "threshold: 2.5\nthemes:\n"
            "  alpha:\n    terms: {2: [military cooperation, sanction*], 1: [military, cooperation*], 0.5: [talks]}\n"
            "    exclude: [military parade]\n"
            "  beta:\n    terms: {2: [security council, military], 1: [security, talks about*]}\n"
            "    exclude: [security council]\n",
        )
    ).only(["alpha", "beta"])
    pool = [
        "military",
        "cooperation",
        "sanctions",
        "security",
        "council",
        "talks",
        "about",
        "parade",
        "the",
        "of",
        "and",
        "a",
    ]
    rng = random.Random(11)
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(400)]
    tags, _ = tag_themes(paragraphs_frame(*texts), lexicon)
    for text, (_, row) in zip(texts, tags.iterrows(), strict=True):
        expected = reference_tags(text, lexicon)
        assert {n: (row[n], row[f"{n}_score"]) for n in ("alpha", "beta")} == expected, text
