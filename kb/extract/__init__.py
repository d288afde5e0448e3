"""Extraction of events, actors, places and dates from article text."""
