"""The report's tables and generated text, built from the tables as display objects (see `display`).

Each function answers one reader's question and cites articles by short reference (`sources`).
"""

from __future__ import annotations

import pandas as pd

from ..tag.tables import Tables
from . import analysis, findings, sources
from .analysis import plural
from .display import Chapter, Concordance, Heading, Links, Passages, Prose, Table

__all__ = ["Chapter", "Concordance", "Heading", "Links", "Passages", "Prose", "Table"]

UNDATED = "undated (not in the time charts)"


def chapter_number(tables: Tables, theme: str | None = None) -> int:
    """1 for the overview, then the themes in lexicon order."""
    return 1 if theme is None else tables.themes.index(theme) + 2


def provenance(tables: Tables, inputs_digest: str = "") -> Prose:
    return Prose([sources.provenance(tables, inputs_digest).line()], css="rt-provenance")


def articles_table(tables: Tables, *, limit: int = 30) -> Table:
    a = analysis.dated_articles(tables)
    refs = sources.references(tables)
    shown = a.head(limit)
    frame = pd.DataFrame(
        {
            "published": shown.published.where(shown.published != "", UNDATED),
            "reference": shown.article_id.map(refs),
            "outlet": shown.outlet.where(shown.outlet != "", "unknown"),
            "author": shown.author.where(shown.author != "", "unknown"),
            "words": shown.words.astype(int),
            "title": shown.title.where(shown.title != "", "(no headline)"),
        }
    )
    undated = int(a.date.isna().sum())
    caption = f"The corpus: {plural(len(a), 'article')}, oldest first" + (
        f"; the first {limit}" if len(a) > limit else ""
    )
    if undated:
        caption += f"; {undated} undated, left out of the time charts"
    return Table(frame, caption, expand={"title": 90})


def period_table(tables: Tables, themes: list[str] | None = None) -> Table:
    """Each period's theme shares with their intervals and n: the numbers behind the central chart."""
    themes = themes or tables.themes
    p = findings.periods(tables, themes)
    rows = []
    for name, d in p.groups.items():
        low, high = d.interval()
        cells = [f"{d.share[j]:.0%} ({low[j]:.0%}–{high[j]:.0%})" for j in range(len(themes))]
        rows.append([name, d.articles, d.paragraphs, *cells])
    frame = pd.DataFrame(rows, columns=["period", "articles", "paragraphs", *themes])
    caption = "Share of content paragraphs carrying each theme per period, with 95% bootstrap intervals"
    if p.undated:
        caption += f" ({plural(p.undated, 'undated article')} left out)"
    return Table(frame, caption)


def quotes_table(tables: Tables, quotes: pd.DataFrame | None = None, *, limit: int = 200, width: int = 160) -> Table:
    """Quotations in date order (the article's date, then the place in the article), each with its source."""
    q = tables.quotes if quotes is None else quotes
    total = len(q)
    order = analysis.dated_articles(tables).reset_index()[["article_id", "index"]].rename(columns={"index": "rank"})
    position = tables.paragraphs.set_index("paragraph_id").position
    q = q.merge(order, on="article_id", how="left").assign(at=lambda f: f.paragraph_id.map(position))
    q = q.sort_values(["rank", "at"], kind="stable").head(limit)
    published = q.article_id.map(tables.articles.set_index("article_id").published)
    frame = pd.DataFrame(
        {
            "date": published.where(published != "", "undated").values,
            "speaker": q.speaker.where(q.speaker != "", "(unattributed)").values,
            "quotation": ("“" + q.quote.str.strip() + "”").values,
            "source": sources.cite(tables, q.article_id, q.paragraph_id).values,
        }
    )
    shown = "All " if len(frame) == total else f"The first {len(frame)} of "
    caption = f"{shown}{plural(total, 'quotation')}, in date order; open a quotation to read it whole"
    return Table(frame, caption, expand={"quotation": width})


def events_table(tables: Tables, events: pd.DataFrame | None = None, *, limit: int = 200, width: int = 140) -> Table:
    e = (tables.events if events is None else events).sort_values(["date", "paragraph_id"])
    total = len(e)
    e = e.head(limit)
    frame = pd.DataFrame(
        {
            "date": e.date.values,
            "event (the sentence that dates it)": e.text.values,
            "actors": e.actors.values,
            "source": sources.cite(tables, e.article_id, e.paragraph_id).values,
        }
    )
    shown = "All " if len(frame) == total else f"The first {len(frame)} of "
    caption = f"{shown}{plural(total, 'dated event')}, oldest first, as the texts date them"
    return Table(frame, caption, expand={"event (the sentence that dates it)": width})


