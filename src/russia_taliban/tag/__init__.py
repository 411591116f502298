"""Tagging: themes, actors, events and quotes, and the tables built from them."""
