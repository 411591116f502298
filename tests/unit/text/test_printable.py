import pytest

from russia_taliban.text.printable import printable


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("plain name.txt", "plain name.txt"), ("\x1b[2Jx", "\\x1b[2Jx"), ("a\u202egnp.exe", "a\\u202egnp.exe"),
     ("tab\tnew\nline", "tab\\x09new\\x0aline"), ("Żochowski’s", "Żochowski’s")],
)  # fmt: skip
def test_printable_escapes_controls_and_bidi_but_keeps_letters(raw: str, shown: str) -> None:
    assert printable(raw) == shown
