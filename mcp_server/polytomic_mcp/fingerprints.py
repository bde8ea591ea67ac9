"""Keyed hashes of credentials: how the server names a key (cache keys, client ids, refused keys) without holding it
anywhere it could leak. A leaf: it imports nothing of the server's."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_FINGERPRINT_KEY = secrets.token_bytes(32)  # per process: fingerprints mean nothing outside it


def credential_fingerprint(secret: str) -> str:
    """A keyed hash of a credential: equal for equal credentials in this process, useless to anyone else."""
    return hmac.new(_FINGERPRINT_KEY, secret.encode(), hashlib.sha256).hexdigest()
