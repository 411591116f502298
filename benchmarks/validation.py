"""Theme tagging methods against the human coding: aggregate precision, recall and F1 per theme.

    python benchmarks/validation.py            # development split, leave one article out, only
    python benchmarks/validation.py --test     # and the frozen test split (only for final methods)

Every method is fitted on the development split (`coded_dev.csv`) alone; `--test` then scores it on
the frozen test split (`coded_test.csv`) and prints nothing but per-theme totals, so no term, rule or
threshold can be chosen by looking at a test paragraph. Methods:

- `rule, first lexicon`: the weighted dictionary as it was before issue 12 (baseline_themes.yaml);
- `rule, concept lexicon`: the shipped data/themes.yaml with its hand-set thresholds;
- `... + calibrated thresholds`: each theme's (long, short) threshold pair chosen for F1 on the
  training articles (all of dev for the test split; the other 26 articles in leave-one-article-out);
- `learned, paragraph alone`: the classifier on each paragraph's own hits (shipped before the
  coding reached 43 development articles);
- `learned + article context (shipped)`: what the library does (tag.classifier): the same with the
  previous and next content paragraphs' scores, the headline's, the mean of the article's other
  paragraphs and short x previous;
- every split is read as a user's build reads it (classifier.as_loaded: the articles through the
  loader, so coded credits and "Related:" lines are non-content); `--coded-kinds` keeps the coders' kinds;
- `bag of lemmas (+ lexicon)`: logistic regression on simplemma lemmas (words in at least three
  training paragraphs), alone and beside the lexicon features; only when simplemma is importable (it
  is not a dependency: it was measured and rejected).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from russia_taliban.tag import classifier  # noqa: E402
from russia_taliban.tag.classifier import CONTEXT, as_loaded, coding, fit_logistic, probability  # noqa: E402
from russia_taliban.tag.lexicon import builtin_lexicon, load_lexicon  # noqa: E402
from russia_taliban.tag.themes import rule_design, tag_themes  # noqa: E402
from russia_taliban.tag.validate import scores  # noqa: E402
from russia_taliban.text.words import fewer_words  # noqa: E402

THEMES = ["security", "economics", "diplomacy", "humanitarian"]
LONG_GRID = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0)
SHORT_GRID = (0.5, 1.0, 1.5, 2.0)
CAP = 6.0


def folds(train, test):
    """(training frame, frame to tag, rows of the tagged frame that are scored) per fold."""
    if test is None:  # leave one article out on dev
        for article in train.article_id.unique():
            yield train[train.article_id != article], train, (train.article_id == article).to_numpy()

    else:
        yield train, test, np.ones(len(test), dtype=bool)


def apart(train, target):
    """Training and tagged paragraphs in one frame, the tagged ones under their own article ids (in
    leave-one-article-out the tagged frame repeats the training articles: context must not mix them)."""
    import pandas as pd

    return pd.concat([train, target.assign(article_id="tagged:" + target.article_id)], ignore_index=True)


def rule(lexicon, calibrated: bool):
    def tagger(train, target):
        out = {}
        tags, _ = tag_themes(target, lexicon, learned=False)
        if not calibrated:
            return {t: tags[t].to_numpy() for t in THEMES}
        own, _ = tag_themes(train, lexicon, learned=False)
        short_train = np.array([fewer_words(t, lexicon.short_words) for t in train.text])
        short_target = np.array([fewer_words(t, lexicon.short_words) for t in target.text])
        for t in THEMES:
            s = own[f"{t}_score"].to_numpy()
            best = max(itertools.product(LONG_GRID, SHORT_GRID),
                       key=lambda g: scores((s > 0) & (s >= np.where(short_train, g[1], g[0])), train[t])[2])  # fmt: skip
            s = tags[f"{t}_score"].to_numpy()
            out[t] = ((s > 0) & (s >= np.where(short_target, best[1], best[0]))).astype(int)
        return out

    return tagger


def learned(context: bool):
    lexicon = builtin_lexicon()

    def tagger(train, target):
        both = apart(train, target)
        d = rule_design(both, lexicon)
        if not context:  # drop the CONTEXT columns (they follow BASE in the design)
            keep = [k for k in range(d.base[0].shape[1]) if k not in range(len(classifier.BASE),
                                                                               len(classifier.BASE) + len(CONTEXT))]  # fmt: skip
            d.base[:] = [b[:, keep] for b in d.base]
        rows = np.arange(len(train))
        out = {}
        for j, t in enumerate(d.names):
            if t in THEMES:
                z = fit(d, j, train[t].to_numpy(), rows)
                out[t] = (probability(z)[len(train) :] >= classifier.CUT).astype(int)
        return out

    return tagger


def fit(d, j: int, gold: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The shipped model's log-odds for every paragraph of the design (its features, its penalties)."""
    terms, _ = d.term_matrix(j, len(d.base[j]))
    used = terms[rows].any(axis=0)
    x = np.column_stack([d.base[j], terms[:, used]])
    penalty = np.r_[np.full(d.base[j].shape[1], classifier.L2), np.full(int(used.sum()), classifier.L2_TERMS)]
    intercept, w = fit_logistic(x[rows], gold.astype(float), penalty)
    return intercept + x @ w


