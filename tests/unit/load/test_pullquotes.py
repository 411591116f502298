import pytest

from russia_taliban.load.kinds import classify
from russia_taliban.load.pullquotes import (
    _ATTRIBUTION,
    _SMALL,
    _partners,
    _partners_reference,
    _without_attribution,
    longest_shared_run,
    mark_pull_quotes,
    partner_shingles,
    shared_shingles,
    shingle_hashes,
    shingle_hashes_reference,
)
from russia_taliban.load.split import Paragraph, split

SENTENCE = "Moscow signed a provisional deal to supply the Taliban with fuel and wheat at a discount."


def test_syndicated_repeats_keep_the_first_copy_as_body() -> None:
    other = "Western sanctions still cut Afghanistan off from the banking system and complicate payments."
    paragraphs = classify(split(f"{SENTENCE}\n\n{other}\n\n{SENTENCE}\n\n{SENTENCE}"))
    assert [(p.kind, p.duplicate_of) for p in paragraphs] == [
        ("body", None), ("body", None), ("pull_quote", 0), ("pull_quote", 0),
    ]  # fmt: skip


def test_many_repeats_are_marked_in_one_pass_over_them() -> None:
    other = "Western sanctions still cut Afghanistan off from the banking system and complicate payments."
    paragraphs = [Paragraph(i, i + 1, other if i % 2 else SENTENCE) for i in range(4000)]
    mark_pull_quotes(paragraphs)
    kinds = [p.kind for p in paragraphs]
    assert kinds[:2] == ["body", "body"] and set(kinds[2:]) == {"pull_quote"}
    assert {p.duplicate_of for p in paragraphs[2:]} == {0, 1}


def test_longest_shared_run() -> None:
    assert longest_shared_run(["a", "b", "c", "d", "e"], ["x", "b", "c", "d", "y", "a"]) == 3
    assert longest_shared_run([], ["a"]) == 0


def _folded_sample() -> list[str]:
    """Folded paragraphs of the seeds and dev fixtures, with copies and partial copies mixed in."""
    from russia_taliban.text.normalise import fold
    from tests.conftest import ROOT, SEEDS

    files = [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "fixtures" / "layouts" / "dev").glob("*.txt")]
    texts = [fold(line) for f in sorted(files) for line in f.read_text(encoding="utf-8").splitlines()]
    texts = [t for t in texts if t]
    return texts + [t.split(" ", 3)[-1] for t in texts[::7]] + texts[::11]


@pytest.mark.parametrize("scale", [0, 1, 40])  # a short article is hashed in Python, a long one with numpy
def test_shingle_hashes_are_equal_exactly_when_the_word_runs_are(scale: int) -> None:
    texts = _folded_sample() * scale if scale else _folded_sample()[:12]
    assert (sum(map(len, texts)) < _SMALL) == (scale == 0)
    hashes = shingle_hashes(texts, 8)
    runs = [shingle_hashes_reference(t, 8) for t in texts]
    assert [len(h) for h in hashes] == [len(r) for r in runs]
    by_hash: dict[int, tuple[str, ...]] = {}
    for h_list, r_list in zip(hashes, runs, strict=True):
        for h, r in zip(h_list, r_list, strict=True):
            assert by_hash.setdefault(h, r) == r  # one hash, one run of words
    assert len(by_hash) == len({r for r_list in runs for r in r_list})  # and one run, one hash


def test_partners_agree_with_the_plain_loop_in_reading_order() -> None:
    texts = _folded_sample() * 3
    fast_owner: dict[int, int] = {}
    plain_owner: dict[int, int] = {}
    for position, h in enumerate(shingle_hashes(texts, 8)):
        fast = _partners(h, position, fast_owner)
        plain = _partners_reference(h, position, plain_owner)
        assert sorted(fast) == sorted(plain)
        assert fast_owner == plain_owner


@pytest.mark.parametrize(
    "text",
    [
        "“We will not recognise them,” said Zamir Kabulov.",
        "“We will not recognise them”, writes Jane Doe",
        "A paragraph without any attribution at its end.",
        "x " * 300 + "“We will talk to them,” said the envoy.",
        "“Quote one,” said A. " * 30,
        "“Spaced,”     said    the    envoy   .   ",
    ],
)
def test_attribution_is_removed_as_the_whole_text_regex_would(text: str) -> None:
    assert _without_attribution(text) == _ATTRIBUTION.sub("", text)


