"""Build the MCP Bundle `polytomic-mcp.mcpb`: the server as a one-click install for Claude Desktop.

    uv run python -m scripts.bundle [--out DIR]      # default: dist/

The bundle is a `uv` server (manifest_version 0.4): it carries the project's wheels (whatever `uv build` makes:
one per distribution), a pyproject.toml that depends on exactly those wheels with every other dependency pinned
to the versions of uv.lock, and that project's own uv.lock. The client runs `uv run` in the unpacked bundle, and
uv installs a Python and the compiled dependencies (pydantic-core, cryptography) built for the user's machine,
which a bundle of vendored packages cannot carry for every platform. The manifest is scripts/mcpb/manifest.json
with the project's version added; scripts/mcpb/main.py is the entry point. Needs uv, npx and PyPI.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "mcpb"
MCPB_VERSION = "2.1.2"  # @anthropic-ai/mcpb on npm: the first manifest version with `uv` servers is 0.4
DISTRIBUTION = "polytomic-mcp"
BUNDLE_NAME = f"{DISTRIBUTION}.mcpb"
# A wheel's file name: distribution (underscores for runs of -_.), version, then the tags.
_WHEEL = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$")


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str  # normalised distribution name, e.g. polytomic-mcp
    version: str


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def project() -> dict[str, Any]:
    """The [project] table of the distribution the bundle serves: the root pyproject.toml's, or a workspace
    member's (a directory of the root with its own pyproject.toml)."""
    for path in (ROOT / "pyproject.toml", *sorted(ROOT.glob("*/pyproject.toml"))):
        table: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
        if normalise(table.get("name", "")) == DISTRIBUTION:
            return table
    raise SystemExit(f"bundle: no pyproject.toml names the distribution {DISTRIBUTION}")


def project_version() -> str:
    return str(project()["version"])


def run(*command: str, cwd: Path = ROOT) -> str:
    """Run a command, returning its stdout; its stderr goes to ours. A failure ends the build naming the command."""
    try:
        done = subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.PIPE, text=True)
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"bundle: `{' '.join(command)}` exited {exc.returncode}") from None
    return done.stdout


def mcpb(*args: str, cwd: Path = ROOT) -> str:
    """The pinned `mcpb` command line (npm's @anthropic-ai/mcpb, through npx)."""
    return run("npx", "--yes", f"@anthropic-ai/mcpb@{MCPB_VERSION}", *args, cwd=cwd)


def build_wheels(into: Path) -> list[Wheel]:
    """Every wheel `uv build` makes of the project (one per workspace member), named from their file names."""
    run("uv", "build", "--wheel", "--all-packages", "--out-dir", str(into))
    wheels = []
    for path in sorted(into.glob("*.whl")):
        match = _WHEEL.match(path.name)
        if not match:
            raise SystemExit(f"bundle: {path.name} is not a wheel file name")
        wheels.append(Wheel(path, normalise(match["name"]), match["version"]))
    for extra in into.iterdir():  # uv writes a .gitignore beside the wheels
        if extra.suffix != ".whl":
            extra.unlink()
    if DISTRIBUTION not in {wheel.name for wheel in wheels}:
        raise SystemExit(f"bundle: uv build made no {DISTRIBUTION} wheel")
    return wheels


def pinned_dependencies() -> list[str]:
    """The third-party dependencies uv.lock resolved for running the server (no dev groups, no workspace
    members), as `name==version ; markers` lines."""
    text = run(
        "uv", "export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-workspace", "--no-header",
        "--no-annotate", "--format", "requirements-txt",
    )  # fmt: skip
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith(("#", "-"))]


def toml_string(value: str) -> str:
    return json.dumps(value)  # a JSON string of printable text is a valid TOML basic string


def bundle_pyproject(version: str, requires_python: str, wheels: list[Wheel], pins: list[str]) -> str:
    """The bundle's own project: no code of its own, the project's wheels as its only dependencies (by path), and
    everything else constrained to the versions the project was tested with."""
    lines = [
        "[project]",
        'name = "polytomic-mcp-bundle"',
        f"version = {toml_string(version)}",
        f"requires-python = {toml_string(requires_python)}",
        "dependencies = [",
        *(f"    {toml_string(f'{wheel.name}=={wheel.version}')}," for wheel in wheels),
        "]",
        "",
        "[tool.uv]",
        "package = false",
        "constraint-dependencies = [",
        *(f"    {toml_string(pin)}," for pin in pins),
        "]",
        "",
        "[tool.uv.sources]",
        *(f"{wheel.name} = {{ path = {toml_string(f'wheels/{wheel.path.name}')} }}" for wheel in wheels),
        "",
    ]
    return "\n".join(lines)


def manifest(version: str) -> dict[str, Any]:
    """scripts/mcpb/manifest.json with the version after the display name."""
    template: dict[str, Any] = json.loads((TEMPLATE / "manifest.json").read_text(encoding="utf-8"))
    result: dict[str, Any] = {}
    for key, value in template.items():
        result[key] = value
        if key == "display_name":
            result["version"] = version
    return result


def stage(directory: Path) -> None:
    """Lay out the bundle's files in `directory` (empty or absent)."""
    table = project()
    version = str(table["version"])
    wheels = build_wheels(directory / "wheels")
    served = next(wheel for wheel in wheels if wheel.name == DISTRIBUTION)
    if served.version != version:
        raise SystemExit(f"bundle: uv build made {DISTRIBUTION} {served.version}, but pyproject.toml says {version}")
    (directory / "server").mkdir()
    shutil.copyfile(TEMPLATE / "main.py", directory / "server" / "main.py")
    shutil.copyfile(ROOT / "LICENSE", directory / "LICENSE")
    (directory / "manifest.json").write_text(json.dumps(manifest(version), indent=2, ensure_ascii=False) + "\n")
    pyproject = bundle_pyproject(version, str(table["requires-python"]), wheels, pinned_dependencies())
    (directory / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    run("uv", "lock", cwd=directory)  # resolved once here, so that the first start does not resolve


def build(out: Path) -> Path:
    """Build, validate and pack the bundle into out/polytomic-mcp.mcpb; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    target = out.resolve() / BUNDLE_NAME
    with tempfile.TemporaryDirectory(prefix="polytomic-mcpb-") as temporary:
        staged = Path(temporary) / "bundle"
        staged.mkdir()
        stage(staged)
        mcpb("validate", str(staged / "manifest.json"))
        target.unlink(missing_ok=True)
        mcpb("pack", str(staged), str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where to write the bundle (default: dist/)")
    args = parser.parse_args(argv)
    path = build(args.out)
    print(f"{path} ({os.path.getsize(path) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
