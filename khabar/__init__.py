"""khabar: turn a pile of Hindi and English news reports into events."""

__version__ = "0.1.0"
