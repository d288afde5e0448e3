"""kb: an event-linking knowledge base for conflict and security news."""

__version__ = "0.1.0"