def terms_table(terms: pd.DataFrame, theme: str) -> Table:
    frame = terms.rename(columns={"paragraphs": f"{theme} paragraphs with it", "hits": "occurrences"})
    return Table(frame, f"The terms found in most {theme} paragraphs")


def concordance(tables: Tables, lines: pd.DataFrame, theme: str) -> Concordance:
    frame = lines.assign(source=sources.cite(tables, lines.article_id, lines.paragraph_id).values)
    caption = (
        f"Keyword in context: {plural(lines.term.nunique(), 'term')} of the {theme} lexicon, up to three lines each"
    )
    return Concordance(frame, caption)


def passages(tables: Tables, rows: pd.DataFrame) -> Passages:
    """The passages cited, each with its learned probability or, for a rule theme, its lexicon score."""
    measure = "probability" if not rows.empty and learned(tables, rows.theme.iat[0]) else "score"
    return Passages(rows.assign(source=sources.cite(tables, rows.article_id, rows.paragraph_id).values), measure)


def lexicon_table(tables: Tables, theme: str) -> Table:
    spec = tables.lexicon["themes"][theme]
    by_weight: dict[float, list[str]] = {}
    for term, weight in spec["terms"]:
        by_weight.setdefault(weight, []).append(term)
    weights = sorted(by_weight, reverse=True)
    frame = pd.DataFrame({"weight": [f"{w:g}" for w in weights], "terms": [", ".join(by_weight[w]) for w in weights]})
    if spec["exclude"]:
        frame.loc[len(frame)] = ["not counted", ", ".join(spec["exclude"])]
    return Table(frame, f"Lexicon for {theme} ({spec['source']})")


#: Validation columns the report knows how to name, in the order it shows them (a wide table, one row
#: per theme). Any other numeric column a later validation adds is shown after these, under its own name.
VALIDATION_COLUMNS = {
    "theme": "theme",
    "paragraphs": "coded paragraphs",
    "coded_positive": "coded positive",
    "precision": "precision",
    "recall": "recall",
    "f1": "F1 (in-sample)",
    "loao_f1": "F1, leave one article out",
    "heldout_f1": "F1, held-out set",
    "test_precision": "precision, test split",
    "test_recall": "recall, test split",
    "test_f1": "F1, test split",
    "dev_loao_precision": "precision, leave one article out (development)",
    "dev_loao_recall": "recall, leave one article out (development)",
    "dev_loao_f1": "F1, leave one article out (development)",
    "human_f1": "human–human F1",
}

#: What the report shows of a tidy validation (`tag.validate.validation`): (split, measure) -> header.
SPLIT_COLUMNS = {
    ("test", "precision"): "test precision",
    ("test", "recall"): "test recall",
    ("test", "f1"): "test F1",
    ("dev_loao", "precision"): "dev precision",
    ("dev_loao", "recall"): "dev recall",
    ("dev_loao", "f1"): "dev F1",
    ("human", "f1"): "human–human F1",
}

#: Above this many columns (theme and measures) the validation table turns: measures become rows.
WIDE_VALIDATION = 8


def validation_table(validation: pd.DataFrame, themes: list[str] | None = None) -> Table:
    """Whatever validation rows and figures exist, one row per theme; a theme without coding is
    listed as unvalidated rather than left out. A tidy validation (one row per theme and split)
    shows the splits the report names (SPLIT_COLUMNS) and says in its caption what each split is."""
    if "split" in validation.columns:
        return _split_table(validation, themes)
    known = [c for c in VALIDATION_COLUMNS if c in validation.columns]
    extra = [c for c in validation.columns if c not in VALIDATION_COLUMNS]
    frame = validation[known + extra].copy()
    for theme in themes or []:
        if theme not in set(frame.theme):
            frame.loc[len(frame)] = {"theme": theme}
    numeric = [c for c in frame.columns if c != "theme"]
    cells = frame[numeric].astype(object).where(frame[numeric].notna(), None)
    show = pd.DataFrame({"theme": frame.theme})
    for c in numeric:
        integer = c in ("paragraphs", "coded_positive")
        show[VALIDATION_COLUMNS.get(c, c)] = [
            "" if v is None else f"{int(v)}" if integer else f"{float(v):.2f}" for v in cells[c]
        ]
    unvalidated = frame[numeric].isna().all(axis=1)
    if len(show.columns) > 1:
        show.loc[unvalidated.values, show.columns[1]] = "unvalidated"
    return _validation_shape(show, "Agreement of the tags with human coding, per theme")


def _validation_shape(show: pd.DataFrame, caption: str) -> Table:
    if len(show.columns) > WIDE_VALIDATION:  # many measures: one row per measure, so the table still fits the page
        show = show.set_index("theme").T.rename_axis(None, axis=1).reset_index(names="measure")
        caption = caption.replace(", per theme", ", one column per theme", 1)
    return Table(show, caption, numbers=list(show.columns[1:]))


