"""How well the theme tags agree with human coding: precision, recall and F1 per theme.

Two codings ship in `data/coding/`: every content paragraph of the seed articles (`seeds.csv`), and
`heldout.csv`, forty paragraphs on the same subject from outside the seeds, written and coded by the
codebook before the lexicon existed. Three figures are reported per theme:

- `f1`: the lexicon as shipped, on the seed coding (in-sample: the lexicon's author read the seeds);
- `loao_f1`: leave-one-article-out. The one fitted number, the long-paragraph threshold, is chosen on
  four articles and applied to the fifth, in turn; the pooled tags are scored. This shows what the
  threshold choice is worth on an article it was not chosen on;
- `heldout_f1`: the lexicon as shipped, on the held-out paragraphs (never used to choose terms).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from ..errors import UserError
from ..load.corpus import load_corpus
from ..resources import package_text
from ..text.words import words
from .lexicon import Lexicon
from .themes import tag_themes

THRESHOLDS = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0)
RESULT_COLUMNS = ["theme", "paragraphs", "coded_positive", "precision", "recall", "f1", "loao_f1", "heldout_f1"]


def coding(name: str) -> pd.DataFrame:
    """A shipped coding file (`seeds` or `heldout`)."""
    return pd.read_csv(io.StringIO(package_text("data", "coding", f"{name}.csv")))


def scores(predicted: pd.Series, gold: pd.Series) -> tuple[float, float, float]:
    """Precision, recall and F1 of 0/1 tags; 1.0 where nothing was to be found and nothing was."""
    tp = int(((predicted == 1) & (gold == 1)).sum())
    fp = int(((predicted == 1) & (gold == 0)).sum())
    fn = int(((predicted == 0) & (gold == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _tags_at(frame: pd.DataFrame, theme: str, threshold: float, short_threshold: float, short_words: int) -> pd.Series:
    short = frame["words"] < short_words
    limit = short.map({True: short_threshold, False: threshold})
    return (frame[f"{theme}_score"] >= limit).astype(int)


def _leave_one_article_out(frame: pd.DataFrame, gold: pd.Series, lexicon: Lexicon, theme: str) -> float:
    t = lexicon.themes[theme]
    predicted = pd.Series(0, index=frame.index)
    for article in frame["article_id"].unique():
        train = frame["article_id"] != article
        best = max(
            THRESHOLDS,
            key=lambda thr: (
                scores(_tags_at(frame[train], theme, thr, t.short_threshold, lexicon.short_words), gold[train])[2],
                -abs(thr - t.threshold),  # ties go to the shipped value
            ),
        )
        test = ~train
        predicted[test] = _tags_at(frame[test], theme, best, t.short_threshold, lexicon.short_words)
    return scores(predicted, gold)[2]


def validate(lexicon: Lexicon, *, gold: str | Path | None = None, corpus: str | Path | None = None) -> pd.DataFrame:
    """The per-theme agreement table for every theme that has a column in the coding.

    The shipped seed coding carries each paragraph's text, so it needs no corpus; a user's coding
    (`gold`, a CSV with `paragraph_id` and 0/1 theme columns) without a `text` column is joined to
    the paragraphs of `corpus`.
    """
    where = str(gold or "seed coding")
    try:
        coded = pd.read_csv(gold, keep_default_na=False) if gold else coding("seeds")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise UserError(
            f"cannot read the coding ({type(exc).__name__})",
            where=where,
            fix="give a CSV with paragraph_id and one 0/1 column per theme",
        ) from None
    if "paragraph_id" not in coded.columns:
        raise UserError("the coding has no paragraph_id column", where=where, fix="add paragraph_id")
    if "text" not in coded.columns:
        paragraphs = load_corpus(corpus or "seeds").paragraphs_frame.set_index("paragraph_id")
        missing = sorted(set(coded.paragraph_id) - set(paragraphs.index))
        if missing:
            raise UserError(f"{len(missing)} coded paragraphs are not in the corpus (first: {missing[0]})", where=where,
                            fix="validate against the corpus the coding was made on (--corpus)")  # fmt: skip
        coded = coded.assign(text=coded.paragraph_id.map(paragraphs.text), kind=coded.paragraph_id.map(paragraphs.kind))
    frame = pd.DataFrame(
        {
            "article_id": coded.paragraph_id.str.rsplit("-", n=1).str[0],
            "paragraph_id": coded.paragraph_id,
            "kind": coded["kind"] if "kind" in coded.columns else "body",
            "text": coded.text,
        }
    )
    tags, _ = tag_themes(frame, lexicon)
    frame = pd.concat([frame, tags], axis=1)
    frame["words"] = frame.text.map(words)
    heldout = coding("heldout")
    held_tags, _ = tag_themes(
        pd.DataFrame(
            {"article_id": "heldout", "paragraph_id": heldout.index.astype(str), "kind": "body", "text": heldout.text}
        ),
        lexicon,
    )
    rows = []
    for theme in lexicon.names:
        if theme not in coded.columns:
            continue
        gold_tags = coded[theme].astype(int)
        precision, recall, f1 = scores(frame[theme], gold_tags)
        held = scores(held_tags[theme], heldout[theme])[2] if theme in heldout.columns else float("nan")
        loao = _leave_one_article_out(frame, gold_tags, lexicon, theme)
        rows.append((theme, len(coded), int(gold_tags.sum()), precision, recall, f1, loao, held))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def validation_for(
    data_dir: str | Path = "", *, lexicon: str | Path = "", keywords: str = "", theme: str = ""
) -> pd.DataFrame:
    """The validation table a build wrote to `data_dir`, or computed now for the given lexicon."""
    if data_dir:
        return pd.read_parquet(Path(data_dir) / "validation.parquet")
    from .lexicon import lexicon_for

    return validate(lexicon_for(lexicon or None, keywords=keywords or None, theme=theme))
