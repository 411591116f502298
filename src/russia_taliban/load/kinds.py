"""Paragraph kinds: what each paragraph of an article is, by pattern and by position.

Chrome patterns and line recognisers (`lines`) name what a line is on its own; the rules here add
position: labels, banners and stale timestamps above the headline, the headline, byline, date line
and standfirst below it, headings between body paragraphs, author notes and navigation stubs after
the last body paragraph. `CONTENT_KINDS` and `content_mask` are the one definition of "content" that
every later stage uses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text.normalise import fold
from ..text.wordlists import alternation
from ..text.words import capped_words
from .lines import (
    MENU_GAP,
    bio_name,
    byline,
    date_stamp,
    dated_byline,
    is_by_line,
    is_chrome,
    is_name_list,
    is_nav,
    is_relative_stamp,
    label_outlet,
    scraper_date,
    wire_dateline,
)
from .outlets import known_outlet, masthead_outlet, word_set
from .pullquotes import mark_pull_quotes
from .split import Paragraph

if TYPE_CHECKING:
    import pandas as pd

CONTENT_KINDS = ("title", "standfirst", "heading", "body")

_QUOTED = re.compile(r"^\s*[\"“‘'].{20,}[\"”’']\s*[.,]?\s*$", re.DOTALL)
_CAPTION = re.compile(
    rf"\[[^\]]{{2,40}}\]\s*$|\({alternation('caption_credits', space=' ')}\b[^)]*\)\s*$"
    rf"|^{alternation('caption_labels', space=' ')}\s*[:|]|\.{alternation('image_extensions')}\b"
    rf"|/\s*{alternation('photo_agencies', space=' ')}\s*$",
    re.IGNORECASE,
)
_VIDEO = re.compile(r"(?:^|\s)\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s*$|^video\s*[:|]", re.IGNORECASE)
_CRUMBS = re.compile(r"\s[|/›»>]\s")  # "News / Central Asia / Afghanistan", "Forum | Commentary"
_HEADER_LOOKAHEAD = 12  # paragraphs searched for the headline before giving up


def content_mask(paragraphs: pd.DataFrame) -> pd.Series:
    """Boolean mask of a paragraphs table's content rows: the one "content paragraphs only" filter."""
    return paragraphs["kind"].isin(CONTENT_KINDS)


def content_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The content rows of a paragraphs table (titles, standfirsts, headings, body; no repeats or chrome)."""
    return paragraphs[content_mask(paragraphs)]


def _caption_states(text: str) -> bool:
    """A caption that says something before its credit ("Women wait for aid in Kabul. Photograph: X")."""
    m = _CAPTION.search(text) or _VIDEO.search(text)
    return m is not None and capped_words(text[: m.start()]) >= 5 and not _VIDEO.search(text)


def is_caption(text: str) -> bool:
    """A photo caption, credit, image file name or video title with its duration (a time after a
    date, "… 3 July 2025 | 14:22", is a time stamp, not a duration)."""
    if _CAPTION.search(text):
        return True
    m = _VIDEO.search(text)
    return m is not None and not _DATED_END.search(text, 0, m.start())


_DATED_END = re.compile(r"(?:19|20)\d\d\s*[|,·•-]?\s*$")


def classify(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Give each paragraph its kind in place; see the module docstring for the rules."""
    for p in paragraphs:
        if is_chrome(p.text) or scraper_date(p.text) is not None or _chrome_items(p.text):
            p.kind = "boilerplate"
        elif date_stamp(p.text) is not None or is_relative_stamp(p.text):
            p.kind = "dateline"
        elif is_nav(p.text, by_words=False):
            p.kind = "boilerplate"
        elif capped_words(p.text) <= 40 and is_caption(p.text) and not _caption_states(p.text):
            p.kind = "boilerplate"  # a bare credit, file name or video title; a caption that says something is body
    _classify_fields(paragraphs)
    _classify_header(paragraphs)
    _classify_late_bylines(paragraphs)
    _rechoose_block_title(paragraphs)
    _rechoose_anchored_title(paragraphs)
    _classify_body(paragraphs)
    _classify_trailer(paragraphs)
    mark_pull_quotes(paragraphs)
    _classify_contents(paragraphs)
    return paragraphs


_URL = re.compile(r"https?://|\bwww\.\S", re.IGNORECASE)
# A transcript's turn: a speaker label ("Question:", "Maria Zakharova:", "HOST:") then a whole sentence,
# ended by its stop (and any closing quote); a headline list's "Label: headline" has no stop.
_TURN = re.compile(r"^[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*:\s+\S.*[.?!…][\"”’)]*$")


