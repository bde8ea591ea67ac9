"""A client library for accessing Polytomic Model Sync targets and connections"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
