"""Guards against a Qt binding that corrupts the interpreter: PySide6 6.12.0 drops a reference to `True` on
every signal emit, and the program aborts after a few thousand answers."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_signal_emits_keep_reference_counts() -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
    assert sys.getrefcount(True) >= before - 5
