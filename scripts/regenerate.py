"""Regenerate generated_client/ from spec/polytomic.yaml, or check that it is up to date.

generated_client/ is a project of its own (`polytomic-sync-client`, package `polytomic_sync_client`): the generator
writes its pyproject.toml and README from spec/templates; this script adds the spec it came from (shipped in the
package) and the license.

    python -m scripts.regenerate          # regenerate in place (atomically)
    python -m scripts.regenerate --check  # exit 1 with a unified diff when generated_client/ is stale

The generator (openapi-python-client) and its formatter (ruff) are pinned exactly in pyproject.toml and run
from this interpreter's environment, with ruff isolated from the repository's configuration, so the same
spec gives the same bytes on any machine. Generator warnings fail the run.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "polytomic.yaml"
CONFIG = ROOT / "spec" / "generator-config.yaml"
TEMPLATES = ROOT / "spec" / "templates"
LICENSE = ROOT / "LICENSE"
PROJECT = "generated_client"  # the folder: a project whose package is PACKAGE
PACKAGE = "polytomic_sync_client"
TARGET = ROOT / PROJECT
IGNORED = {"__pycache__", ".ruff_cache", ".mypy_cache"}


class RegenerationError(Exception):
    """A failure worth one readable line, not a traceback."""


def check_spec(spec_path: Path = SPEC) -> None:
    """Validate the spec and the assumptions our custom templates make about it."""
    spec: dict[str, Any] = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    try:
        validate(spec)
    except Exception as exc:  # the validator raises several unrelated exception types
        detail = getattr(exc, "message", None) or str(exc).splitlines()[0]
        where = "/".join(str(part) for part in getattr(exc, "absolute_path", []))
        raise RegenerationError(f"{spec_path.name} is not a valid OpenAPI document: {detail} (at /{where})") from None
    # The customised endpoint template encodes every object-typed query parameter as deepObject.
    components = spec.get("components", {}).get("parameters", {})
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if not isinstance(operation, dict) or method == "parameters":
                continue
            for param in [*shared, *operation.get("parameters", [])]:
                if "$ref" in param:
                    param = components.get(param["$ref"].rsplit("/", 1)[-1], {})
                if param.get("in") != "query":
                    continue
                types = param.get("schema", {}).get("type")
                is_object = "object" in types if isinstance(types, list) else types == "object"
                if is_object and (
                    param.get("style") != "deepObject" or param.get("explode") is not True or isinstance(types, list)
                ):
                    raise RegenerationError(
                        f"{method.upper()} {path}: object query parameter {param['name']!r} must be "
                        "'type: object, style: deepObject, explode: true' (the only object encoding spec/templates "
                        "implements)"
                    )


def generate(output_dir: Path) -> Path:
    """Run the generator into output_dir/generated_client (the project) and return that path."""
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    project_dir = output_dir / PROJECT
    command = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "uv",
        "--output-path",
        str(project_dir),
        "--fail-on-warning",
    ]
    result = subprocess.run(command, cwd=output_dir, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (project_dir / PACKAGE).is_dir():
        raise RegenerationError(
            f"openapi-python-client failed (rc={result.returncode}):\n{result.stdout}{result.stderr}"
        )
    for junk in IGNORED:
        for found in project_dir.rglob(junk):
            shutil.rmtree(found, ignore_errors=True)
    # The spec travels with the client it describes; the license with the project.
    shutil.copyfile(SPEC, project_dir / PACKAGE / SPEC.name)
    shutil.copyfile(LICENSE, project_dir / LICENSE.name)
    return project_dir


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not IGNORED.intersection(path.relative_to(root).parts):
            yield path.relative_to(root)


def diff_trees(expected: Path, actual: Path) -> list[str]:
    """Unified diff lines that turn `actual` (checked in) into `expected` (fresh from the spec)."""
    expected_files, actual_files = set(_files(expected)), set(_files(actual))
    lines: list[str] = []
    for rel in sorted(expected_files | actual_files):
        new, old = expected / rel, actual / rel
        if rel in expected_files and rel in actual_files and filecmp.cmp(new, old, shallow=False):
            continue
        old_lines = old.read_text(encoding="utf-8").splitlines(keepends=True) if rel in actual_files else []
        new_lines = new.read_text(encoding="utf-8").splitlines(keepends=True) if rel in expected_files else []
        label = f"{PROJECT}/{rel.as_posix()}"
        lines.extend(
            difflib.unified_diff(
                old_lines,
                new_lines,
                fromfile=f"a/{label}" if old_lines or rel in actual_files else "/dev/null",
                tofile=f"b/{label}" if rel in expected_files else "/dev/null",
            )
        )
    return lines


def swap_in(fresh: Path, target: Path = TARGET) -> None:
    """Replace target with fresh so that a failure at any point leaves one complete package in place."""
    staging = target.with_name(f".{PROJECT}.new")
    retired = target.with_name(f".{PROJECT}.old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(fresh, staging)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 with a diff if generated_client/ is stale"
    )
    args = parser.parse_args(argv)
    try:
        check_spec()
        with tempfile.TemporaryDirectory(prefix="regenerate-") as tmp:
            fresh = generate(Path(tmp))
            if args.check:
                diff = diff_trees(fresh, TARGET)
                if diff:
                    sys.stdout.writelines(diff)
                    print(
                        f"\n{PROJECT}/ differs from what spec/polytomic.yaml produces. "
                        "Run `uv run python -m scripts.regenerate` and commit the result.",
                        file=sys.stderr,
                    )
                    return 1
                print(f"{PROJECT}/ is up to date with spec/polytomic.yaml.", file=sys.stderr)
                return 0
            swap_in(fresh)
            print(f"Regenerated {PROJECT}/ from spec/polytomic.yaml.", file=sys.stderr)
            return 0
    except RegenerationError as exc:
        print(f"regenerate: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
