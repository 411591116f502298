"""The tables every later stage reads: computed once per build, written to disk, read back by notebooks."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from ..load.corpus import Corpus
from .actors import Gazetteer, find_mentions, load_gazetteer
from .events import find_events
from .lexicon import Lexicon
from .quotes import find_quotes
from .themes import tag_themes


@dataclass
class Tables:
    articles: pd.DataFrame
    paragraphs: pd.DataFrame  # the columns of docs/design.md, then T and T_score for each theme
    mentions: pd.DataFrame
    events: pd.DataFrame
    quotes: pd.DataFrame
    evidence: pd.DataFrame  # the theme-term hits behind each tag
    lexicon: dict  # themes, descriptions, terms and thresholds, for the method notes

    @property
    def themes(self) -> list[str]:
        return list(self.lexicon["themes"])

    def write(self, folder: Path, *, fmt: str = "parquet") -> list[Path]:
        """Write each table as one file (plus lexicon.json); return the paths."""
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for f in fields(self):
            if f.name == "lexicon":
                continue
            frame: pd.DataFrame = getattr(self, f.name)
            path = folder / f"{f.name}.{fmt}"
            if fmt == "csv":
                frame.to_csv(path, index=False, encoding="utf-8")
            else:
                frame.to_parquet(path, index=False)
            paths.append(path)
        path = folder / "lexicon.json"
        path.write_text(json.dumps(self.lexicon, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
        return paths

    @classmethod
    def read(cls, folder: str | Path) -> Tables:
        folder = Path(folder)
        frames = {f.name: pd.read_parquet(folder / f"{f.name}.parquet") for f in fields(cls) if f.name != "lexicon"}
        lexicon = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
        return cls(**frames, lexicon=lexicon)


def build_tables(corpus: Corpus, lexicon: Lexicon, gazetteer: Gazetteer | None = None) -> Tables:
    """Tag the corpus: themes with evidence, actor mentions, dated events and quotes."""
    gazetteer = gazetteer or load_gazetteer()
    articles = corpus.articles_frame
    paragraphs = corpus.paragraphs_frame
    tags, evidence = tag_themes(paragraphs, lexicon)
    mentions = find_mentions(paragraphs, gazetteer)
    return Tables(
        articles=articles,
        paragraphs=pd.concat([paragraphs, tags], axis=1),
        mentions=mentions,
        events=find_events(paragraphs, articles, mentions),
        quotes=find_quotes(paragraphs, gazetteer, mentions),
        evidence=evidence,
        lexicon=lexicon_record(lexicon),
    )


def lexicon_record(lexicon: Lexicon) -> dict:
    """lexicon.json: the lexicon's record, each theme with how it was decided (`decision`: the learned
    model's record, or the weighted rule's), so the method notes say what was actually used."""
    from .classifier import models_for

    record = lexicon.record()
    models = models_for(lexicon)
    for name, theme in record["themes"].items():
        model = models.get(name)
        theme["decision"] = model.record() if model else {"method": "weighted rule", "threshold": theme["threshold"],
                                                          "short_threshold": theme["short_threshold"],
                                                          "short_words": lexicon.short_words}  # fmt: skip
    return record


def write_tables(tables: Tables, folder: Path, *, fmt: str = "csv") -> list[Path]:
    """The export: the five tables of docs/design.md plus the theme evidence, one file each."""
    return tables.write(folder, fmt=fmt)


def open_tables(data_dir: str | Path = "", *, corpus: str | Path = "../seeds", lexicon: str | Path = "",
                keywords: str = "", theme: str = "") -> Tables:  # fmt: skip
    """The tables a notebook works on: a build's `data_dir` if given, else the corpus tagged now.

    The second case is for JupyterLab: a notebook opened with its default parameters runs top to
    bottom without a prior build. `keywords` defines `theme` ad hoc, as `--keywords` does.
    """
    if data_dir:
        return Tables.read(data_dir)
    from ..load.corpus import load_corpus
    from .lexicon import lexicon_for

    return build_tables(load_corpus(corpus), lexicon_for(lexicon or None, keywords=keywords or None, theme=theme))
