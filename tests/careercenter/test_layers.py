"""The layering checked by `lint-imports` (pyproject.toml) covers every package of ours:
import-linter looks only at the root packages it is given, so a package left out of the
list would never be checked."""

import tomllib
from pathlib import Path

from django.conf import settings

NOT_CODE_OF_THE_SITE = {"tests", "bench", "scripts"}


def _config() -> dict:
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]


def _our_packages() -> set[str]:
    return {
        path.parent.name
        for path in Path(settings.BASE_DIR).glob("*/__init__.py")
        if path.parent.name not in NOT_CODE_OF_THE_SITE
    }


def test_every_package_of_ours_is_checked():
    assert set(_config()["root_packages"]) == _our_packages()


def test_every_package_but_the_configuration_is_a_layer_that_may_not_import_it():
    layers, forbidden = _config()["contracts"]
    named = {layer.strip("()") for layer in layers["layers"]}
    assert named >= _our_packages() - {"careercenter"}
    assert "careercenter" not in named
    assert forbidden["forbidden_modules"] == ["careercenter"]
    assert set(forbidden["source_modules"]) == _our_packages() - {"careercenter"}
