"""ivr: a Japanese voice assistant that routes callers to the right official support line."""
__version__ = "0.1.0"
