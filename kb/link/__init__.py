"""Linking: canonical actors and places, one event per real incident, related incidents."""