def _chrome_items(text: str) -> bool:
    """A row of buttons or links set apart by wide gaps or bars, each of them chrome on its own
    ("Print this page    Close window", "Share | Save"): the row is chrome too."""
    if len(text) > 200:
        return False
    items = [i for i in MENU_GAP.split(text.strip()) if i.strip()]
    return len(items) >= 2 and all(is_chrome(i) for i in items)


_FIELD_KINDS = {"author": "byline", "published": "dateline", "outlet": "boilerplate", "other": "boilerplate"}


def _classify_fields(paragraphs: list[Paragraph]) -> None:
    """A scraper's or feed reader's metadata block ("Feed: …", "AUTHORS  …", "DATE  None"): its author
    field is a byline, its date field a date line, and the others chrome. A title field is left to the
    header rules (the headline when the text has none of its own)."""
    from .stated import field_lines  # stated reads these kinds; imported here, not at module load

    for position, (name, _) in field_lines(paragraphs).items():
        if name in _FIELD_KINDS:
            paragraphs[position].kind = _FIELD_KINDS[name]


def _is_title(text: str) -> bool:
    """Headline-shaped: 3 to 30 words, no closing stop or comma, not a quotation, no web address (a
    line with a URL is an archive banner, a scraper's tag or a share link, never a headline)."""
    return (
        3 <= capped_words(text) <= 30
        and not re.search(r"[.;,]\s*$", text)
        and not _QUOTED.match(text)
        and not _URL.search(text)
    )


def _is_heading(text: str) -> bool:
    n = capped_words(text)
    return 1 <= n <= 14 and text[:1].isupper() and not re.search(r"[.;,:]\s*$", text) and not _QUOTED.match(text)


def _is_body(p: Paragraph) -> bool:
    return p.kind == "body" and capped_words(p.text) >= 20


def _single_sentence(text: str) -> bool:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip())) <= 1


def _is_label(text: str) -> bool:
    """A section label, topic tag, banner or breadcrumb: short, and not a sentence."""
    n = capped_words(text)
    if (n <= 2 and not text.rstrip().endswith("?")) or label_outlet(text) is not None:
        return True
    if n <= 40 and len(_CRUMBS.findall(text)) >= 2:
        return True  # "News / World News / India keeps its counsel …": a breadcrumb, even ending in the headline
    if n > 10 or _CRUMBS.search(text) is None or re.search(r"[.?!]\s*$", text):
        return False
    # "Forum | Commentary" is a label; "Why Moscow Changed Course | Explained" is a headline with its tag
    return max(len(part.split()) for part in _CRUMBS.split(text)) <= 4


def _classify_header(paragraphs: list[Paragraph]) -> None:
    """Labels, title, byline, date line and standfirst: the paragraphs before the first long body paragraph.

    Above the headline, menus, labels and mastheads are chrome; a masthead, or a line of the shape of
    one, is taken for the headline only when no title-shaped line follows it, and a tagline under a
    masthead ("Thoughts on Russia and Central Asia") only when the headline comes after a date,
    label or menu line. Below the headline: bylines, a masthead line, tags, and one standfirst.
    """
    title_seen = standfirst_open = continues = False
    after_masthead, masthead_at = False, -1
    for index, p in enumerate(paragraphs):
        if p.kind != "body":
            continue
        if wire_dateline(p.text):
            break
        if _is_body(p) and not (
            title_seen and standfirst_open and _single_sentence(p.text) and capped_words(p.text) <= 60
        ):
            break
        if not title_seen:
            if index >= _HEADER_LOOKAHEAD:
                break
            was_masthead = after_masthead and masthead_at == index - 1  # the line right under the masthead
            after_masthead = False
            if is_by_line(p.text) or is_name_list(p.text):
                p.kind = "byline"
            elif _URL.search(p.text) and capped_words(p.text) <= 40:
                p.kind = "boilerplate"  # an archive banner, a scraper's tag or a link above the headline
            elif _is_label(p.text) or is_nav(p.text):
                p.kind = "boilerplate"  # a section label, menu, banner or topic tag above the headline
                after_masthead, masthead_at = masthead_outlet(p.text) is not None, index
            elif known_outlet(p.text.split(" - ")[0]) or (
                masthead_outlet(p.text) and _later_title(paragraphs, index, adjacent=False)
            ):
                p.kind, after_masthead, masthead_at = "boilerplate", True, index
            elif (
                was_masthead
                and _is_title(p.text)
                and _later_title(paragraphs, index, adjacent=False)
                and not (_later_title(paragraphs, index, adjacent=True))
            ):
                p.kind = "boilerplate"  # the site's tagline under its name
            elif _is_title(p.text):
                p.kind, title_seen, standfirst_open = "title", True, True
                continues = p.text.rstrip().endswith((":", "–", "—"))
            else:
                break
        elif continues and _is_title(p.text) and capped_words(p.text) <= 15:
            p.kind, continues = "title", False  # the second line of a headline broken after its colon
        elif byline(p.text) or dated_byline(p.text):
            p.kind = "byline"
        elif _is_heading_word(p.text) and index + 1 < len(paragraphs):
            p.kind = "heading"  # "Key points", "Summary": the brief starts here
            break
        elif _is_label(p.text) or is_nav(p.text, by_words=False) or masthead_outlet(p.text):
            p.kind = "boilerplate"  # a topic tag or the outlet's name between headline and text
        elif standfirst_open and _single_sentence(p.text) and capped_words(p.text) <= 60:
            p.kind, standfirst_open = "standfirst", False
        else:
            break


