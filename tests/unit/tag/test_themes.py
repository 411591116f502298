from pathlib import Path

import pandas as pd
import pytest

from russia_taliban.load.kinds import CONTENT_KINDS
from russia_taliban.tag.lexicon import builtin_lexicon, load_lexicon
from russia_taliban.tag.themes import tag_themes
from tests.conftest import paragraphs_frame


def tag(*texts: str, lexicon=None, kind: str = "body", learned: bool = True) -> pd.DataFrame:
    tags, evidence = tag_themes(paragraphs_frame(*texts, kind=kind), lexicon or builtin_lexicon(), learned=learned)
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


@pytest.mark.parametrize("learned", [False, True])
def test_a_single_passing_word_does_not_tag_a_long_paragraph(learned: bool) -> None:
    row = tag(LONG + "Despite these economic hopes, the talks stalled over the composition of the delegation.",
              learned=learned).iloc[0]  # fmt: skip
    assert row["economics"] == 0
    if not learned:
        assert row["economics_score"] == 2.0


def test_short_paragraphs_need_one_term() -> None:
    row = tag("Russia and the Taliban: Assessing new diplomatic gains", kind="title", learned=False).iloc[0]
    assert row["diplomacy"] == 1


def test_a_headline_with_one_term_is_tagged_in_an_article_about_it() -> None:
    frame = paragraphs_frame(
        "Russia and the Taliban: Assessing new diplomatic gains",
        LONG
        + "Moscow accredited a Taliban ambassador, a step short of formal recognition that ended the envoy's isolation.",
    )
    frame.loc[0, "kind"] = "title"
    tags, _ = tag_themes(frame, builtin_lexicon())
    assert tags["diplomacy"].tolist() == [1, 1]


@pytest.mark.parametrize("learned", [False, True])
def test_exclusions_stop_a_phrase_counting_for_a_theme(learned: bool) -> None:
    text = "Russia sits on the UN Security Council."
    row = tag(text, kind="title", learned=learned).iloc[0]
    assert (row["security"], row["diplomacy"]) == (0, 1)
    evidence = tag(text, kind="title", learned=learned).attrs["evidence"]
    assert "security" not in set(evidence.theme)


def test_repeated_term_saturates() -> None:
    assert tag(LONG + "sanctions " * 6, learned=False).iloc[0]["economics_score"] == 4.0


def test_repeats_past_the_cap_add_nothing_to_a_learned_decision() -> None:
    evidence = tag(LONG + "sanctions " * 6).attrs["evidence"]
    weights = evidence[evidence.term == "sanction*"].weight.tolist()
    assert len(weights) == 6 and weights[2:] == [0.0] * 4 and weights[0] > 0


def test_non_content_paragraphs_are_not_tagged() -> None:
    tags = tag("Follow him on Twitter about terrorism and sanctions", kind="boilerplate")
    assert tags.iloc[0][["security", "economics"]].tolist() == [0, 0]


@pytest.mark.parametrize("learned", [False, True])
def test_evidence_keeps_term_and_span(learned: bool) -> None:
    text = "The ISIS-K threat."
    evidence = tag(text, kind="title", learned=learned).attrs["evidence"]
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


# The learned themes: the built-in themes the coding covers are decided by models trained on the
# development split; the rule above still decides themes without coding.

THEMES = ("security", "economics", "diplomacy", "humanitarian")


@pytest.mark.parametrize(
    ("texts", "theme", "index"),
    [
        # inflections and concepts the first lexicon lacked: designation lists, and "new chapter" in relations
        (["Kazakhstan struck the movement off its banned list, and officials spoke of a new chapter in relations "
          "with the authorities in Kabul, though no other capital has said it will follow suit."], "diplomacy", 0),
        (["Aircraft of the Emergencies Ministry delivered food and medicines to Kabul for families facing "
          "hunger, and more flights with winter supplies are planned."], "humanitarian", 0),
    ],
)  # fmt: skip
def test_learned_themes_tag_what_the_rule_missed(texts: list[str], theme: str, index: int) -> None:
    assert tag(*texts).iloc[index][theme] == 1


def test_an_elliptical_question_takes_its_theme_from_the_article_around_it() -> None:
    # coders read a question in an interview by the exchange it belongs to: the context features
    text = "Q: And the Taliban's role?"
    after_security = tag("Moscow fears that Islamic State militants will infiltrate Tajikistan.", text)
    after_trade = tag("Russian firms want to sell wheat and fuel to Kabul and to invest in copper mining.", text)
    assert after_security.iloc[1]["security_score"] > after_trade.iloc[1]["security_score"]
    assert after_trade.iloc[1]["economics_score"] > after_security.iloc[1]["economics_score"]


def test_themes_without_coding_follow_the_rule() -> None:
    lexicon = builtin_lexicon().with_keywords("narcotics", "heroin, drug trafficking, narcotics")
    learned, rule = (
        tag(LONG + "Heroin is smuggled north.", lexicon=lexicon),
        tag(LONG + "Heroin is smuggled north.", lexicon=lexicon, learned=False),
    )
    assert learned.iloc[0]["narcotics"] == rule.iloc[0]["narcotics"] == 1
    assert learned.iloc[0]["narcotics_score"] == rule.iloc[0]["narcotics_score"] == 2.0


