"""Package data: the YAML and text files shipped in `russia_taliban/data`."""

from pathlib import Path

import pytest
import yaml

from russia_taliban import resources

DATA = Path(resources.__file__).parent / "data"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_package_yaml_is_the_file_parsed(name) -> None:
    assert resources.package_yaml(name) == yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_package_yaml_is_read_once_per_process() -> None:
    assert resources.package_yaml("themes.yaml") is resources.package_yaml("themes.yaml")


def test_package_text_reads_a_file_by_its_parts() -> None:
    assert resources.package_text("data", "themes.yaml") == (DATA / "themes.yaml").read_text(encoding="utf-8")


def test_missing_package_file_raises() -> None:
    with pytest.raises(FileNotFoundError):
        resources.package_text("data", "no-such-file.yaml")