def _classify_late_bylines(paragraphs: list[Paragraph]) -> None:
    """Bylines below a long standfirst or a caption, where the header pass stopped: "By …" lines, and
    a bare name beside a date line, up to the second long paragraph after the headline."""
    title_at = next((i for i, p in enumerate(paragraphs) if p.kind == "title"), None)
    if title_at is None:
        return
    long_seen = 0
    for i in range(title_at + 1, min(len(paragraphs), title_at + _HEADER_LOOKAHEAD)):
        p = paragraphs[i]
        if p.kind != "body":
            continue
        if (
            is_by_line(p.text)
            or dated_byline(p.text)
            or (
                byline(p.text)
                and any(
                    0 <= j < len(paragraphs) and paragraphs[j].kind in ("dateline", "byline") for j in (i - 1, i + 1)
                )
            )
        ):
            p.kind = "byline"
        elif _is_body(p):
            long_seen += 1
            if long_seen >= 2:
                return


_NAME_LIKE = re.compile(
    rf"^[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|{alternation('site_name_connectors')}))*$"
)  # a site's or newsletter's name


def name_like(text: str) -> bool:
    """A run of capitalised words with a name's connectors: the shape of a site's or newsletter's name."""
    return _NAME_LIKE.match(text.strip()) is not None


def _block_of(paragraphs: list[Paragraph], index: int) -> tuple[int, int]:
    """(first, last + 1) of the block of lines between blank lines that holds paragraph `index`."""
    first = index
    while first > 0 and not paragraphs[first].blank_before:
        first -= 1
    last = index + 1
    while last < len(paragraphs) and not paragraphs[last].blank_before:
        last += 1
    return first, last


def _rechoose_block_title(paragraphs: list[Paragraph]) -> None:
    """The headline opens the block of its byline or date line: pages copy as blocks between blank
    lines (menus and site names, then headline, standfirst, byline and date). When the chosen title
    stands in a block of several lines above the block of the first byline or date line below it,
    and that block opens with a title-shaped line, that line is the headline and the lines above it
    are chrome. A headline alone in its block, or in the byline's block, is kept."""
    title_at = next((i for i, p in enumerate(paragraphs) if p.kind == "title"), None)
    if title_at is None:
        return
    anchor = None
    old_first, old_last = _block_of(paragraphs, title_at)
    for j in range(title_at + 1, min(len(paragraphs), title_at + _HEADER_LOOKAHEAD)):
        q = paragraphs[j]
        if j < old_last and old_last - old_first >= 3 and q.kind == "byline" and not is_by_line(q.text):
            continue  # a bare "name" inside a menu block ("Current Issue") anchors nothing
        if q.kind in ("byline", "dateline") or (q.kind == "body" and (b := byline(q.text)) and b.author):
            anchor = j  # a byline the header pass did not reach (it stopped at the real headline)
            break
        if _is_body(q) or wire_dateline(q.text):
            return
    if anchor is None:
        return
    first, _ = _block_of(paragraphs, anchor)
    if first <= title_at or first == anchor or old_last - old_first < 2:
        return
    head = paragraphs[first]
    if head.kind not in ("body", "standfirst", "heading") or not _is_title(head.text):
        return
    if _is_label(head.text) or is_nav(head.text) or masthead_outlet(head.text) or byline(head.text):
        return
    for q in paragraphs[title_at:first]:
        if q.kind in (*CONTENT_KINDS, "byline"):
            q.kind = "boilerplate"
    head.kind, paragraphs[anchor].kind = "title", paragraphs[anchor].kind.replace("body", "byline")
    for q in paragraphs[first + 1 : anchor]:
        if q.kind in ("body", "standfirst", "heading"):
            q.kind = "standfirst" if _single_sentence(q.text) and capped_words(q.text) <= 60 else q.kind
            break