def reference_probabilities(frame: pd.DataFrame, lexicon) -> dict[tuple[int, str], float]:
    """The learned models' decision written plainly: each feature computed paragraph by paragraph
    from `reference_tags` and a plain scan, then the logistic function."""
    import math

    from russia_taliban.tag.classifier import BASE, CONTEXT, OTHER_CAP, models_for
    from russia_taliban.tag.hits import longest_first
    from russia_taliban.tag.themes import MAX_COUNTED_REPEATS
    from russia_taliban.text.words import fewer_words

    matcher, owners = lexicon.compiled()
    names = lexicon.names
    texts = frame.text.tolist()
    score = [{n: reference_tags(t, lexicon)[n][1] for n in names} for t in texts]
    counted = []  # per paragraph: {theme: [(term, weight), ...]} of the hits the rule counts
    for text in texts:
        hits, out = matcher.scan(text), {}
        for name in names:
            mine = [h for h in hits if owners[h.key][0] == name and owners[h.key][1] is not None]
            blocks = [h for h in hits if owners[h.key][0] == name and owners[h.key][1] is None]
            mine = [h for h in mine if not any(b.start < h.end and h.start < b.end for b in blocks)]
            mine.sort(key=lambda h: (h.start, -(h.end - h.start), -owners[h.key][1].weight))
            seen: dict[str, int] = {}
            out[name] = []
            for h in longest_first(mine):
                term = owners[h.key][1]
                seen[term.text] = seen.get(term.text, 0) + 1
                if seen[term.text] <= MAX_COUNTED_REPEATS:
                    out[name].append((term.text, term.weight))
        counted.append(out)

    def capped(i: int, name: str) -> float:
        return min(score[i][name], OTHER_CAP) / 2 if kinds[i] in CONTENT_KINDS else 0.0

    kinds, articles = frame.kind.tolist(), frame.article_id.tolist()

    def around(i: int, name: str) -> dict[str, float]:
        # the article's other content paragraphs, written out one by one
        mine = [k for k in range(len(texts)) if articles[k] == articles[i] and kinds[k] in CONTENT_KINDS]
        at = mine.index(i)
        previous = capped(mine[at - 1], name) if at > 0 else 0.0
        following = capped(mine[at + 1], name) if at + 1 < len(mine) else 0.0
        heads = [capped(k, name) for k in mine if kinds[k] in ("title", "standfirst")]
        headline = max(heads, default=0.0) if kinds[i] not in ("title", "standfirst") else 0.0
        others = [capped(k, name) for k in mine if k != i]
        mean = sum(others) / len(others) if others else 0.0
        short = float(fewer_words(texts[i], lexicon.short_words))
        return {"previous": previous, "next": following, "headline": headline, "article_mean": mean,
                "short_x_previous": short * previous}  # fmt: skip

    result = {}
    for name, model in models_for(lexicon).items():
        for i, text in enumerate(texts):
            if kinds[i] not in CONTENT_KINDS:
                continue  # untagged (a test of its own)
            short = float(fewer_words(text, lexicon.short_words))
            hits = counted[i][name]
            values = {
                "score": score[i][name] / 2,
                "terms": len({t for t, _ in hits}),
                "strong": sum(w >= 2 for _, w in hits),
                "weak": sum(w < 1 for _, w in hits),
                "short": short,
                "log_chars": math.log1p(len(text)),
            }  # fmt: skip
            assert set(values) == set(BASE)
            values.update(around(i, name))
            assert set(values) == {*BASE, *CONTEXT}
            values.update({f"other_{o}": capped(i, o) for o in names if o != name})
            z = model.intercept + sum(model.coef[k] * v for k, v in values.items())
            z += sum(model.terms.get(t, 0.0) for t, _ in hits)
            result[(i, name)] = 1 / (1 + math.exp(-z))
    return result


def test_learned_tagging_of_all_paragraphs_at_once_agrees_with_one_at_a_time() -> None:
    import random

    sentences = [
        "Moscow fears that ISIS-K militants will cross the border into Tajikistan.",
        "Russian firms want to sell wheat and fuel despite sanctions on the central bank's reserves.",
        "Kabulov said Moscow was in no hurry to recognise the new authorities.",
        "Girls are barred from secondary school and women from universities.",
        "Q: And the Taliban's role?",
        "The answer, for now, is no.",
        "Officials spoke of a new chapter in relations.",
        "Aircraft delivered food and medicine to families facing hunger.",
    ]
    rng = random.Random(7)
    rows = []
    for a in range(12):
        for p in range(rng.randint(1, 6)):
            kind = "title" if p == 0 else rng.choice(["body", "body", "standfirst", "byline"])
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
            rows.append({"article_id": f"art{a}", "paragraph_id": f"art{a}-{p}", "kind": kind, "text": text})
    frame = pd.DataFrame(rows)
    lexicon = builtin_lexicon()
    tags, _ = tag_themes(frame, lexicon)
    expected = reference_probabilities(frame, lexicon)
    for (i, name), p in expected.items():
        assert tags.iloc[i][f"{name}_score"] == pytest.approx(p, abs=1e-4), (name, frame.text[i])
        assert tags.iloc[i][name] == int(p >= 0.4 - 1e-12) or abs(p - 0.4) < 1e-4
