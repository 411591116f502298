"""How well quote speakers agree with human coding (`data/coding/quotes_<split>.csv`).

Coders recorded, for every quotation of the coded articles (`coded_<split>.csv`), its first words, the
speaker as the text names them and a kind: `named` (a person's name), `role` (a role or an
institution only: "Foreign Ministry spokesperson") or `none`. A named speaker counts as found when the
tagger's speaker is the same actor: both sides are resolved through the gazetteer, so "Sergei Lavrov"
and "Sergey Lavrov" agree, and names outside it are compared as written (case and spacing aside).

`python -m russia_taliban.tag.quote_check` prints the development split's figures and every
disagreement; `--test` prints the frozen test split's totals only, so no rule is fitted to its quotes.
"""

from __future__ import annotations

import argparse
import io
import re

import pandas as pd

from ..resources import package_text
from ..text.wordlists import words_of
from .actors import Gazetteer, builtin_gazetteer
from .quotes import find_quotes

CHECK_COLUMNS = ["article_id", "paragraph_id", "quote_start", "speaker_kind", "gold", "found", "quote", "agree"]


def coded(name: str) -> pd.DataFrame:
    """A shipped coding file (`coded_dev`, `quotes_test`, ...), empty strings kept as such."""
    return pd.read_csv(io.StringIO(package_text("data", "coding", f"{name}.csv")), keep_default_na=False)


def coded_paragraphs(split: str) -> pd.DataFrame:
    """The coded articles of a split as a paragraphs table (ids as the loader makes them)."""
    frame = coded(f"coded_{split}")
    return pd.DataFrame(
        {
            "article_id": frame.article_id,
            "paragraph_id": frame.article_id + "-" + frame.position.astype(int).map("{:03d}".format),
            "kind": frame.kind,
            "text": frame.text,
        }
    )


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[“”\"‘’'.,;:!?…]", " ", text).lower().split())


def same_speaker(gold: str, found: str, gazetteer: Gazetteer) -> bool:
    """Whether two speaker strings name the same actor (gazetteer names and aliases resolved)."""
    if not gold or not found:
        return gold == found
    a, b = gazetteer.resolve(gold.strip()), gazetteer.resolve(found.strip())
    if a is not None or b is not None:
        return a == b
    return _plain(gold) == _plain(found)


def check_quotes(split: str = "dev", gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """One row per coded quotation: the coders' speaker, the tagger's, and whether they agree."""
    gazetteer = gazetteer or builtin_gazetteer()
    paragraphs = coded_paragraphs(split)
    found = find_quotes(paragraphs, gazetteer)
    gold = coded(f"quotes_{split}")
    rows = []
    for item in gold.itertuples(index=False):
        paragraph_id = f"{item.article_id}-{int(item.position):03d}"
        mine = found[found.paragraph_id == paragraph_id]
        start = _plain(item.quote_start)
        match = mine[[_plain(q).startswith(start) for q in mine.quote]]
        if match.empty:  # the tagger cut the quotation elsewhere: the quote holding its first words
            match = mine[[start in _plain(q) for q in mine.quote]]
        speaker, quote = (match.speaker.iloc[0], match.quote.iloc[0]) if len(match) else ("", "")
        agree = same_speaker(item.speaker, speaker, gazetteer) if item.speaker_kind == "named" else None
        rows.append((item.article_id, paragraph_id, item.quote_start, item.speaker_kind, item.speaker, speaker,
                     quote, agree))  # fmt: skip
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def speaker_accuracy(checked: pd.DataFrame) -> dict[str, float | int]:
    """Share of quotes with a named speaker attributed to that speaker; quotes split badly (a coded
    speaker's quotation whose other part, in the same paragraph, the tagger left unattributed); and
    quotes coded with a role whose role noun the tagger's speaker shares."""
    named = checked[checked.speaker_kind == "named"]
    split = 0
    for _, group in checked[checked.gold != ""].groupby(["paragraph_id", "gold"]):
        if len(group) > 1 and (group.found != "").any() and (group.found == "").any():
            split += 1
    roles = checked[checked.speaker_kind == "role"]
    same_role = [bool(_heads(g) & _heads(f)) for g, f in zip(roles.gold, roles.found, strict=True)]
    return {"named": len(named), "agree": int(named.agree.sum()), "accuracy": float(named.agree.mean()),
            "fragments_unattributed": split, "roles": len(roles), "role_agree": sum(same_role)}  # fmt: skip


def _heads(role: str) -> set[str]:
    # The role nouns of a role given instead of a name: "senior Indian official" and "senior official" agree.
    return set(_plain(role).split()) & words_of("speaker_roles")


def main(argv: list[str] | None = None) -> int:
    """Print the speaker figures the README reports, for the development or (totals only) the test split."""
    parser = argparse.ArgumentParser(prog="python -m russia_taliban.tag.quote_check", description=__doc__)
    parser.add_argument("--test", action="store_true", help="the frozen test split, totals only")
    split = "test" if parser.parse_args(argv).test else "dev"
    checked = check_quotes(split)
    result = speaker_accuracy(checked)
    print(
        f"{split}: named speakers right {result['agree']} of {result['named']}; quotes split badly "
        f"{result['fragments_unattributed']}; role speakers sharing the coded role noun {result['role_agree']} "
        f"of {result['roles']}"
    )
    if split == "dev":
        for row in checked[checked.agree.eq(False)].itertuples(index=False):
            print(f"  {row.paragraph_id} “{row.quote_start} …”: coded {row.gold!r}, found {row.found!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