def _is_credit(p: Paragraph) -> bool:
    """A byline or date line, by kind or by what the line says (passes before may not have reached it)."""
    return p.kind in ("byline", "dateline") or (
        p.kind != "boilerplate"
        and (is_by_line(p.text) or dated_byline(p.text) is not None or date_stamp(p.text) is not None)
    )


def _anchored(paragraphs: list[Paragraph], index: int) -> bool:
    """A headline is followed by its byline or date line, directly or after a one-sentence standfirst."""
    after = paragraphs[index + 1 : index + 3]
    if after and _is_credit(after[0]):
        return True
    return (
        len(after) == 2
        and after[0].kind in ("body", "standfirst")
        and _single_sentence(after[0].text)
        and capped_words(after[0].text) <= 60
        and _is_credit(after[1])
    )


def _headline_candidate(p: Paragraph) -> bool:
    """A header line that could be the headline: headline-shaped, and not a label, menu, masthead or byline."""
    return (
        p.kind in ("title", "standfirst", "body", "heading")
        and _is_title(p.text)
        and not (_is_label(p.text) or is_nav(p.text) or masthead_outlet(p.text) or byline(p.text))
    )


_SHORT_TITLE = 5  # words: a site's name or a section label is no longer


def _rechoose_anchored_title(paragraphs: list[Paragraph]) -> None:
    """The headline is the header line that its byline or date line follows. When the chosen title
    is short (a site's name or a section label: "Statements and comments", "The Steppe and Beyond")
    or stands above a menu (a masthead with its tagline), has chrome beside it, is not followed by
    its byline, and a longer headline-shaped line of the header is followed by one
    (directly or after a one-sentence standfirst), that line is the headline: what stood above it is
    chrome, and a one-sentence line under it is the standfirst."""
    title_at = next((i for i, p in enumerate(paragraphs) if p.kind == "title"), None)
    if title_at is None:
        return
    menu_below = all(q.kind == "boilerplate" for q in paragraphs[title_at + 1 : title_at + 3])
    if capped_words(paragraphs[title_at].text) > _SHORT_TITLE and not menu_below:
        return
    if not any(q.kind == "boilerplate" for q in paragraphs[max(0, title_at - 2) : title_at + 3]):
        return  # a short headline over a title-case subtitle: only site chrome near it marks a site's name
    if title_at + 1 < len(paragraphs) and paragraphs[title_at + 1].kind == "title":
        return  # a headline broken over two lines
    if title_at + 1 < len(paragraphs) and _is_credit(paragraphs[title_at + 1]):
        return  # a short headline with its byline
    for j in range(title_at + 1, min(len(paragraphs), title_at + _HEADER_LOOKAHEAD)):
        q = paragraphs[j]
        if _is_body(q) or wire_dateline(q.text):
            return
        if not (_headline_candidate(q) and _anchored(paragraphs, j)):
            continue
        if q.text.rstrip().endswith(":") or (
            not menu_below and capped_words(q.text) <= capped_words(paragraphs[title_at].text)
        ):
            continue
        for r in paragraphs[title_at:j]:
            if r.kind in CONTENT_KINDS:
                r.kind = "boilerplate"
        q.kind = "title"
        nxt = paragraphs[j + 1] if j + 1 < len(paragraphs) else None
        if (
            nxt is not None
            and nxt.kind in ("body", "heading")
            and not _is_credit(nxt)
            and _single_sentence(nxt.text)
            and capped_words(nxt.text) <= 60
        ):
            nxt.kind = "standfirst"
        for r in paragraphs[j + 1 : j + 3]:
            if r.kind == "body" and _is_credit(r):
                r.kind = "byline" if date_stamp(r.text) is None else "dateline"
        return


