"""The cover fields of the briefing (title, author, language, ...) and the Build button."""
from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QVBoxLayout, QWidget,
)

LANGUAGES = (("English", "en"), ("中文", "zh"))
CLASSIFICATIONS = ("", "Public", "Internal", "Confidential", "Restricted")
DEFAULT_TITLE = "Briefing"


class BriefingPanel(QWidget):
    """Edits the BriefingSpec fields that are not sources or themes."""

    changed = Signal()
    lang_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLineEdit(DEFAULT_TITLE)
        self.title.setPlaceholderText(self.tr("Named from the data"))
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText(self.tr("Optional line under the title"))
        self.author = QLineEdit()
        self.author.setPlaceholderText(self.tr("Who wrote it"))
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("Team or company"))

        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setEnabled(False)
        # Unticked means "the day it is built", so a saved briefing rebuilt next quarter is dated then.
        self.fixed_date = QCheckBox(self.tr("Fixed"))
        self.fixed_date.setToolTip(self.tr("Unticked: the PDF is dated the day it is built"))
        self.fixed_date.toggled.connect(self.date.setEnabled)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.fixed_date)

        self.classification = QComboBox()
        self.classification.setEditable(True)
        self.classification.addItems(list(CLASSIFICATIONS))
        self.classification.lineEdit().setPlaceholderText(self.tr("None"))

        self.language = QComboBox()
        for label, code in LANGUAGES:
            self.language.addItem(label, code)
        self.language.setToolTip(self.tr("The language the briefing is written in"))

        from briefing.settings import template_names
        self.template = QComboBox()
        for name in template_names():
            self.template.addItem(name.replace("-", " ").replace("_", " ").capitalize(), name)
        self.template.setToolTip(self.tr("Layout and styles of the PDF (templates/*.toml and your own)"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Subtitle:"), self.subtitle)
        form.addRow(self.tr("&Author:"), self.author)
        form.addRow(self.tr("&Organisation:"), self.organisation)
        # A row holding a layout gets no buddy from addRow, so "&D" would show literally.
        date_label = QLabel(self.tr("&Date:"))
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)
        form.addRow(self.tr("&Classification:"), self.classification)
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("Te&mplate:"), self.template)

        self.build_button = QPushButton(self.tr("&Export PDF…"))
        self.build_button.setToolTip(self.tr("Write the briefing as a PDF file (Ctrl+E)"))
        self.build_button.setDefault(True)
        self.build_button.setMinimumHeight(34)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Briefing</b>")))
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.build_button)

        for edit in (self.title, self.subtitle, self.author, self.organisation):
            edit.textChanged.connect(self.changed)
        self.classification.currentTextChanged.connect(self.changed)
        self.date.dateChanged.connect(self.changed)
        self.fixed_date.toggled.connect(self.changed)
        self.language.currentIndexChanged.connect(self._on_lang)
        self.template.currentIndexChanged.connect(self.changed)

    def lang(self) -> str:
        return self.language.currentData()

    def set_lang(self, code: str) -> None:
        i = self.language.findData(code)
        if i < 0:
            raise ValueError(f"unknown language '{code}'")
        self.language.setCurrentIndex(i)

    def template_name(self) -> str:
        return self.template.currentData() or "briefing"

    def set_template(self, name: str) -> None:
        i = self.template.findData(name)
        if i < 0:   # a project naming a template this machine lacks: keep the name, marked
            self.template.addItem(f"{name} (missing)", name)
            i = self.template.count() - 1
        self.template.setCurrentIndex(i)

    def set_values(self, fields: dict[str, str]) -> None:
        """Show the session's cover fields (the inverse of values()). Which of them the user typed,
        and so an import's suggestion leaves alone, the session knows."""
        for key, edit in (("title", self.title), ("subtitle", self.subtitle), ("author", self.author),
                          ("organisation", self.organisation)):
            text = fields.get(key, DEFAULT_TITLE if key == "title" else "")
            if edit.text() != text:
                edit.setText(text)
                # Show the start of a long title, not its tail.
                edit.setCursorPosition(0)
        if self.classification.currentText() != fields.get("classification", ""):
            self.classification.setCurrentText(fields.get("classification", ""))
        date = fields.get("date", "")
        if date:
            self.date.setDate(QDate.fromString(date, "yyyy-MM-dd"))
        self.fixed_date.setChecked(bool(date))
        if fields.get("lang", "en") != self.lang():
            self.set_lang(fields.get("lang", "en"))

    def title_text(self) -> str:
        return self.title.text().strip() or DEFAULT_TITLE

    def values(self) -> dict[str, str]:
        """Keyword arguments for BriefingSpec."""
        return {
            "title": self.title.text().strip(),   # "": the build names it from the data
            "subtitle": self.subtitle.text().strip(),
            "author": self.author.text().strip(),
            "organisation": self.organisation.text().strip(),
            "date": self.date.date().toString("yyyy-MM-dd") if self.fixed_date.isChecked() else "",
            "lang": self.lang(),
            "classification": self.classification.currentText().strip(),
        }

    def _on_lang(self, _index: int) -> None:
        self.lang_changed.emit(self.lang())
        self.changed.emit()