def test_a_pull_quote_in_a_long_article_points_at_its_body_sentence() -> None:
    body = [f"Paragraph {i} says something different about trade route number {i} and its costs." for i in range(300)]
    body[150] = SENTENCE + " " + body[150]
    paragraphs = [Paragraph(i, i + 1, text) for i, text in enumerate([*body, f"“{SENTENCE}”"])]
    mark_pull_quotes(paragraphs)
    assert paragraphs[-1].kind == "pull_quote" and paragraphs[-1].duplicate_of == 150
    assert {p.kind for p in paragraphs[:-1]} == {"body"}


def _mark_reference(paragraphs: list[Paragraph], min_words: int = 8) -> None:
    """mark_pull_quotes the plain way: word tuples for shingles, the plain partner loop for every
    paragraph, every paragraph grouped (no shared-shingle skip, no early return)."""
    from russia_taliban.load.pullquotes import _QUOTE_OPEN, _copies, _without_attribution
    from russia_taliban.text.normalise import fold
    from russia_taliban.text.words import capped_words

    candidates = [p for p in paragraphs if p.kind in ("body", "standfirst") and capped_words(p.text) >= min_words]
    parent = {p.position: p.position for p in candidates}

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    by_text: dict[str, int] = {}
    owner: dict = {}
    folded = {p.position: fold(_without_attribution(p.text)) for p in candidates}
    for p in candidates:
        text = folded[p.position]
        if text in by_text:
            parent[root(p.position)] = root(by_text[text])
            continue
        by_text[text] = p.position
        for other in _partners_reference(shingle_hashes_reference(text, min_words), p.position, owner):
            if root(other) != root(p.position) and _copies(folded[other], text, min_words):
                parent[root(p.position)] = root(other)
    groups: dict[int, list[Paragraph]] = {}
    for p in candidates:
        groups.setdefault(root(p.position), []).append(p)
    for members in groups.values():
        if len(members) > 1:
            original = min(
                members, key=lambda p: (p.text.lstrip()[:1] in _QUOTE_OPEN, -capped_words(p.text), p.position)
            )
            for p in members:
                if p is not original:
                    p.kind, p.duplicate_of = "pull_quote", original.position


def _generated_articles(n: int, seed: int) -> list[list[str]]:
    """Articles of seed sentences with exact repeats, quoted repeats, partial repeats and shared runs."""
    import random

    from russia_taliban.text.sentences import spans
    from tests.conftest import SEEDS

    text = " ".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    sentences = [s for a, e in spans(text) if len((s := text[a:e].strip()).split()) >= 6]
    rng = random.Random(seed)
    articles = []
    for _ in range(n):
        body = [" ".join(rng.sample(sentences, rng.randint(1, 4))) for _ in range(rng.randint(3, 30))]
        for _ in range(rng.randint(0, 12)):
            source = rng.choice(body)
            words = source.split()
            cut = rng.randint(0, max(0, len(words) - 8))
            copy = rng.choice([source, f"“{source}”", " ".join(words[cut : cut + rng.randint(8, 30)]),
                               f"{rng.choice(sentences)} {' '.join(words[cut : cut + 9])}"])  # fmt: skip
            body.insert(rng.randint(0, len(body)), copy)
        articles.append(body)
    return articles


def test_marking_agrees_with_the_plain_algorithm_on_generated_articles() -> None:
    for texts in _generated_articles(150, seed=14):
        fast = [Paragraph(i, i + 1, t) for i, t in enumerate(texts)]
        plain = [Paragraph(i, i + 1, t) for i, t in enumerate(texts)]
        mark_pull_quotes(fast)
        _mark_reference(plain)
        assert [(p.kind, p.duplicate_of) for p in fast] == [(p.kind, p.duplicate_of) for p in plain]


@pytest.mark.parametrize("scale", [0, 1, 40])  # sets for a short article, a sort in numpy for a longer one
def test_partner_shingles_are_given_exactly_for_texts_sharing_one(scale: int) -> None:
    texts = _folded_sample() * scale if scale else _folded_sample()[:12]
    texts = texts + texts[:5] + [texts[7].split(" ", 2)[-1]]  # exact copies and a cut copy
    hashes = shingle_hashes(texts, 8)
    shared = shared_shingles(hashes)
    expected = [None if shared.isdisjoint(h) else h for h in hashes]
    assert partner_shingles(texts, 8) == expected
    assert any(h is None for h in expected) and any(h is not None for h in expected)


def test_shared_shingles_are_those_of_two_or_more_texts() -> None:
    hashes = [[1, 2, 2, 3], [3, 4], [5, 5], [4, 6, 1]]
    assert shared_shingles(hashes) == {1, 3, 4}  # 2 and 5 repeat only within one text
