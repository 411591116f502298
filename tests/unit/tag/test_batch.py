from pathlib import Path

from russia_taliban.load.corpus import load_corpus
from russia_taliban.tag.batch import Summary, chunks, summarise, tag_folder
from russia_taliban.tag.lexicon import builtin_lexicon
from russia_taliban.tag.tables import build_tables
from tests.conftest import SEEDS


def test_chunks_cover_every_file_once_in_order() -> None:
    files = [Path(f"{i}.txt") for i in range(7)]
    assert list(chunks(files, 3)) == [["0.txt", "1.txt", "2.txt"], ["3.txt", "4.txt", "5.txt"], ["6.txt"]]


def test_summaries_add_up() -> None:
    total = Summary()
    total.add(Summary(articles=1, bytes=10, quotes=2, themes={"a": 1}))
    total.add(Summary(articles=2, bytes=5, themes={"a": 2, "b": 1}))
    assert (total.articles, total.bytes, total.quotes, total.themes) == (3, 15, 2, {"a": 3, "b": 1})


def test_a_folder_tagged_in_chunks_gives_the_totals_of_one_build() -> None:
    expected = summarise(build_tables(load_corpus(SEEDS), builtin_lexicon()), 0)
    seen = []
    found = tag_folder(SEEDS, chunk=2, progress=lambda s: seen.append(s.articles))
    assert found.themes == expected.themes
    assert (found.articles, found.paragraphs, found.mentions, found.events, found.quotes) == (
        expected.articles, expected.paragraphs, expected.mentions, expected.events, expected.quotes)  # fmt: skip
    assert seen == sorted(seen) and seen[-1] == expected.articles


def test_two_worker_processes_give_the_totals_of_one() -> None:
    one = tag_folder(SEEDS, chunk=2)
    two = tag_folder(SEEDS, chunk=2, workers=2)
    assert two == one and two.articles > 2  # several chunks, spread over both workers


def test_chunks_are_queued_at_most_ahead_and_come_back_in_order() -> None:
    from concurrent.futures import Future

    from russia_taliban.tag import batch

    class Pool:  # runs each chunk when submitted; records how many results are waiting to be taken
        waiting = most = 0

        def submit(self, fn, item):
            Pool.waiting += 1
            Pool.most = max(Pool.most, Pool.waiting)
            future: Future = Future()
            future.set_result(Summary(articles=len(item)))
            return future

    results = []
    for summary in batch._in_order(Pool(), ([str(i)] * i for i in range(1, 11)), ahead=3):
        Pool.waiting -= 1
        results.append(summary.articles)
    assert results == list(range(1, 11)) and Pool.most == 3
