"""Body paragraphs the loader tests put under a header, so a layout has real prose to find, and the two
ways those tests read a text: line kinds, and the metadata stated in it."""

from russia_taliban.load.kinds import classify
from russia_taliban.load.split import split
from russia_taliban.load.stated import Stated, stated_metadata

BODY = (
    "Russia has expanded its contacts with the Taliban over the past year, and officials in Moscow now speak "
    "of a pragmatic relationship built on security guarantees and trade."
)
BODY2 = (
    "The Kremlin has hosted several rounds of talks on Afghanistan, inviting regional states and the Taliban "
    "delegation to discuss stability, refugees and the fate of frozen assets."
)


def kinds(text: str) -> list[tuple[str, str]]:
    """Each paragraph's kind and text, as the loader classifies `text`."""
    return [(p.kind, p.text) for p in classify(split(text))]


def read(*lines: str) -> Stated:
    """The metadata the loader finds stated in these lines."""
    return stated_metadata(classify(split("\n".join(lines))))
