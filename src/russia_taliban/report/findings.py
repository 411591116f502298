"""What the report says it found, written from the tables, so it stays true for any corpus or lexicon.

Every claim carries its n and a bootstrap interval (`uncertainty`). A difference is called a change
only when its interval excludes zero; otherwise the text says it is within the noise. Where the data
cannot carry a claim (no dated article, one period, a period of one or two articles) the text says
that instead of the claim.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..tag.tables import Tables
from . import analysis, uncertainty
from .analysis import plural

#: Below this many articles in a period, its share is one or two authors' framing, not the press's.
FEW_ARTICLES = 5


def pct(x: float) -> str:
    return f"{x:.0%}"


def ci(low: float, high: float) -> str:
    return f"95% CI {low:.0%}–{high:.0%}"


def points(x: float) -> str:
    """A change in percentage points, signed ("+12 points", "−3 points")."""
    value = round(x * 100)
    return f"{'+' if value > 0 else '−' if value < 0 else '±'}{abs(value)} points"


def title(theme: str) -> str:
    """A theme name as it reads in prose headings ("drug_trade" -> "Drug trade")."""
    return theme.replace("_", " ").replace("-", " ").capitalize()


@dataclass(frozen=True)
class Periods:
    """The dated content grouped by period, with each period's bootstrap draws (oldest first)."""

    groups: dict[str, uncertainty.Draws]
    undated: int  # articles without a date, left out of every time comparison

    @property
    def names(self) -> list[str]:
        return list(self.groups)


def periods(tables: Tables, themes: list[str] | None = None) -> Periods:
    """The bootstrap per period, computed once per tables and themes: the summary, the period table
    and the central chart all quote it (and at 10,000 articles it takes seconds)."""
    themes = themes or tables.themes
    memo = tables.__dict__.setdefault("_periods_memo", {})
    key = tuple(themes)
    if key not in memo:
        c = analysis.dated_content(tables)
        undated = int(analysis.dated_articles(tables).date.isna().sum())
        memo[key] = Periods(uncertainty.grouped_draws(c, themes, "period"), undated)
    return memo[key]


def _ranked(d: uncertainty.Draws) -> list[int]:
    return sorted(range(len(d.themes)), key=lambda j: (-d.share[j], d.themes[j]))


def _period_name(name: str, d: uncertainty.Draws) -> str:
    return f"{name} ({plural(d.articles, 'article')}, {plural(d.paragraphs, 'paragraph')})"


def lead_sentence(name: str, d: uncertainty.Draws) -> str:
    """Which theme leads in a group, and whether it leads beyond the noise."""
    low, high = d.interval()
    order = _ranked(d)
    first = order[0]
    lead = d.themes[first]
    text = f"In {_period_name(name, d)}, {lead} leads with {pct(d.share[first])} ({ci(low[first], high[first])})"
    if len(order) > 1:
        second = order[1]
        m_low, _ = uncertainty.lead_margin(d, lead, d.themes[second])
        if m_low <= 0:
            return text + f", level within the noise with {d.themes[second]} ({pct(d.share[second])})."
        return text + f", ahead of {d.themes[second]} ({pct(d.share[second])})."
    return text + "."


def movement_sentences(p: Periods) -> list[str]:
    """How each theme's share moved from the first period to the last, beyond or within the noise."""
    if len(p.groups) < 2:
        return []
    (first, a), (last, b) = next(iter(p.groups.items())), list(p.groups.items())[-1]
    moved, level = [], []
    for theme in a.themes:
        d = uncertainty.difference(a, b, theme)
        if d.within_noise:
            level.append(f"{theme} {pct(d.earlier)} → {pct(d.later)}")
        else:
            word = "rose" if d.change > 0 else "fell"
            moved.append(
                f"{theme} {word} from {pct(d.earlier)} to {pct(d.later)} ({points(d.change)}, "
                f"95% CI {points(d.low).split()[0]} to {points(d.high)})"
            )
    out = []
    if moved:
        out.append(f"From {first} to {last}, " + "; ".join(moved) + ".")
    if level:
        lead = "The other changes are" if moved else f"From {first} to {last}, every change is"
        out.append(
            f"{lead} within the noise (the interval of the difference includes no change): " + "; ".join(level) + "."
        )
    return out


