"""Every figure in the report, in one style.

Figures are sized for the PDF's text width (about 6.5 in at 100% zoom) and titled, with labelled
axes. Article text can reach a figure (labels, titles), so mathtext is switched off: a "$" in a title
is a dollar sign, not the start of a formula. Functions return a Figure built without pyplot (no global state, nothing to close); a notebook shows it by
returning it from a cell.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..resources import package_yaml
from ..tag.tables import Tables
from ..text.normalise import shorten
from . import analysis

LABEL_WIDTH = 46  # characters of an article label on an axis
WIDTH = 7.5  # inches; the PDF shows figures at about 6.5 in, so 10.5 pt text stays above 9 pt
PALETTE = {"security": "#B2182B", "economics": "#2166AC", "diplomacy": "#1B7837", "humanitarian": "#E08214"}
EXTRA = ["#762A83", "#8C510A", "#01665E", "#C51B7D", "#4D4D4D", "#35978F"]

STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "font.size": 10.5,
    "axes.titlesize": 12.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9.5,
    "text.parse_math": False,
    "svg.hashsalt": "russia-taliban",  # stable ids: same inputs, same figure files
    "figure.constrained_layout.use": True,
}


def use_style() -> None:
    """Apply the report style and let IPython show returned figures as PNG (notebooks call this once)."""
    mpl.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return
    shell = get_ipython()
    if shell is not None:
        select_figure_formats(shell, {"png"}, dpi=STYLE["savefig.dpi"])


@contextmanager
def _styled() -> Iterator[None]:
    with mpl.rc_context(STYLE):
        yield


def _figure(size: tuple[float, float]) -> tuple[Figure, Axes]:
    """A figure outside pyplot's state: nothing to close, shown once when a notebook cell returns it."""
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.subplots()


def color(theme: str, themes: list[str] | None = None) -> str:
    if theme in PALETTE:
        return PALETTE[theme]
    others = [t for t in (themes or [theme]) if t not in PALETTE]
    return EXTRA[others.index(theme) % len(EXTRA)] if theme in others else EXTRA[0]


@functools.cache
def milestones() -> list[tuple[pd.Timestamp, str]]:
    items = package_yaml("milestones.yaml")["milestones"]
    return [(pd.Timestamp(analysis.first_day(str(m["date"]))), str(m["label"])) for m in items]


def _milestone_lines(ax: Axes, start: pd.Timestamp, end: pd.Timestamp) -> None:
    for when, label in milestones():
        if start <= when <= end:
            ax.axvline(when, color="#888888", linestyle=":", linewidth=1, zorder=0)
            ax.annotate(label, (when, 1.0), xycoords=("data", "axes fraction"), rotation=90, va="top", ha="right",
                        fontsize=8, color="#555555", xytext=(-2, -2), textcoords="offset points")  # fmt: skip


def _date_axis(ax: Axes) -> None:
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=9))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))


def timeline(tables: Tables) -> Figure:
    """Publication dates (large markers) and the dates each article's text mentions (small)."""
    articles = analysis.dated_articles(tables).dropna(subset=["date"])
    events = tables.events.merge(articles[["article_id", "label"]], on="article_id")
    events = events.assign(when=pd.to_datetime(events.date.map(analysis.first_day), errors="coerce")).dropna(
        subset=["when"]
    )
    with _styled():
        many = len(articles) > analysis.PER_ARTICLE_LIMIT
        fig, ax = _figure((WIDTH, 2.2 + (0 if many else 0.42 * len(articles))))
        if articles.empty:
            ax.text(0.5, 0.5, "No article has a publication date.", ha="center", transform=ax.transAxes)
            return fig
        start = min(articles.date.min(), pd.Timestamp("2021-01-01")) - pd.Timedelta(days=120)
        end = articles.date.max() + pd.Timedelta(days=120)
        shown = events[(events.when >= start) & (events.when <= end)]
        if many:  # thousands of articles: how many were published, and how many events fall in each month
            ax.hist(articles.date, bins=40, color="#4D4D4D", alpha=0.8, label="articles published")
            ax.hist(shown.when, bins=40, color=PALETTE["diplomacy"], alpha=0.5, label="dated events mentioned")
            ax.set_ylabel("count")
        else:
            rows = {label: i for i, label in enumerate(articles.label)}
            ax.scatter(
                shown.when,
                shown.label.map(rows),
                s=18,
                color="#777777",
                alpha=0.7,
                label="event mentioned in the text",
                zorder=2,
            )
            ax.scatter(
                articles.date, articles.label.map(rows), s=90, marker="D", color="#111111", label="published", zorder=3
            )
            ax.set_yticks(range(len(rows)), [shorten(label, LABEL_WIDTH) for label in rows])
            ax.invert_yaxis()
            ax.set_ylim(len(rows) - 0.4, -1.2)
        _milestone_lines(ax, start, end)
        ax.set_xlim(start, end)
        _date_axis(ax)
        earlier = len(events) - len(shown)
        note = f"\n{earlier} dated mentions before the period shown are left out" if earlier else ""
        ax.set_title(f"When the articles appeared, and the dates they mention{note}")
        ax.set_xlabel("date")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=2)
    return fig


