"""Which outlet published an article: known names, mastheads by their shape, and the lines that name one.

Pages name their publisher in a few places: a masthead line next to the headline ("The Moscow Times",
"British Broadcasting Corporation", "thediplomat.com"), a label ("Analysis | X"), a repost or
syndication note ("first published by X", "Source: X"), a copyright or disclaimer line, and the
site's own chrome ("Support X", "A Message from X", "Thanks for reading X"). Names come from
data/outlets.yaml where it knows them (so "AP" is recorded as "Associated Press"); an outlet no list
knows is still found by shape: a short line of capitalised words ending in an outlet noun ("The
Kabul Observer", "Centre for Eurasian Security Studies"), or a domain name.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..resources import package_words, package_yaml
from ..text.wordlists import agencies, alternation, words_of


def outlet_data() -> dict[str, Any]:
    """The parsed data/outlets.yaml (validated against data/schemas/outlets.yaml)."""
    return package_yaml("outlets.yaml")


def word_set(section: str) -> frozenset[str]:
    """A list section of outlets.yaml, lower-cased."""
    return package_words("outlets.yaml", section)


@functools.cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """Spellings -> outlet: (case-sensitive for short and all-capital forms, case-insensitive for the rest)."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    pairs = [(short, name) for short, name in agencies().items()]
    for name, aliases in outlet_data()["outlets"].items():
        pairs += [(name, name), *((alias, name) for alias in aliases)]
    for spelling, name in pairs:
        if len(spelling) <= 3 or (spelling.isupper() and len(spelling) <= 5):
            exact.setdefault(spelling, name)
        else:
            folded.setdefault(spelling.lower(), name)
    return exact, folded


def known_outlet(phrase: str) -> str | None:
    """The outlet's name if `phrase` is, as a whole, a spelling data/outlets.yaml or the agencies list knows."""
    text = phrase.strip().strip("()[]/").strip()
    if text.lower().startswith("www."):
        text = text[4:]
    exact, folded = _names()
    found = exact.get(text) or folded.get(text.lower())
    if found is None and text[:4].lower() == "the ":
        found = exact.get(text[4:]) or folded.get(text[4:].lower())
    return found


def canonical(name: str) -> str:
    """A found name as recorded: the known outlet it starts with ("Guardian News & Media Limited" ->
    "The Guardian"), else the name with possessive, trailing stops and legal suffixes removed."""
    name = re.sub(r"[’']s$", "", name.strip().rstrip(".,;:!")).strip()
    words = name.split()
    for n in range(len(words), 0, -1):
        if found := known_outlet(" ".join(words[:n])):
            return found
    return _title_case(name)


def _title_case(name: str) -> str:
    """A name in capitals ("KESTREL CENTRE FOR EURASIAN SECURITY") as it is written; others unchanged."""
    if not name.isupper() or len(name.split()) < 2:
        return name
    small = words_of("outlet_connectors")
    return " ".join(w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(name.split()))


_DOMAIN = re.compile(
    rf"^(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.{alternation('top_level_domains')})/?$",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s+[-–—|•·]\s+|\s*\|\s*")


_PLACE_NOTE = re.compile(r"\s*\([A-Z][\w .,’'-]{1,40}\)$")


def masthead_outlet(line: str) -> str | None:
    """The outlet if a line is a masthead: a known name, a domain, or an outlet-shaped name.

    "The Guardian - Back to homepage" and "Caspian Policy Forum | Commentary" are tried part by part.
    """
    text = _PLACE_NOTE.sub("", line.strip())  # "The Caspian Courier (Astrakhan, Russia)": a database's source line
    if not text or len(text) > 90:
        return None
    parts = [p for p in _PARTS.split(text) if p]
    if not parts:
        return None  # a line of separators only ("|")
    if len(parts) > 1 and any(len(p.split()) > 4 for p in parts[1:]):
        return None  # "Headline — Foreign Ministry": a headline naming its source, not a masthead
    for part in (parts[0], parts[-1]):
        if found := known_outlet(part):
            return found
    if m := _DOMAIN.match(parts[0]):
        return known_outlet(m.group("domain")) or m.group("domain").lower()
    if outlet_shaped(parts[0]):
        return _title_case(parts[0].strip())
    return None


def outlet_shaped(text: str) -> bool:
    """A name of capitalised words (connectors allowed inside) with an outlet noun at its end, or
    before an "of/for …" tail: "The Kabul Observer", "Carnegie Endowment for International Peace"."""
    words = text.strip().split()
    if not 1 <= len(words) <= 9 or re.search(r"[.,;:!?\"“”‘()]|’(?!s\b)", text):
        return False
    connectors = words_of("outlet_connectors")
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in connectors for w in words):
        return False
    if (words[0].lower() in connectors and words[0].lower() != "the") or words[-1].lower() in connectors:
        return False
    roles = word_set("byline_roles")
    if words[0].lower() in roles and all(w.lower() in roles or w.lower() in connectors for w in words):
        return False  # "Staff Reporter", "Senior Correspondent": a byline, not a publisher ("Central Asia Trade Journal" is one)
    nav = word_set("nav_words")
    if all(w.lower() in nav or w.lower() in connectors for w in words):
        return False  # "World News", "Business & Economy": a section, not a publisher
    nouns, tail_links = word_set("outlet_nouns"), words_of("outlet_tail_links")
    head = words
    for i, w in enumerate(words):
        if i and w.lower() in tail_links:
            head = words[:i]
            break
    return len(words) >= 2 and head[-1].lower() in nouns


