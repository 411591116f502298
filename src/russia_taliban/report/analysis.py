"""The report's numbers: theme shares, actor associations, co-mentions, strongest passages.

Every function takes the build's Tables and returns a DataFrame, so notebooks only display and plot.
Shares are of content paragraphs (title, standfirst, heading, body), pull-quote repeats excluded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..load.kinds import CONTENT_KINDS
from ..tag.tables import Tables
from ..text.dates import parse_iso

#: Above this many articles, per-article views are aggregated by publication period.
PER_ARTICLE_LIMIT = 25


def content(tables: Tables) -> pd.DataFrame:
    p = tables.paragraphs
    return p[p.kind.isin(CONTENT_KINDS)]


def among(column: pd.Series, values: pd.Series) -> pd.Series:
    """`column.isin(values)` for string columns, done by Arrow: pandas' isin on Arrow strings turns
    each value into a Python scalar first (1.5 s for the tagged paragraphs of 10,000 articles)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    data = pa.array(column)
    if pa.types.is_null(data.type):  # an empty or all-missing column (a corpus without quotes or dates)
        return pd.Series(False, index=column.index, dtype=bool)
    wanted = pa.array(values)
    if isinstance(wanted, pa.ChunkedArray):
        wanted = wanted.combine_chunks()
    mask = pc.is_in(data, value_set=wanted.cast(data.type))
    return pd.Series(np.asarray(mask, dtype=bool), index=column.index)


def tagged_ids(content: pd.DataFrame, theme: str) -> pd.Series:
    """The ids of the content paragraphs that carry `theme`."""
    return content.loc[content[theme] == 1, "paragraph_id"]


def article_labels(tables: Tables) -> pd.Series:
    """A short label per article: "Outlet, 2022-04-18" (or the file id when both are unknown)."""
    a = tables.articles.set_index("article_id")
    labels = a.outlet.where(a.outlet != "", a.index.to_series())
    return labels + a.published.map(lambda d: f", {d}" if d else "")


def dated_articles(tables: Tables) -> pd.DataFrame:
    """Articles with a `date` column (first day of the published period; NaT when unknown)."""
    a = tables.articles.copy()
    a["date"] = pd.to_datetime(a.published.map(first_day), errors="coerce")
    a["label"] = a.article_id.map(article_labels(tables))
    return a.sort_values(["date", "article_id"], na_position="last").reset_index(drop=True)


def first_day(iso: str) -> str | None:
    """The first calendar day of an ISO date at any precision ("2025-07" -> "2025-07-01"); None if empty."""
    return parse_iso(iso).first_day().isoformat() if iso else None


def period_labels(dates: pd.Series) -> pd.Series:
    """The period each date falls in: calendar years, or quarters when every date lies within two
    years (a year would then hold everything). Missing dates are "undated"."""
    known = dates.dropna()
    quarters = not known.empty and (known.max() - known.min()) < pd.Timedelta(days=730)
    labels = dates.dt.to_period("Q" if quarters else "Y").astype(str)
    return labels.where(dates.notna(), "undated")


def dated_content(tables: Tables) -> pd.DataFrame:
    """Content paragraphs of dated articles, with the article's `date` and `period`, oldest first."""
    articles = dated_articles(tables)
    articles = articles.assign(period=period_labels(articles.date))
    c = content(tables).merge(articles[["article_id", "date", "period"]], on="article_id")
    return c[c.date.notna()].sort_values(["date", "article_id", "position"], kind="stable").reset_index(drop=True)


def theme_shares(tables: Tables, *, by: str = "auto") -> pd.DataFrame:
    """Share of content paragraphs tagged with each theme, per article (or per period).

    `by` is "article", "period" or "auto" (per article up to PER_ARTICLE_LIMIT articles). The result
    is ordered by date and has `label`, `date`, `paragraphs` and one share column per theme.
    """
    themes = tables.themes
    articles = dated_articles(tables)
    c = content(tables).merge(articles[["article_id", "date", "label"]], on="article_id")
    if by == "auto":
        by = "article" if len(articles) <= PER_ARTICLE_LIMIT else "period"
    if by == "article":
        grouped = c.groupby(["article_id"], sort=False)
        out = grouped[themes].mean()
        out["paragraphs"] = grouped.size()
        out = articles.set_index("article_id")[["label", "date"]].join(out, how="inner")
        return out.reset_index(drop=True)[["label", "date", "paragraphs", *themes]]
    c = c.assign(label=period_labels(c.date))  # the periods the findings and the central chart use
    grouped = c.groupby("label")
    out = grouped[themes].mean()
    out["paragraphs"] = grouped.size()
    out["date"] = grouped.date.min()
    out = out.reset_index().sort_values("date", na_position="last")
    return out.reset_index(drop=True)[["label", "date", "paragraphs", *themes]]


def dominant_theme(shares: pd.DataFrame, themes: list[str]) -> pd.Series:
    return shares[themes].idxmax(axis=1).where(shares[themes].max(axis=1) > 0, "none")


def actor_paragraphs(tables: Tables) -> pd.DataFrame:
    """One row per (paragraph, actor) pair: each actor counted once per paragraph."""
    return tables.mentions[["paragraph_id", "actor", "actor_type"]].drop_duplicates(["paragraph_id", "actor"])


