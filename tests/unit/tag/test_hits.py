from russia_taliban.tag.hits import Hit, longest_first


def test_longest_first_keeps_the_leftmost_longest_of_overlapping_hits() -> None:
    hits = [Hit(0, 0, 5), Hit(1, 0, 7), Hit(2, 3, 9), Hit(3, 7, 9), Hit(4, 9, 12)]
    assert longest_first(hits) == [Hit(1, 0, 7), Hit(3, 7, 9), Hit(4, 9, 12)]


def test_run_starts_marks_where_equal_values_begin() -> None:
    import numpy as np

    from russia_taliban.tag.hits import run_starts

    assert run_starts(np.array([1, 1, 2, 5, 5, 5])).tolist() == [True, False, True, True, False, False]


def test_longest_first_mask_agrees_with_longest_first() -> None:
    import random

    import numpy as np

    from russia_taliban.tag.hits import longest_first_mask

    rng = random.Random(7)
    groups = []
    for _ in range(300):
        spans = {(s, s + rng.randint(1, 8)) for s in (rng.randint(0, 40) for _ in range(rng.randint(0, 9)))}
        groups.append(sorted(spans, key=lambda se: (se[0], -se[1])))
    group = np.array([g for g, spans in enumerate(groups) for _ in spans], dtype=np.int64)
    start = np.array([s for spans in groups for s, _ in spans], dtype=np.int64)
    end = np.array([e for spans in groups for _, e in spans], dtype=np.int64)
    keep = longest_first_mask(group, start, end)
    expected = [[(h.start, h.end) for h in longest_first(Hit(0, s, e) for s, e in spans)] for spans in groups]
    kept = [[] for _ in groups]
    for g, s, e in zip(group[keep].tolist(), start[keep].tolist(), end[keep].tolist(), strict=True):
        kept[g].append((s, e))
    assert kept == expected
