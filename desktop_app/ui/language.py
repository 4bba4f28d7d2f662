"""The language of the interface: Chinese by default, English with `--lang en` or the saved setting.

Our own texts are Chinese in the source and translated through `resources/translations/casecheck_en.qm`; Qt's
own texts (message box buttons, file dialogs, calendar pop-ups) come from Qt's qtbase translation of the same
language, and the default QLocale follows, so a calendar reads 十二月/周一 in Chinese and December/Mon in English.
Case data, checklist content, rule titles and legal texts come from data files and stay Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.core.datafile import resources_dir
from desktop_app.core.i18n import LANGUAGES

SETTINGS_LANGUAGE_KEY = "interface/language"
DEFAULT_LANGUAGE = "zh"
LOCALES = {"zh": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
           "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)}


def saved_language(settings: QSettings) -> str:
    """The language chosen in 工具 → 界面语言; Chinese when none (or an unknown one) was saved."""
    value = str(settings.value(SETTINGS_LANGUAGE_KEY, DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    settings.setValue(SETTINGS_LANGUAGE_KEY, language)


def translation_file(language: str) -> str:
    """Our compiled translation for the language (none for Chinese, the source language)."""
    return str(resources_dir() / "translations" / f"casecheck_{language}.qm")


def install_qt_translations(app: QApplication, language: str = DEFAULT_LANGUAGE) -> bool:
    """Make the language the default locale and install Qt's translation of its own texts and ours; True when
    every translation the language needs was loaded."""
    locale = LOCALES[language]
    QLocale.setDefault(locale)
    loaded = True
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    elif language != "en":  # Qt's texts are English when no qtbase_en ships
        loaded = False
    if language != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(translation_file(language)):
            app.installTranslator(ours)
        else:
            loaded = False
    return loaded
