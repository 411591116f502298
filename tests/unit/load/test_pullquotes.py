from russia_taliban.load.kinds import classify
from russia_taliban.load.pullquotes import longest_shared_run, mark_pull_quotes
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
