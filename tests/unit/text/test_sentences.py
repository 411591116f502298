import pytest

from russia_taliban.text.sentences import spans, spans_reference

_TEXTS = [
    "",
    "One sentence.",
    "Mr. Lavrov met Gen. Smith in the U.S. capital. Then they left! Did they? “Yes.” (No.) 2024 ended.",
    "J. R. R. Tolkien wrote it. Col. Kabulov said: “We will see.” St. Petersburg hosted SPIEF.",
    "Word" + "." * 40 + " Next sentence. A" + "b" * 100 + ". Last one.",
    "  Leading space. Trailing space.  ",
    "Mr. " * 2000 + "Smith arrived. Then he left.",  # many refused boundaries in one sentence
    "U.S.A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.S.T.U.V.W.X.Y.Z.A.B.C.D.E.F.G.H.I. Then more.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_spans_agree_with_the_reference(text: str) -> None:
    assert spans(text) == spans_reference(text)


def test_spans_agree_with_the_reference_on_the_seeds_and_fixtures() -> None:
    from tests.conftest import ROOT, SEEDS

    files = [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "fixtures" / "layouts" / "dev").glob("*.txt")]
    for line in (line for f in files for line in f.read_text(encoding="utf-8").splitlines()):
        assert spans(line) == spans_reference(line)


def test_a_long_run_of_abbreviations_is_one_sentence() -> None:
    text = "Mr. " * 20000 + "Smith arrived. Then he left."
    got = spans(text)
    assert len(got) == 2 and text[got[1][0] : got[1][1]] == "Then he left."
