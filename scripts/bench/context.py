"""What every section of the side-by-side benchmark shares: the run's options, the loopback sandbox it started,
what our server offers, the peak memory seen so far, and the environment its children get."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field

from polytomic_mcp.sandbox import DEFAULT_API_KEY

CACHE_TTL_ENV = "POLYTOMIC_CACHE_TTL"
SERVERS = ["-m", "scripts.bench.servers"]  # the contenders' processes: `python -m scripts.bench.servers KIND`
OURS = ["-m", "polytomic_mcp", "serve"]


@dataclass(frozen=True)
class Config:
    quick: bool
    latency: float  # seconds the sandbox adds to every upstream answer
    runs: int  # cold-start runs per server
    calls: int  # latency samples per contender and scenario
    seconds: float  # throughput duration per concurrency level
    clients: tuple[int, ...]
    sections: frozenset[str]

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Config:
        runs, calls, seconds = (5, 30, 2.0) if args.quick else (12, 200, 8.0)
        return cls(
            quick=args.quick,
            latency=args.latency,
            runs=args.runs or runs,
            calls=args.calls or calls,
            seconds=args.seconds or seconds,
            clients=tuple(int(n) for n in args.clients.split(",")),
            sections=frozenset(args.sections.split(",")),
        )


def base_env(**extra: str) -> dict[str, str]:
    """A child environment with no Polytomic or proxy settings of the caller, plus `extra`."""
    keep = ("HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "TMPDIR", "SYSTEMROOT")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.update(extra)
    return env


def auth_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {DEFAULT_API_KEY}", "X-Polytomic-Version": "2025-09-18"}


@dataclass
class Context:
    """What every section shares: the options, the loopback sandbox, what the cache did, peak memory."""

    config: Config
    sandbox_url: str
    cache: bool | None = None  # whether POLYTOMIC_CACHE_TTL made a repeated call skip Polytomic
    rss: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        return base_env(POLYTOMIC_API_KEY=DEFAULT_API_KEY, POLYTOMIC_BASE_URL=self.sandbox_url, **extra)

    def record_rss(self, server: str, phase: str, value: float | None) -> None:
        if value is not None:
            previous = self.rss.setdefault(server, {}).get(phase)
            self.rss[server][phase] = max(value, previous or 0.0)
