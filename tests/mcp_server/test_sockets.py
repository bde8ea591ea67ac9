from __future__ import annotations

import socket
from typing import Any

import pytest

from polytomic_mcp.sockets import bind, url_of


def test_a_bound_socket_listens_without_delay_and_names_its_url() -> None:
    with bind("127.0.0.1", 0) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert url_of("127.0.0.1", sock) == f"http://127.0.0.1:{sock.getsockname()[1]}"
        assert url_of("::1", sock).startswith("http://[::1]:")


def test_binding_a_port_that_is_in_use_fails_and_leaves_nothing_open() -> None:
    with bind("127.0.0.1", 0) as taken, pytest.raises(OSError):
        bind("127.0.0.1", taken.getsockname()[1])


class _Recording(socket.socket):
    """A real socket that remembers the backlog it listens with."""

    backlog: int | None = None

    def listen(self, backlog: int = 0, /) -> None:
        self.backlog = backlog
        super().listen(backlog)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> list[_Recording]:
    """Every socket made during the test, in order."""
    made: list[_Recording] = []

    def make(*args: Any, **kwargs: Any) -> _Recording:
        sock = _Recording(*args, **kwargs)
        made.append(sock)
        return sock

    monkeypatch.setattr(socket, "socket", make)
    return made


def test_a_listening_socket_reuses_its_address_and_queues_up_to_its_backlog(recording: list[_Recording]) -> None:
    with bind("127.0.0.1", 0) as sock, bind("127.0.0.1", 0, backlog=16):
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
        assert sock.family == socket.AF_INET and sock.type == socket.SOCK_STREAM
    assert [made.backlog for made in recording] == [2048, 16]


def _has_ipv6_loopback() -> bool:
    try:
        with socket.create_server(("::1", 0), family=socket.AF_INET6):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_an_ipv6_address_gets_an_ipv6_socket() -> None:
    with bind("::1", 0) as sock:
        assert sock.family == socket.AF_INET6 and sock.getsockname()[0] == "::1"
        assert url_of("::1", sock) == f"http://[::1]:{sock.getsockname()[1]}"


def test_a_socket_that_cannot_bind_is_closed_before_the_error_is_raised(recording: list[_Recording]) -> None:
    with bind("127.0.0.1", 0) as taken, pytest.raises(OSError):
        bind("127.0.0.1", taken.getsockname()[1])
    assert len(recording) == 2 and recording[1].fileno() == -1