def theme_mix(tables: Tables, themes: list[str] | None = None) -> Figure:
    """Heat table: share of each article's (or period's) paragraphs that carry each theme."""
    themes = themes or tables.themes
    shares = analysis.theme_shares(tables)
    with _styled():
        fig, ax = _figure((WIDTH, 1.4 + 0.38 * len(shares)))
        values = shares[themes].to_numpy(dtype=float)
        ax.imshow(values, cmap="Greys", vmin=0, vmax=1, aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", color="white" if v > 0.55 else "black", fontsize=9.5)
        ax.set_xticks(range(len(themes)), themes)
        ax.xaxis.tick_top()
        ax.set_yticks(
            range(len(shares)),
            [f"{shorten(lbl, LABEL_WIDTH)} (n={n})" for lbl, n in zip(shares.label, shares.paragraphs, strict=True)],
        )
        ax.grid(False)
        ax.set_title("Theme mix: share of content paragraphs tagged with each theme", pad=24)
        ax.set_xlabel("theme (a paragraph can carry several)")
    return fig


def theme_trend(tables: Tables, themes: list[str] | None = None) -> Figure:
    """The central chart: each theme's share of paragraphs over publication time, with milestones."""
    themes = themes or tables.themes
    shares = analysis.theme_shares(tables).dropna(subset=["date"])
    with _styled():
        fig, ax = _figure((WIDTH, 4.4))
        for theme in themes:
            ax.plot(
                shares.date,
                shares[theme],
                marker="o",
                linewidth=2,
                markersize=6,
                color=color(theme, themes),
                label=theme,
            )
        if not shares.empty:
            start, end = shares.date.min() - pd.Timedelta(days=90), shares.date.max() + pd.Timedelta(days=90)
            _milestone_lines(ax, start, end)
            ax.set_xlim(start, end)
        ax.set_ylim(0, 1.05)
        ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        _date_axis(ax)
        ax.set_title("How the framing moved: share of paragraphs per theme, by publication date")
        ax.set_xlabel(
            "publication date (one point per article)"
            if len(shares) <= analysis.PER_ARTICLE_LIMIT
            else "publication period"
        )
        ax.set_ylabel("share of content paragraphs")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def comention_heatmap(tables: Tables, *, top: int = 12) -> Figure:
    """Who is mentioned with whom: paragraphs in which two actors both appear."""
    matrix = analysis.comentions(tables, top=top)
    with _styled():
        size = 1.2 + 0.45 * len(matrix)
        fig, ax = _figure((WIDTH, min(size, 8.5)))
        values = matrix.to_numpy(dtype=float, copy=True)  # pandas hands out read-only arrays
        np.fill_diagonal(values, np.nan)
        image = ax.imshow(values, cmap="Blues", aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            if not np.isnan(v) and v > 0:
                ax.text(
                    j,
                    i,
                    f"{int(v)}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v > np.nanmax(values) * 0.6 else "black",
                )
        labels = list(matrix.index)
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
        ax.set_yticks(range(len(labels)), labels)
        ax.grid(False)
        fig.colorbar(image, ax=ax, label="paragraphs mentioning both", shrink=0.8)
        ax.set_title(f"Who is mentioned with whom: the {len(labels)} most-mentioned actors")
        ax.set_xlabel("actor")
        ax.set_ylabel("actor")
    return fig


def theme_share(tables: Tables, theme: str) -> Figure:
    """One theme's share of paragraphs per article (or period), against the corpus-wide share."""
    shares = analysis.theme_shares(tables)
    content = analysis.content(tables)
    overall = content[theme].mean() if len(content) else 0.0
    with _styled():
        fig, ax = _figure((WIDTH, 1.6 + 0.36 * len(shares)))
        ax.barh(range(len(shares)), shares[theme], color=color(theme, tables.themes))
        ax.axvline(overall, color="#333333", linestyle="--", linewidth=1, label=f"whole corpus: {overall:.0%}")
        ax.set_yticks(range(len(shares)), [shorten(lbl, LABEL_WIDTH) for lbl in shares.label])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_title(f"{theme.capitalize()}: share of each article's paragraphs (oldest first)")
        ax.set_xlabel(f"share of content paragraphs tagged {theme}")
        ax.set_ylabel("article" if len(shares) <= analysis.PER_ARTICLE_LIMIT else "period")
        ax.legend(loc="lower right")
    return fig


def actor_association(tables: Tables, theme: str, *, top: int = 10) -> Figure:
    """Actors in the theme's paragraphs compared with their share of all paragraphs."""
    assoc = analysis.actor_association(tables, theme, top=top)
    with _styled():
        fig, ax = _figure((WIDTH, 1.6 + 0.4 * max(1, len(assoc))))
        y = np.arange(len(assoc))
        ax.barh(
            y - 0.2, assoc.theme_share, height=0.4, color=color(theme, tables.themes), label=f"in {theme} paragraphs"
        )
        ax.barh(y + 0.2, assoc.corpus_share, height=0.4, color="#BBBBBB", label="in all paragraphs")
        ax.set_yticks(y, assoc.actor)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
        ax.set_title(f"Actors most associated with {theme}")
        ax.set_xlabel("share of paragraphs that mention the actor")
        ax.set_ylabel("actor")
        ax.legend(loc="lower right")
    return fig