def _later_title(paragraphs: list[Paragraph], index: int, *, adjacent: bool) -> bool:
    """Whether a title-shaped line follows paragraph `index` in the header (directly, if `adjacent`)."""
    for q in paragraphs[index + 1 : index + _HEADER_LOOKAHEAD]:
        if q.kind != "body":
            if adjacent:
                return False
            continue
        if wire_dateline(q.text) or _is_body(q):
            return False
        if _is_title(q.text) and not (_is_label(q.text) or is_nav(q.text) or masthead_outlet(q.text) or byline(q.text)):
            return True
        if adjacent:
            return False
    return False


def _is_heading_word(text: str) -> bool:
    """A report's section heading from data/outlets.yaml `headings` ("Key points", "Summary")."""
    return re.sub(r"^\d{1,2}\.?\s+", "", text.strip()).rstrip(":").lower() in word_set("headings")


def _classify_body(paragraphs: list[Paragraph]) -> None:
    """Headings between body paragraphs; a headline followed by a photo caption is a related link."""
    for i, p in enumerate(paragraphs):
        if p.kind != "body" or not _is_heading(p.text):
            continue
        after = next((q for q in paragraphs[i + 1 :] if q.kind != "dateline"), None)
        if after is not None and after.kind == "boilerplate" and is_caption(after.text):
            p.kind = "boilerplate"
        elif after is not None and after.kind == "body" and any(_is_body(q) for q in paragraphs[:i]):
            p.kind = "heading"


_CONTENTS = re.compile(rf"^{alternation('contents_labels', space=' ')}:?$", re.IGNORECASE)


def _classify_contents(paragraphs: list[Paragraph]) -> None:
    """A table of contents: the entries under a "Table of contents" line, and any short heading-shaped
    line that reappears later as a heading, are chrome there; the later copy keeps its kind."""
    folded: dict[str, list[Paragraph]] = {}
    for p in paragraphs:
        if p.kind in ("body", "heading", "pull_quote", "standfirst") and _is_heading(p.text.rstrip(":")):
            folded.setdefault(fold(p.text), []).append(p)
    for copies in folded.values():
        if len(copies) < 2:
            continue
        last = copies[-1]
        if last.kind == "pull_quote" or last.kind == "heading":
            for p in copies[:-1]:
                p.kind, p.duplicate_of = "boilerplate", None
            last.kind, last.duplicate_of = "heading", None
    for i, p in enumerate(paragraphs):
        if _CONTENTS.match(p.text.strip()):
            p.kind = "boilerplate"
            entries: set[str] = set()
            for q in paragraphs[i + 1 :]:
                shaped = _is_heading(q.text.rstrip(":"))
                if q.kind not in ("body", "heading", "boilerplate") or _is_body(q) or not shaped:
                    break
                if fold(q.text) in entries:
                    break  # the first entry again: the text itself begins
                entries.add(fold(q.text))
                q.kind = "boilerplate"


def _is_prose(p: Paragraph) -> bool:
    """A short body paragraph that is still running text: a sentence of eight words or more."""
    return (
        p.kind == "body"
        and capped_words(p.text) >= 8
        and re.search(r"[.!?][”\"’)]*\s*$", p.text) is not None
        and not bio_name(p.text)
    )


def _is_turn(text: str) -> bool:
    """A question or answer of a transcript or briefing: content wherever it stands, even at the end."""
    return capped_words(text) >= 6 and _TURN.match(text.strip()) is not None


def _classify_trailer(paragraphs: list[Paragraph]) -> None:
    """After the last long body paragraph: author notes, headline lists and navigation stubs are chrome."""
    last = max((i for i, p in enumerate(paragraphs) if _is_body(p) or _is_prose(p)), default=-1)
    for p in paragraphs[last + 1 :]:
        if p.kind in ("body", "heading") and is_by_line(p.text):
            p.kind = "byline"  # "Posted by X at 11:42 PM" under a blog post
        elif (
            p.kind in ("body", "heading")
            and not _is_turn(p.text)
            and (bio_name(p.text) or capped_words(p.text) <= 4 or _is_title(p.text) or _URL.search(p.text))
        ):
            p.kind = "boilerplate"
    # an author note can also stand just before trailing chrome ("X is ... . Follow him on Twitter")
    if last >= 0 and bio_name(paragraphs[last].text) and all(q.kind == "boilerplate" for q in paragraphs[last + 1 :]):
        paragraphs[last].kind = "boilerplate"