def actor_association(tables: Tables, theme: str, *, top: int = 10, min_paragraphs: int = 2) -> pd.DataFrame:
    """Actors most mentioned in the theme's paragraphs, with their share there and in the corpus.

    `lift` is the ratio of the two shares: above 1, the actor is mentioned more often when the
    theme is present than in the corpus as a whole.
    """
    c = content(tables)
    tagged = tagged_ids(c, theme)
    pairs = actor_paragraphs(tables)  # mentions come from content paragraphs only
    overall = pairs.groupby("actor").size()
    inside = pairs[among(pairs.paragraph_id, tagged)].groupby("actor").size()
    out = pd.DataFrame({"in_theme": inside, "in_corpus": overall}).fillna(0)
    out = out[out.in_theme >= min(min_paragraphs, max(1, len(tagged)))]
    out["theme_share"] = out.in_theme / max(1, len(tagged))
    out["corpus_share"] = out.in_corpus / max(1, len(c))
    out["lift"] = out.theme_share / out.corpus_share
    out = out.sort_values(["in_theme", "lift"], ascending=False).head(top)
    return out.reset_index(names="actor").astype({"in_theme": int, "in_corpus": int})


def comentions(tables: Tables, *, top: int = 12) -> pd.DataFrame:
    """Paragraph-level co-mention counts among the `top` most-mentioned actors (a square matrix)."""
    pairs = actor_paragraphs(tables)
    leaders = pairs.actor.value_counts().head(top).index.tolist()
    pairs = pairs[pairs.actor.isin(leaders)][["paragraph_id", "actor"]]
    both = pairs.merge(pairs, on="paragraph_id", suffixes=("", "_other"))
    both = both[both.actor != both.actor_other]
    matrix = pd.crosstab(both.actor, both.actor_other)
    return matrix.reindex(index=leaders, columns=leaders, fill_value=0).astype(int)


def top_terms(tables: Tables, theme: str, *, n: int = 6) -> pd.DataFrame:
    """The theme's terms by number of tagged paragraphs they occur in."""
    e = tables.evidence
    e = e[(e.theme == theme) & among(e.paragraph_id, tagged_ids(content(tables), theme))]
    out = e.groupby("term").agg(paragraphs=("paragraph_id", "nunique"), hits=("paragraph_id", "size"))
    return out.sort_values(["paragraphs", "hits"], ascending=False).head(n).reset_index()


def strongest_paragraphs(tables: Tables, theme: str, *, n: int = 5) -> pd.DataFrame:
    """The `n` content paragraphs with the highest score for the theme, with their evidence spans."""
    c = content(tables)
    c = c[c[theme] == 1].sort_values([f"{theme}_score", "paragraph_id"], ascending=[False, True]).head(n)
    e = tables.evidence
    e = e[among(e.paragraph_id, c.paragraph_id) & (e.theme == theme)]  # only the chosen paragraphs' hits
    spans: dict[str, list[tuple[int, int]]] = {}
    for paragraph_id, start, end in e[["paragraph_id", "start", "end"]].itertuples(index=False):
        spans.setdefault(paragraph_id, []).append((start, end))
    return pd.DataFrame(
        {
            "article_id": c.article_id.values,
            "paragraph_id": c.paragraph_id.values,
            "theme": theme,
            "score": c[f"{theme}_score"].values,
            "text": c.text.values,
            "spans": [sorted(spans.get(pid, [])) for pid in c.paragraph_id],
        }
    )


def context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """About `window` characters either side of text[start:end], cut at word boundaries, with "…"
    where the paragraph goes on."""
    left = text[max(0, start - window) : start]
    if start > window:
        cut = left.find(" ")
        left = "…" + (left[cut + 1 :] if 0 <= cut < len(left) - 1 else left)
    right = text[end : end + window]
    if end + window < len(text):
        cut = right.rfind(" ")
        right = (right[:cut] if cut > 0 else right) + "…"
    return left, right


def kwic_lines(tables: Tables, theme: str, terms: list[str], *, window: int = 60, per_term: int = 3) -> pd.DataFrame:
    """Keyword-in-context lines for the given terms, from the theme's tagged paragraphs (the first
    `per_term` each, in reading order), with the source article and paragraph of each line."""
    text = tables.paragraphs.set_index("paragraph_id").text
    e = tables.evidence[(tables.evidence.theme == theme) & tables.evidence.term.isin(terms)]
    e = e[among(e.paragraph_id, tagged_ids(content(tables), theme))]
    order = {t: i for i, t in enumerate(terms)}
    e = e.assign(rank=e.term.map(order)).sort_values(["rank", "paragraph_id", "start"]).groupby("term").head(per_term)
    rows = []
    for row in e.itertuples(index=False):
        t = text[row.paragraph_id]
        left, right = context(t, row.start, row.end, window)
        rows.append((row.term, left, t[row.start : row.end], right, row.article_id, row.paragraph_id))
    return pd.DataFrame(rows, columns=["term", "left", "match", "right", "article_id", "paragraph_id"])


def in_theme(frame: pd.DataFrame, tables: Tables, theme: str) -> pd.DataFrame:
    """Rows of `frame` (quotes, events) whose paragraph carries the theme."""
    return frame[among(frame.paragraph_id, tagged_ids(content(tables), theme))]


def plural(n: int, word: str, many: str = "") -> str:
    """ "1 article", "2 articles" (or the given plural form)."""
    return f"{n} {word if n == 1 else many or word + 's'}"
