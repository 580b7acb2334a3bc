"""Two logging helpers for the build, plain `logging` (no MkDocs import).

- WarningCounter: counts warnings the way MkDocs' strict mode does, so the build knows before MkDocs aborts
  that this build will not stand (hooks/build.py attaches it to the 'mkdocs' logger, the one whose warnings
  strict mode counts, while an atomic build runs).
- OncePerSession: under `mkdocs serve`, a warning or note already printed in this session is not printed
  again on every rebuild (a changed warning has a new text, so it shows); errors always show, since they stop
  the build. hooks/build.py adds it to the guide's logger once, at start-up of `serve`.
Assumes records are logged with a final message (getMessage) that identifies them; nothing else is kept.
"""
from __future__ import annotations

import logging


class WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class OncePerSession(logging.Filter):
    def __init__(self):
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        text = record.getMessage()
        if text in self.seen:
            return False
        self.seen.add(text)
        return True


def filter_once_per_session(logger: logging.Logger) -> None:
    """Idempotent: a second start-up in the same process adds no second filter."""
    if not any(isinstance(f, OncePerSession) for f in logger.filters):
        logger.addFilter(OncePerSession())