def caveat_sentences(tables: Tables, p: Periods) -> list[str]:
    """What the corpus cannot carry: undated articles, too few periods, too few articles per period."""
    out = []
    n = len(tables.articles)
    if p.undated:
        out.append(
            f"{plural(p.undated, 'article')} without a publication date {'is' if p.undated == 1 else 'are'} left out "
            "of every comparison over time and of the time charts."
        )
    if not p.groups:
        out.append("No article has a publication date, so the corpus cannot show how the framing moved.")
        return out
    if len(p.groups) == 1:
        out.append(f"All dated articles fall in {p.names[0]}, so the corpus cannot show a change over time.")
    few = [name for name, d in p.groups.items() if d.articles < FEW_ARTICLES]
    if few:
        sizes = sorted({p.groups[name].articles for name in few})
        counts = f"{sizes[0]}" if len(sizes) == 1 else f"{sizes[0]} to {sizes[-1]}"
        articles = f"{counts} article{'s' if sizes[-1] != 1 else ''}"
        which = (
            f"its one period rests on {articles}"
            if len(p.groups) == 1
            else f"{len(few)} of {len(p.groups)} periods rest on {articles} each"
        )
        out.append(
            f"With {plural(n, 'article')} in all, {which}: there a share is one or a few authors' framing, not a "
            "trend in the press, and its interval covers only the paragraphs those authors wrote."
        )
    return out


def overall_sentence(tables: Tables, themes: list[str]) -> str:
    c = analysis.content(tables)
    d = uncertainty.draws(c, themes)
    if d.paragraphs == 0:
        return "The corpus has no content paragraphs to tag."
    low, high = d.interval()
    parts = [f"{d.themes[j]} {pct(d.share[j])} ({ci(low[j], high[j])})" for j in _ranked(d)]
    return (
        f"{'Across all' if d.articles > 1 else 'In the'} {plural(d.articles, 'article')} "
        f"({plural(d.paragraphs, 'content paragraph')}), the share of "
        f"paragraphs carrying each theme is: " + "; ".join(parts) + "."
    )


def overview(tables: Tables, themes: list[str] | None = None) -> list[str]:
    """The overview's opening summary: overall shares, the lead in each period, the movement, caveats."""
    themes = themes or tables.themes
    p = periods(tables, themes)
    lines = [overall_sentence(tables, themes)]
    lines += [lead_sentence(name, d) for name, d in p.groups.items()]
    lines += movement_sentences(p)
    return lines + caveat_sentences(tables, p)


def theme(tables: Tables, name: str) -> list[str]:
    """A theme chapter's opening summary, in the same shape as the overview's."""
    c = analysis.content(tables)
    d = uncertainty.draws(c, [name])
    if d.paragraphs == 0:
        return ["The corpus has no content paragraphs to tag."]
    low, high = d.interval()
    lines = [
        f"{title(name)} is carried by {pct(d.share[0])} of {plural(d.paragraphs, 'content paragraph')} "
        f"in {plural(d.articles, 'article')} ({ci(low[0], high[0])})."
    ]
    p = periods(tables, [name])
    if p.groups:
        by_period = []
        for period, g in p.groups.items():
            g_low, g_high = g.interval()
            by_period.append(f"{period} {pct(g.share[0])} ({ci(g_low[0], g_high[0])}, {plural(g.articles, 'article')})")
        lines.append("By period: " + "; ".join(by_period) + ".")
    lines += movement_sentences(p)
    return lines + caveat_sentences(tables, p)


def per_article(tables: Tables, themes: list[str] | None = None) -> pd.DataFrame:
    """Each article's leading theme and its share (undated articles included and marked)."""
    themes = themes or tables.themes
    s = analysis.theme_shares(tables, by="article")
    lead = analysis.dominant_theme(s, themes)
    return pd.DataFrame(
        {
            "article": s.label,
            "paragraphs": s.paragraphs,
            "leading theme": lead,
            "its share": [row[t] if t in themes else 0.0 for t, (_, row) in zip(lead, s.iterrows(), strict=True)],
        }
    )
