import random

import pytest

from russia_taliban.text.normalise import UndecodableError, decode, fold, looks_binary, normalise


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Russia’s envoy".encode(), "Russia’s envoy", "utf-8"),
        (b"\xef\xbb\xbf" + "Żochowski".encode(), "Żochowski", "utf-8-sig"),
        ("“Quoted” – Russia’s".encode("cp1252"), "“Quoted” – Russia’s", "cp1252"),
        ("café".encode("latin-1"), "café", "cp1252"),
        ("Żochowski".encode("utf-16"), "Żochowski", "utf-16"),
    ],
)
def test_decode_detects_encoding(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Russia’s ".encode() + b"\x81\x8d" + " Ż is here".encode(), "utf-8+replace"),
        (b"\xef\xbb\xbf" + "Russia’s ".encode() + b"\x81\x8d" + " Ż is here".encode(), "utf-8-sig+replace"),
        (
            ("\ufeff" + "Russia’s Ż is here, said the envoy in Kabul on Monday. " * 3).encode("utf-16-le")
            + b"\x00\xd8",
            "utf-16+replace",
        ),
    ],
)
def test_decode_replaces_stray_bytes_and_says_so_with_or_without_a_bom(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert found == encoding
    assert "Russia’s" in text and "\ufffd" in text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("Tom &amp; Jerry &#8217; &quot;x&quot; &nbsp;", 'Tom & Jerry ’ "x"  '),
        ("non\u00a0breaking\u202fspace", "non breaking space"),
        ("soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"),
        ("“curly” ‘quotes’ – dash", "“curly” ‘quotes’ – dash"),
        ("AT&T and R&D stay", "AT&T and R&D stay"),
    ],
)
def test_normalise(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(("data", "binary"), [(b"\x89PNG\r\n\x1a\n\x00\x00\x00", True), (b"plain text\n", False)])
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


def test_fold_ignores_quotes_case_and_punctuation() -> None:
    assert fold('"As Russia’s relations," writes') == fold("as russia’s relations writes")


@pytest.mark.parametrize(
    "data",
    ["Россия признала правительство талибов".encode("koi8-r"), "ロシアはタリバン政権を承認した".encode("shift_jis")],
)
def test_decode_refuses_text_that_is_not_western_rather_than_garble_it(data: bytes) -> None:
    with pytest.raises(UndecodableError):
        decode(data)


def test_normalise_drops_bidi_overrides_and_c1_controls() -> None:
    assert normalise("Kabul\u202e lubaK\u2066x\u2069\x85") == "Kabul lubaKx"


_FOLD_TEXTS = [
    "",
    "   ",
    "Russia’s envoy said: “We will not recognise them” — yet.",
    "ISIS-K, the U.S. and Daesh_K: 3.5% of 1,200 troops (approx.)",
    "Żochowski, Şahin and Müller met in Zürich…",
    "© 2024 Example Review. All rights reserved. €5 ½ №3 ™",
    "tabs\tand\nnewlines\x0bcontrol",
    "«quoted» ‹single› „low“ ‚low‘ • bullet · dot",
    "MIXED case ASCII_only words 42",
    "ǅemal İstanbul ΣΊΣΥΦΟΣ straße",
]


@pytest.mark.parametrize("text", _FOLD_TEXTS)
def test_fold_agrees_with_the_one_regex_definition(text: str) -> None:
    from russia_taliban.text.normalise import fold_reference

    assert fold(text) == fold_reference(text)


def test_fold_agrees_with_the_one_regex_definition_on_every_seed_and_fixture_line() -> None:
    from russia_taliban.text.normalise import fold_reference
    from tests.conftest import ROOT, SEEDS

    files = [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "fixtures" / "layouts" / "dev").glob("*.txt")]
    lines = [line for f in files for line in normalise(f.read_text(encoding="utf-8")).splitlines()]
    assert len(lines) > 500
    for line in lines:
        assert fold(line) == fold_reference(line), line


@pytest.mark.parametrize(
    "text",
    ["plain ASCII\x07 with a bell", "NBSP\u00a0and\u202fthin\u2009spaces", "zero\u200bwidth\u00adsoft\u202ebidi",
     "C1\x85control and DEL\x7f", "“typographic” – kept", "\ufeffBOM inside"],
)  # fmt: skip
def test_normalise_agrees_with_one_pass_per_character_class(text: str) -> None:
    import re
    import unicodedata

    spaced = re.sub(r"[\u00a0\u2007\u202f\u2009\u200a\u3000]", " ", text)
    visible = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", spaced)
    plain = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", visible)
    assert normalise(text) == unicodedata.normalize("NFC", plain)


def _random(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"], ids=["le", "be"])
@pytest.mark.parametrize(("size", "seed"), [(40, 1), (4096, 16), (65_536, 2025)])
def test_a_utf16_bom_followed_by_random_bytes_is_refused_not_read_as_garbage(bom: bytes, size: int, seed: int) -> None:
    data = bom + _random(size, seed)
    assert not looks_binary(data)  # every code unit is some character: it passes the binary check
    with pytest.raises(UndecodableError, match="UTF-16 byte-order mark followed by bytes that are not UTF-16 text"):
        decode(data)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    ["Россия признала правительство талибов\n", "روسيا تعترف بحكومة طالبان\n", "ロシアはタリバン政権を承認した。\n",
     "Moscow 🇷🇺 and Kabul 🇦🇫: “recognition” — 2025\n", "רוסיה הכירה\tבטליבאן\n"],
)  # fmt: skip
def test_utf16_text_in_any_script_decodes(codec: str, text: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    assert decode(bom + text.encode(codec)) == (text, "utf-16")


def test_a_utf8_bom_does_not_vouch_for_what_follows() -> None:
    assert decode(b"\xef\xbb\xbfcaf\xe9 au lait") == ("café au lait", "cp1252")  # a BOM, then cp1252 text
    high = bytes(b | 0x80 for b in _random(4096, 16))  # random, and no NUL or control byte to look binary
    with pytest.raises(UndecodableError):
        decode(b"\xef\xbb\xbf" + high)


def _refused(data: bytes) -> bool:
    try:
        decode(data)
    except UndecodableError:
        return True
    return False


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("high", [False, True], ids=["any-bytes", "high-bytes"])
def test_random_bytes_are_binary_or_refused_never_decoded(seed: int, high: bool) -> None:
    data = _random(4096, seed)
    data = bytes(b | 0x80 for b in data) if high else data
    assert looks_binary(data) or _refused(data)