def _split_table(tidy: pd.DataFrame, themes: list[str] | None) -> Table:
    order = list(dict.fromkeys([*tidy.theme, *(themes or [])]))
    by = {(r.theme, r.split, m): getattr(r, m) for r in tidy.itertuples() for m in ("precision", "recall", "f1")}
    show = pd.DataFrame({"theme": order})
    for (split, measure), header in SPLIT_COLUMNS.items():
        if split in set(tidy.split):
            values = [by.get((t, split, measure)) for t in order]
            show[header] = ["" if v is None or pd.isna(v) else f"{float(v):.2f}" for v in values]
    if len(show.columns) > 1:
        show.loc[~show.theme.isin(set(tidy.theme)), show.columns[1]] = "unvalidated"
    return _validation_shape(show, validation_caption(tidy))


def validation_caption(tidy: pd.DataFrame) -> str:
    """What each split shown is, with its size as the validation counted it."""

    def size(split: str) -> str:
        rows = tidy[tidy.split == split]
        return f"{plural(int(rows.articles.max()), 'article')}, {plural(int(rows.paragraphs.max()), 'paragraph')}"

    splits = set(tidy.split)
    parts = []
    if "test" in splits:
        parts.append(f"test: the frozen test split ({size('test')}), never used to choose terms or fit the model")
    if "dev_loao" in splits:
        parts.append(f"dev: the development split ({size('dev_loao')}), each article tagged by a model trained on "
                     "the others (leave one article out)")  # fmt: skip
    if "human" in splits:
        parts.append(f"human–human: two independent codings of the same {size('human')} (the ceiling)")
    return "Agreement of the tags with human coding, per theme (precision, recall, F1). " + "; ".join(parts)


def theme_validation(validation: pd.DataFrame, theme: str) -> Table | Prose:
    rows = validation[validation.theme == theme]
    if rows.empty:
        return Prose([f"No human coding exists for {theme}, so its tags are unvalidated: read the passages above."])
    return validation_table(rows)


#: How the method text names a learned model's inputs (its record's feature names).
FEATURES = {
    "score": "the lexicon's weighted score",
    "terms": "the number of distinct terms",
    "strong": "hits of terms that name the theme (weight 2 or more)",
    "weak": "hits of terms that count only alongside others (weight under 1)",
    "short": "whether the paragraph is short",
    "log_chars": "its length",
    "previous": "the previous paragraph's score",
    "next": "the next paragraph's score",
    "headline": "the headline's score",
    "article_mean": "the mean score of the article's other paragraphs",
    "short_x_previous": "the previous paragraph's score where the paragraph is short",
}


def decision(tables: Tables, theme: str) -> dict:
    """How `theme` was decided, as lexicon.json records it; tables from before that record follow the rule."""
    spec = tables.lexicon["themes"][theme]
    rule = {"method": "weighted rule", "threshold": spec["threshold"], "short_threshold": spec["short_threshold"],
            "short_words": tables.lexicon["short_words"]}  # fmt: skip
    return spec.get("decision") or rule


def learned(tables: Tables, theme: str) -> bool:
    return "trained_on" in decision(tables, theme)


def inputs(record: dict) -> str:
    """A learned model's inputs in words, from the features its record names."""
    names = list(record["coef"])
    words = [FEATURES.get(n, n) for n in names if not n.startswith("other_")]
    if record.get("terms"):
        words.append("a count for each term")
    if any(n.startswith("other_") for n in names):
        words.append("the other themes' scores")
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def decision_text(tables: Tables, theme: str, coded: bool, *, positives: bool = True) -> str:
    """One theme's decision as applied, in a sentence or two (`positives`: the coded positives' count)."""
    return f"The {theme} theme {_decided(tables, theme, coded, positives=positives)}"


def _decided(tables: Tables, theme: str, coded: bool, *, positives: bool = True, many: bool = False) -> str:
    d = decision(tables, theme)
    verb = "are each" if many else "is"
    if "trained_on" in d:
        t = d["trained_on"]
        shown = f"{plural(t['positives'], 'positive')}; " if positives else ""
        return (f"{verb} decided by a {d['method']}, trained on {plural(t['paragraphs'], 'coded development paragraph')} "
                f"from {plural(t['articles'], 'article')} ({shown}never the frozen test split). Its inputs are the "
                f"paragraph's lexicon hits: {inputs(d)}. A paragraph carries the theme when the model's probability "
                f"reaches {d['cut']:g}; the evidence shows each matched term's share of that decision.")  # fmt: skip
    text = (f"{verb} tagged by the weighted rule: a paragraph carries the theme when the weights of its matched terms "
            f"add up to {d['threshold']:g} ({d['short_threshold']:g} for paragraphs under {d['short_words']} "
            "words).")  # fmt: skip
    return text + ("" if coded else f" No human coding exists for {theme}, so its tags are unvalidated.")


