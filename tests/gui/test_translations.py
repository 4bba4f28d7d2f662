"""The English translation is complete and current: every message translated, placeholders and accelerators kept,
and the committed .qm compiled from the committed .ts, which lupdate would not change."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.ui.language import translation_file

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "casecheck_en.ts"
PLACEHOLDER = re.compile(r"\{\d+[^}]*\}")


def messages() -> list[tuple[str, str, ET.Element]]:
    return [(context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
            for context in ET.parse(TS).getroot().iter("context") for message in context.iter("message")]


def test_every_message_is_translated_with_its_placeholders_and_accelerator() -> None:
    found = messages()
    assert len(found) > 500
    problems = []
    for context, source, translation in found:
        text = translation.text or ""
        where = f"{context}: {source!r}"
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{where} is not translated")
        elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{where} → {text!r} loses or adds a placeholder")
        elif re.search(r"&\w", source) and not re.search(r"&\w", text):
            problems.append(f"{where} → {text!r} has no accelerator")
        elif re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"例如|e\.g\.", source + text):
            problems.append(f"{where} → {text!r} is still Chinese")
    assert problems == []


def test_ts_and_qm_are_current_with_the_sources() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, "run scripts/translations.py:\n" + result.stdout + result.stderr


def test_the_compiled_translation_is_what_the_program_loads(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(translation_file("en"))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
        assert QCoreApplication.translate("labels", "已超期") == "Overdue"
    finally:
        qapp.removeTranslator(translator)
