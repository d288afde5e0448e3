"""Timelines of events: selecting incidents from the store and shaping them for export."""
