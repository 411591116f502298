"""Body paragraphs the loader tests put under a header, so a layout has real prose to find."""

BODY = (
    "Russia has expanded its contacts with the Taliban over the past year, and officials in Moscow now speak "
    "of a pragmatic relationship built on security guarantees and trade."
)
BODY2 = (
    "The Kremlin has hosted several rounds of talks on Afghanistan, inviting regional states and the Taliban "
    "delegation to discuss stability, refugees and the fate of frozen assets."
)