def bag_of_lemmas(with_lexicon: bool):
    import simplemma

    def lemmas(text: str) -> set[str]:
        return {simplemma.lemmatize(w.lower(), "en") for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text)}

    lexicon = builtin_lexicon()

    def tagger(train, target):
        both = apart(train, target)
        bags = [lemmas(t) for t in both.text]
        counts: dict[str, int] = {}
        for bag in bags[: len(train)]:
            for w in bag:
                counts[w] = counts.get(w, 0) + 1
        vocab = {w: i for i, w in enumerate(sorted(w for w, c in counts.items() if c >= 3))}
        words = np.zeros((len(both), len(vocab)))
        for r, bag in enumerate(bags):
            for w in bag:
                if w in vocab:
                    words[r, vocab[w]] = 1.0
        d = rule_design(both, lexicon) if with_lexicon else None
        out = {}
        for j, t in enumerate(lexicon.names):
            if t not in THEMES:
                continue
            parts, penalty = [words], [np.full(words.shape[1], 3.0 if with_lexicon else 1.0)]
            if d is not None:
                terms, _ = d.term_matrix(j, len(both))
                parts += [d.base[j], terms]
                penalty += [np.full(d.base[j].shape[1], classifier.L2), np.full(terms.shape[1], classifier.L2_TERMS)]
            x = np.column_stack(parts)
            intercept, w = fit_logistic(x[: len(train)], train[t].to_numpy(dtype=float), np.concatenate(penalty))
            out[t] = (probability(intercept + x[len(train) :] @ w) >= classifier.CUT).astype(int)
        return out

    return tagger


def measure(tagger, dev, test) -> dict[str, tuple[float, float, float]]:
    predicted = {t: np.zeros(len(dev if test is None else test), dtype=int) for t in THEMES}
    for train, target, scored in folds(dev, test):
        tags = tagger(train.reset_index(drop=True), target.reset_index(drop=True))
        for t in THEMES:
            predicted[t][scored] = np.asarray(tags[t])[scored]
    gold = dev if test is None else test
    return {t: scores(predicted[t], gold[t].to_numpy()) for t in THEMES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also score the frozen test split (aggregates only)")
    parser.add_argument("--coded-kinds", action="store_true", help="the coders' paragraph kinds, not the loader's")
    args = parser.parse_args()
    read = coding if args.coded_kinds else (lambda name: as_loaded(coding(name)))
    first = load_lexicon(ROOT / "benchmarks" / "baseline_themes.yaml").only(THEMES)
    methods = {
        "rule, first lexicon": rule(first, calibrated=False),
        "rule, first lexicon + calibrated thresholds": rule(first, calibrated=True),
        "rule, concept lexicon": rule(builtin_lexicon(), calibrated=False),
        "rule, concept lexicon + calibrated thresholds": rule(builtin_lexicon(), calibrated=True),
        "learned, paragraph alone": learned(context=False),
        "learned + article context (shipped)": learned(context=True),
    }
    try:
        import simplemma  # noqa: F401

        methods["bag of lemmas"] = bag_of_lemmas(with_lexicon=False)
        methods["bag of lemmas + lexicon features"] = bag_of_lemmas(with_lexicon=True)
    except ImportError:
        pass
    dev = read("coded_dev")
    splits = {"dev, leave one article out": None}
    if args.test:
        splits["frozen test split"] = read("coded_test")
    print("| method | split | " + " | ".join(f"{t} P / R / F1" for t in THEMES) + " |")
    print("|---|---|" + "---|" * len(THEMES))
    for name, tagger in methods.items():
        for split, test in splits.items():
            result = measure(tagger, dev, test)
            cells = " | ".join("{:.2f} / {:.2f} / **{:.2f}**".format(*result[t]) for t in THEMES)
            print(f"| {name} | {split} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
