"""How well the theme tags agree with human coding: precision, recall and F1 per theme and split.

The coding ships in `data/coding/` (provenance in data/coding/README.md): articles by four
independent writers, coded blind, split by article before any tuning into a development split
(`coded_dev.csv`) and a frozen test split (`coded_test.csv`, a third of each writer's articles); the seeds'
coding (`seeds.csv`), forty older held-out paragraphs (`heldout.csv`), and a human-human agreement
table (`agreement.csv`: a third coder against the first two). `validation` returns one tidy row per
theme and split, computed from those files and the lexicon actually used:

- `test`: the tagger as shipped (models trained on the whole development split) on the test split;
- `dev_loao`: leave one article out on the development split: each article tagged by models
  trained on the others (for a rule theme, the rule as it stands);
- both splits are read as a user's build reads them (`classifier.as_loaded`: each article through
  the loader, so a coded credit or "Related:" line is non-content and untagged, and the headline and
  neighbours the context features use are the loader's);
- `seeds`, `heldout`: the tagger as shipped on the older sets (the seeds were read while the
  lexicon was written, so that figure is in-sample for the terms);
- `human`: the human-human agreement, the ceiling the tagger is measured against.

A theme without a column in the coding (a --lexicon or --keywords theme) has no rows: it is
unvalidated, and the report says so.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import UserError
from ..load.corpus import load_corpus
from ..resources import package_text
from .classifier import as_loaded, coding, fit_theme, models_for, probability
from .lexicon import Lexicon
from .themes import rule_design, tag_themes

TIDY_COLUMNS = ["theme", "split", "paragraphs", "articles", "positives", "precision", "recall", "f1", "source"]
SPLITS = {
    "test": "frozen test split, tagger as shipped",
    "dev_loao": "development split, leave one article out",
    "seeds": "seed articles' coding (lexicon written alongside)",
    "heldout": "40 older held-out paragraphs",
    "human": "human-human agreement (third coder vs first two)",
}
RESULT_COLUMNS = ["theme", "paragraphs", "coded_positive", "precision", "recall", "f1"]


def scores(predicted: pd.Series | np.ndarray, gold: pd.Series | np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of 0/1 tags; 1.0 where nothing was to be found and nothing was."""
    predicted, gold = np.asarray(predicted), np.asarray(gold)
    tp = int(((predicted == 1) & (gold == 1)).sum())
    fp = int(((predicted == 1) & (gold == 0)).sum())
    fn = int(((predicted == 0) & (gold == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _row(theme: str, split: str, frame: pd.DataFrame, predicted: np.ndarray) -> dict:
    gold = frame[theme].to_numpy(dtype=np.int64)
    precision, recall, f1 = scores(predicted, gold)
    return {"theme": theme, "split": split, "paragraphs": len(frame), "articles": frame.article_id.nunique(),
            "positives": int(gold.sum()), "precision": precision, "recall": recall, "f1": f1,
            "source": SPLITS[split]}  # fmt: skip


def leave_one_article_out(frame: pd.DataFrame, lexicon: Lexicon) -> dict[str, np.ndarray]:
    """Tags for every coded paragraph of `frame`, each article's from models trained on the others
    (rule themes: the rule's tags)."""
    d = rule_design(frame, lexicon)
    rule, _ = tag_themes(frame, lexicon, learned=False)
    learned = models_for(lexicon)
    article = frame["article_id"].to_numpy()
    out = {}
    for j, theme in enumerate(d.names):
        if theme not in frame.columns:
            continue
        if theme not in learned:
            out[theme] = rule[theme].to_numpy()
            continue
        gold = frame[theme].to_numpy(dtype=np.int64)
        predicted = np.zeros(len(frame), dtype=np.int64)
        for held in np.unique(article):
            train = np.flatnonzero(article != held)
            model = fit_theme(d, j, gold[train], train, articles=len(np.unique(article[train])))
            out_of_fold = article == held
            predicted[out_of_fold] = probability(model.logit(d, j))[out_of_fold] >= model.cut
        out[theme] = predicted
    return out


def _agreement() -> pd.DataFrame:
    try:
        return pd.read_csv(io.StringIO(package_text("data", "coding", "agreement.csv")))
    except FileNotFoundError:
        return pd.DataFrame(columns=["theme", "paragraphs", "articles", "positives_primary", "f1"])


def validation(lexicon: Lexicon) -> pd.DataFrame:
    """The tidy validation table (TIDY_COLUMNS): one row per coded theme and split."""
    rows = []
    shipped = {}
    for split, name in (("test", "coded_test"), ("seeds", "seeds"), ("heldout", "heldout")):
        frame = as_loaded(coding(name)) if split == "test" else coding(name)
        tags, _ = tag_themes(frame, lexicon)
        shipped[split] = (frame, tags)
    dev = as_loaded(coding("coded_dev"))
    loao = leave_one_article_out(dev, lexicon)
    agreement = _agreement().set_index("theme")
    for theme in lexicon.names:
        for split in ("test", "dev_loao", "seeds", "heldout"):
            frame, tags = (dev, loao) if split == "dev_loao" else shipped[split]
            if theme in frame.columns:
                predicted = tags[theme] if split == "dev_loao" else tags[theme].to_numpy()
                rows.append(_row(theme, split, frame, predicted))
        if theme in agreement.index and theme in dev.columns:
            a = agreement.loc[theme]
            rows.append({"theme": theme, "split": "human", "paragraphs": int(a.paragraphs),
                         "articles": int(a.get("articles", 0)), "positives": int(a.positives_primary),
                         "precision": float("nan"), "recall": float("nan"), "f1": float(a.f1),
                         "source": SPLITS["human"]})  # fmt: skip
    return pd.DataFrame(rows, columns=TIDY_COLUMNS)


def wide(tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per theme, as the report's validation table shows it: the test split's counts and
    figures, then F1 on the other splits and the human-human F1 beside them."""
    if tidy.empty:
        return pd.DataFrame(columns=["theme"])
    out = pd.DataFrame({"theme": list(dict.fromkeys(tidy.theme))}).set_index("theme")
    by = tidy.set_index(["theme", "split"])

    def take(split: str, column: str) -> pd.Series:
        part = by.xs(split, level="split") if split in set(tidy.split) else pd.DataFrame(columns=[column])
        return part[column].reindex(out.index)

    out["paragraphs"] = take("test", "paragraphs")
    out["coded_positive"] = take("test", "positives")
    for column in ("precision", "recall", "f1"):
        out[f"test_{column}"] = take("test", column)
    for column in ("precision", "recall", "f1"):
        out[f"dev_loao_{column}"] = take("dev_loao", column)
    out["heldout_f1"] = take("heldout", "f1")
    out["human_f1"] = take("human", "f1")
    return out.reset_index()


def validate(lexicon: Lexicon, *, gold: str | Path | None = None, corpus: str | Path | None = None) -> pd.DataFrame:
    """The per-theme table (`wide`) for the shipped coding, or the plain P/R/F1 against a user's coding.

    A user's coding (`gold`, a CSV with `paragraph_id` and 0/1 theme columns) without a `text`
    column is joined to the paragraphs of `corpus`.
    """
    if gold is None:
        return wide(validation(lexicon))
    where = str(gold)
    try:
        coded = pd.read_csv(gold, keep_default_na=False)
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
    rows = []
    for theme in lexicon.names:
        if theme in coded.columns:
            gold_tags = coded[theme].astype(int)
            rows.append((theme, len(coded), int(gold_tags.sum()), *scores(tags[theme], gold_tags)))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def validation_for(
    data_dir: str | Path = "", *, lexicon: str | Path = "", keywords: str = "", theme: str = "", tidy: bool = False
) -> pd.DataFrame:
    """The validation table a build wrote to `data_dir`, or computed now for the given lexicon:
    one row per theme (`wide`), or with `tidy=True` one row per theme and split."""
    if data_dir:
        table = pd.read_parquet(Path(data_dir) / "validation.parquet")
        if "split" not in table.columns:  # written by an older build: already one row per theme
            return table
        return table if tidy else wide(table)
    from .lexicon import lexicon_for

    table = validation(lexicon_for(lexicon or None, keywords=keywords or None, theme=theme))
    return table if tidy else wide(table)
