import pandas as pd
import pytest

from russia_taliban.tag.actors import builtin_gazetteer
from russia_taliban.tag.quote_check import check_quotes, coded_paragraphs, main, same_speaker, speaker_accuracy


@pytest.mark.parametrize(
    ("gold", "found", "same"),
    [
        ("Sergei Lavrov", "Sergey Lavrov", True),
        ("Putin", "Vladimir Putin", True),
        ("Oleg Nefyodov", "Oleg Nefedov", True),
        ("Yelena  markova", "Yelena Markova", True),
        ("Zamir Kabulov", "Sergey Lavrov", False),
        ("Yelena Markova", "", False),
        ("", "", True),
    ],
)
def test_speakers_agree_when_they_name_the_same_actor(gold: str, found: str, same: bool) -> None:
    assert same_speaker(gold, found, builtin_gazetteer()) is same


def test_accuracy_counts_named_speakers_and_quotes_split_badly() -> None:
    checked = pd.DataFrame(
        {
            "paragraph_id": ["p1", "p1", "p2", "p3", "p4"],
            "speaker_kind": ["named", "named", "named", "role", "role"],
            "gold": ["A B", "A B", "C D", "senior Indian official", "teacher in Herat"],
            "found": ["A B", "", "C D", "senior official", "Herat"],
            "agree": [True, False, True, None, None],
        }
    )
    assert speaker_accuracy(checked) == {"named": 3, "agree": 2, "accuracy": 2 / 3, "fragments_unattributed": 1,
                                         "roles": 2, "role_agree": 1}  # fmt: skip


def test_coded_paragraph_ids_follow_the_loader() -> None:
    frame = coded_paragraphs("dev")
    assert frame.paragraph_id.str.fullmatch(r"[a-d]\d\d-\d{3}").all()


def test_dev_split_named_speakers_reach_the_target() -> None:
    # the development split only: the test split is looked at once, for the reported figure
    result = speaker_accuracy(check_quotes("dev"))
    assert result["named"] >= 30
    assert result["accuracy"] >= 0.9
    assert result["fragments_unattributed"] == 0


def test_the_command_prints_the_dev_figures_and_every_disagreement(capsys: pytest.CaptureFixture[str]) -> None:
    checked = check_quotes("dev")
    result = speaker_accuracy(checked)
    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"dev: named speakers right {result['agree']} of {result['named']};")
    misses = checked[checked.agree.eq(False)]
    assert len(lines) == 1 + len(misses) and len(misses) == result["named"] - result["agree"]
    assert all(pid in line for pid, line in zip(misses.paragraph_id, lines[1:], strict=True))