def theme_method(tables: Tables, validation: pd.DataFrame, theme: str) -> Prose:
    """A theme chapter's method note: how this theme was decided, then its lexicon and validation."""
    coded = "theme" in validation and theme in set(validation.theme)
    return Prose([decision_text(tables, theme, coded)])


def sources_table(tables: Tables) -> Table:
    """Every article in full, by reference. The URL column is left out when no article has one."""
    s = sources.sources(tables)
    frame = pd.DataFrame(
        {
            "reference": s.reference,
            "title": s.title.where(s.title != "", "(no headline)"),
            "author": s.author.where(s.author != "", "unknown"),
            "outlet": s.outlet.where(s.outlet != "", "unknown"),
            "published": s.published.where(s.published != "", "undated"),
            "URL": s.url.where(s.url != "", "—"),
            "file": s.file,
            "SHA-256 (first 12)": s.sha256.str[:12],
        }
    )
    caption = f"Sources: {plural(len(frame), 'article')}, by reference"
    if (s.url == "").all():
        frame = frame.drop(columns="URL")
        caption += "; no URL is recorded for any of them"
    return Table(frame, caption, css="rt-table rt-sources")


def method(tables: Tables, validation: pd.DataFrame) -> Prose:
    """The method as actually applied: how each theme was decided (lexicon.json's record), the corpus's size."""
    lex = tables.lexicon
    themes = lex["themes"]
    c = analysis.content(tables)
    weights = sorted({w for t in themes.values() for _, w in t["terms"]}, reverse=True)
    coded = sorted(set(validation.theme)) if "theme" in validation else []
    uncoded = [t for t in themes if t not in coded]
    lines = [
        f"The corpus is {plural(len(tables.articles), 'article')} from "
        f"{plural(tables.articles.outlet.replace('', pd.NA).nunique(), 'outlet')}, with "
        f"{plural(len(c), 'content paragraph')} (titles, standfirsts, headings and body text; pull-quote repeats "
        "and site chrome are not counted).",
        f"Each content paragraph is matched against the weighted terms of each theme's lexicon "
        f"({plural(len(themes), 'theme')}: {', '.join(themes)}; weights {', '.join(f'{w:g}' for w in weights)}). "
        "Each theme's chapter lists its lexicon.",
        *_decisions(tables),
        "Shares are of content paragraphs. Their 95% intervals come from a two-stage bootstrap: the articles "
        "of a period are drawn with replacement, then each drawn article's paragraphs; a change between "
        "periods is reported only when the interval of the difference excludes zero.",
    ]
    if coded:
        lines.append(f"Validation against human coding covers {', '.join(coded)}; the figures are in the table below.")
    if uncoded:
        lines.append(f"No human coding exists for {', '.join(uncoded)}: {'its' if len(uncoded) == 1 else 'their'} "
                     "tags are unvalidated.")  # fmt: skip
    return Prose(lines)


def _decisions(tables: Tables) -> list[str]:
    # Themes decided alike share one sentence ("The security and economics themes are each decided ...").
    groups: dict[str, list[str]] = {}
    for theme in tables.themes:  # the uncoded are named after these sentences
        groups.setdefault(_decided(tables, theme, True, positives=False, many=True), []).append(theme)
    out = []
    for text, names in groups.items():
        if len(names) == 1:
            out.append(decision_text(tables, names[0], True, positives=False))
        else:
            out.append(f"The {', '.join(names[:-1])} and {names[-1]} themes {text}")
    return out


def theme_links(tables: Tables, theme: str) -> Links:
    """From a theme chapter to its page of its own, and from that page to the chapter in the report."""
    number = chapter_number(tables, theme)
    return Links([(f"Read {findings.title(theme)} as a page of its own", f"themes/{theme}.html", "report"),
                  (f"Chapter {number} of the combined report", f"report.html#c{number}-theme-{theme}", "page")])  # fmt: skip


def theme_heading(tables: Tables, theme: str) -> Heading:
    """The chapter's title (checked to be a known theme)."""
    if theme not in tables.lexicon["themes"]:
        raise ValueError(f"unknown theme {theme!r}; the tables have: {', '.join(tables.themes)}")
    number = chapter_number(tables, theme)
    return Heading(f"Theme: {theme}", 1, f"c{number}-theme-{theme}")


def theme_intro(tables: Tables, theme: str) -> Prose:
    spec = tables.lexicon["themes"][theme]
    return Prose([spec["description"] or f"The {theme} theme.", *findings.theme(tables, theme)], css="rt-findings")
