from __future__ import annotations

import socket

import pytest

from mcp_server.sockets import bind, url_of


def test_a_bound_socket_listens_without_delay_and_names_its_url() -> None:
    with bind("127.0.0.1", 0) as sock:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert url_of("127.0.0.1", sock) == f"http://127.0.0.1:{sock.getsockname()[1]}"
        assert url_of("::1", sock).startswith("http://[::1]:")


def test_binding_a_port_that_is_in_use_fails_and_leaves_nothing_open() -> None:
    with bind("127.0.0.1", 0) as taken, pytest.raises(OSError):
        bind("127.0.0.1", taken.getsockname()[1])