_WORD = r"(?:[A-Z]\.(?=\s+[A-Z])|[A-Z0-9][\w&’'/-]*(?:\.[\w&’'/-]+)*)"  # a capitalised word or initial ("Henry L."); dots only inside ("Kun.uz")
_NAME = rf"(?P<name>(?:[Tt]he\s+)?{_WORD}(?:\s+(?:{alternation('outlet_name_links')}\s+)*{_WORD}){{0,7}})"
_STATEMENTS = [
    # repost and syndication notes first: they name the original publisher
    # "originally published in X", and a feed's "appeared first on X"
    rf"(?i:\b(?:{alternation('original_publication_adverbs')}\s+{alternation('original_publication_verbs')}"
    rf"|{alternation('original_publication_verbs')}\s+{alternation('original_publication_adverbs')})"
    rf"\s+{alternation('original_publication_prepositions')})\s+{_NAME}",
    rf"(?i:\b{alternation('repost_verbs')}\s+(?:here\s+)?(?:from|by|with permission (?:of|from)|courtesy of))\s+{_NAME}",
    rf"^(?i:{alternation('source_labels', space=' ')})\s*:?\s+{_NAME}\s*(?:[,.|]|$)",
    # the site's own lines
    rf"^(?i:©|\(c\)|copyright|\s)+(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?[\s,]*)?{_NAME}",
    rf"(?i:\b{alternation('disclaimer_nouns')}\b)[^.]*?\bof\s+{_NAME}\s*\.?\s*$",
    rf"^(?i:support|back)\s+{_NAME}\s*[!.]",
    rf"^(?i:(?:a )?message from)\s+{_NAME}\s*:",
    rf"^(?i:more\s+(?:\w+\s+){{0,2}}from)\s+{_NAME}\s*$",
    rf"(?i:\bsubscri(?:bed|ber) to)\s+{_NAME}",
    rf"^(?i:shared\s+(?:from|via))\s+{_NAME}\s+(?i:app)\b",
    rf"^(?i:thanks for reading)\s+{_NAME}\s*[!.]",
    rf"^(?i:follow)\s+{_NAME}(?:[’']s)?\s+(?i:coverage|on)\b",
]


@functools.cache
def _statements() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in _STATEMENTS]  # keywords are (?i:…); names must be capitalised


def statement_outlet(line: str, *, reposts_only: bool = False) -> str | None:
    """The outlet a repost note, copyright, disclaimer or site line names, or None."""
    text = line.strip()
    if len(text) > 600:
        return None
    patterns = _statements()[:3] if reposts_only else _statements()
    for pattern in patterns:
        m = pattern.search(text)
        if m and m.group("name"):
            name = _trim(m.group("name"))
            if name and (len(name) > 1):
                return canonical(name)
    return None


def _trim(name: str) -> str:
    """A matched name without what follows the publisher: "Eurasia Today and" -> "Eurasia Today"; a
    lower-case "the" before it belongs to the sentence ("shared from the Oxus Daily app")."""
    words = name.rstrip(".,").split()
    if len(words) > 1 and words[0] in words_of("outlet_lead_articles"):  # lower-case only: "The Diplomat" keeps it
        words = words[1:]
    connectors, tails = words_of("outlet_connectors"), words_of("copyright_tails")
    while words and words[-1].lower() in connectors:
        words.pop()
    while len(words) > 1 and re.fullmatch(r"[\d–-]+", words[-1]):
        words.pop()  # "© The Northern Chronicle 2021"
    for i, w in enumerate(words):
        if w.lower() in tails and i:  # "Copyright 2022 The Eurasian Herald All Rights Reserved"
            words = words[:i]
            break
    return " ".join(words).rstrip(".,")


_SHARE = re.compile(rf"(?i:\b{alternation('share_buttons', space=' ')}\b)")
_CAPITALISED_RUN = re.compile(
    rf"[A-Z][\w&.’'/-]*(?:\s+(?:{alternation('outlet_mention_links')})?\s*[A-Z][\w&.’'/-]*){{0,5}}"
)  # up to six capitalised words, with the connectors a known outlet's name may hold


def mentioned_outlet(line: str) -> str | None:
    """A known outlet named anywhere in a line ("Follow AP’s coverage …", "… on the BBC website").

    Share buttons ("Share on LinkedIn", "Follow us on X") name platforms, not the publisher.
    """
    if _SHARE.search(line):
        return None
    for m in _CAPITALISED_RUN.finditer(line):
        words = re.sub(r"[’']s\b", "", m.group()).split()
        for n in range(len(words), 0, -1):
            for start in range(len(words) - n + 1):
                if found := known_outlet(" ".join(words[start : start + n]).rstrip(".,:;")):
                    return found
    return None


def domain_name(domain: str, texts: list[str]) -> str | None:
    """The name a site's domain stands for, when the text writes it out: "steppeobserver.com" is
    "Steppe Observer" if a line names "Steppe Observer" (capitalised words whose letters, run
    together, are the domain's first label); otherwise None, and the domain stays a last resort."""
    label = re.sub(r"^www\.", "", domain.lower()).split(".")[0].replace("-", "")
    if len(label) < 4:
        return None
    for text in texts:
        for m in _NAME_RUN.finditer(text):
            words = m.group().split()
            for start in range(len(words)):
                for end in range(start + 1, min(len(words), start + 6) + 1):
                    run = words[start:end]
                    if re.sub(r"[^a-z0-9]", "", "".join(run).lower()) == label or (
                        run[0].lower() == "the" and re.sub(r"[^a-z0-9]", "", "".join(run[1:]).lower()) == label
                    ):
                        return " ".join(run)
    return None


_NAME_RUN = re.compile(rf"[A-Z][\w&’'-]*(?:\s+(?:[A-Z][\w&’'-]*|{alternation('outlet_mention_links')}))*")
"""Capitalised words and the connectors between them, for the name a domain spells: no "." or "/", so a
name's words are never run into a web address or a stop."""
