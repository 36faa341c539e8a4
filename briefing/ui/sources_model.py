"""SourcesModel: the session's imported files > sheets > tables as a Qt item model (a thin adapter)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from briefing.pipeline import Workspace
from briefing.session import Session

TABLE_KEY_ROLE = Qt.ItemDataRole.UserRole
FILE_PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2       # "file", "sheet", "table" or "placeholder"
COLUMNS = ("Table", "Range", "Rows", "Themes")

# Literal "SourcesPanel" contexts: lupdate files the model's strings with the panel's, as before.
translate = QCoreApplication.translate

_ICONS = {"file": QStyle.StandardPixmap.SP_FileIcon, "sheet": QStyle.StandardPixmap.SP_FileDialogDetailedView,
          "error": QStyle.StandardPixmap.SP_MessageBoxCritical}


def same_file(issue_file: str, path: str) -> bool:
    # Issues may name a file by its path or by its bare name.
    return issue_file in (path, Path(path).name)


def header_labels() -> list[str]:
    return [translate("SourcesPanel", "Table"), translate("SourcesPanel", "Range"),
            translate("SourcesPanel", "Rows"), translate("SourcesPanel", "Themes")]


@dataclass
class _Node:
    """One row: what each column shows and says, worked out once per redraw."""
    kind: str
    parent: int                                  # the parent's id; -1 for a top-level row
    texts: list[str] = field(default_factory=lambda: ["", "", "", ""])
    tips: list[str] = field(default_factory=lambda: ["", "", "", ""])
    muted: frozenset = frozenset()               # columns shown greyed
    icon: str = ""
    key: str | None = None                       # a table row's Table.key
    path: str | None = None                      # a file row's path
    children: list[int] = field(default_factory=list)
    row: int = 0


def theme_cell(ws: Workspace, key: str, lang: str) -> tuple[str, str]:
    """A table's themes with their scores, and a tooltip saying why each matched."""
    parts, tips = [], []
    titles = {t.key: t.title(lang) for t in ws.catalogue}
    for tag in ws.tags.get(key, ()):
        name = titles.get(tag.theme, tag.theme)
        parts.append(f"{name} {tag.score:.2f}")
        why = f": {', '.join(tag.hits)}" if tag.hits else ""
        tips.append(f"{name} (score {tag.score:.2f}){why}")
    return " · ".join(parts), "\n".join(tips) or translate("SourcesPanel", "No theme matched this table")


def build_nodes(ws: Workspace | None, lang: str, placeholder: str) -> list[_Node]:
    """The rows, parents before children, each one's id its place in the list."""
    nodes: list[_Node] = []
    if ws is None:
        if placeholder:
            nodes.append(_Node("placeholder", -1, texts=[placeholder, "", "", ""]))
        return nodes
    files: dict[str, int] = {}
    sheets: dict[tuple[str, str], int] = {}

    def add(node: _Node) -> int:
        nodes.append(node)
        nid = len(nodes) - 1
        if node.parent >= 0:
            siblings = nodes[node.parent].children
            node.row = len(siblings)
            siblings.append(nid)
        return nid

    resolved_ids: dict[Path, int] = {}

    def file_id(path: str) -> int:
        # Each spelling of a path is resolved once: a table's path is absolute where the source's may
        # not be, and resolving every known file for each of 190 tables cost 30 ms of the GUI thread.
        if path in files:
            return files[path]
        resolved = Path(path).resolve()
        nid = resolved_ids.get(resolved)
        if nid is not None:
            files[path] = nid
            return nid
        nid = add(_Node("file", -1, texts=[Path(path).name, "", "", ""], tips=[path, "", "", ""],
                        icon="file", path=path))
        files[path] = resolved_ids[resolved] = nid
        return nid

    # Sources first, so a file keeps its place (and shows up) even when it yielded no tables.
    for src in ws.sources:
        file_id(str(src))
    for table in ws.tables:
        fid = file_id(table.provenance.path)
        sheet_name = table.sheet or "(CSV)"
        sid = sheets.get((fid, sheet_name))
        if sid is None:
            sid = sheets[(fid, sheet_name)] = add(_Node("sheet", fid, texts=[sheet_name, "", "", ""], icon="sheet"))
        themes, tip = theme_cell(ws, table.key, lang)
        add(_Node("table", sid,
                  texts=[table.title or "(untitled table)", table.provenance.cell_range, str(table.n_rows),
                         themes or "no theme"],
                  tips=["\n".join(x for x in (table.title, table.subtitle, table.source) if x),
                        table.provenance.cite(), "", tip],
                  muted=frozenset() if themes else frozenset({3}), key=table.key))

    tops = sorted(set(files.values()))   # a file may be known by two spellings of its path
    for row, fid in enumerate(tops):
        node = nodes[fid]
        node.row = row
        n = sum(len(nodes[s].children) for s in node.children)
        node.texts[3] = (translate("SourcesPanel", "1 table") if n == 1
                         else translate("SourcesPanel", "{0} tables").format(n))
        node.muted = frozenset({3})
        errors = [i.line() for i in ws.report.errors if same_file(i.file, node.path)]
        if errors and not n:
            node.icon = "error"
            node.texts[3] = errors[0]
        if errors:
            node.tips[0] = node.path + "\n" + "\n".join(errors)
    return nodes


def _shape(nodes: list[_Node]) -> tuple:
    return tuple((n.kind, n.parent, n.key, n.path, n.texts[0] if n.kind != "table" else "") for n in nodes)


class SourcesModel(QAbstractItemModel):
    """Files > sheets > tables of the session's workspace, with the columns Table, Range, Rows
    and Themes. The model keeps nothing but the rows it last showed: refresh() redraws them from
    the session (the window calls it on the session's "workspace" and "choices" events)."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.placeholder = ""
        self._nodes: list[_Node] = []
        self._tops: list[int] = []
        self._drawn: tuple = ()               # (workspace, lang, placeholder) last drawn
        self.refresh()

    def show_placeholder(self, text: str) -> None:
        """The one greyed row shown while there is no workspace."""
        self.placeholder = text
        self.refresh()

    def refresh(self) -> None:
        ws, lang = self.session.workspace, self.session.lang
        drawn = (ws, lang, self.placeholder if ws is None else "")
        if len(drawn) == len(self._drawn) and all(a is b or a == b for a, b in zip(drawn, self._drawn)):
            return
        self._drawn = drawn
        nodes = build_nodes(ws, lang, self.placeholder)
        if _shape(nodes) == _shape(self._nodes) and nodes:
            # Same rows (a new language, a retagged table): redraw in place, keeping the selection.
            self._nodes = nodes
            last = self._tops[-1]
            self.dataChanged.emit(self.index(0, 0), self.index(self._nodes[last].row, len(COLUMNS) - 1))
            for nid, node in enumerate(nodes):
                if node.children:
                    first, end = nodes[node.children[0]], nodes[node.children[-1]]
                    self.dataChanged.emit(self.createIndex(first.row, 0, node.children[0]),
                                          self.createIndex(end.row, len(COLUMNS) - 1, node.children[-1]))
            return
        self.beginResetModel()
        self._nodes = nodes
        self._tops = [i for i, n in enumerate(nodes) if n.parent < 0]
        self.endResetModel()

    # -- lookups the panel and tests use -------------------------------------------------------

    def table_keys(self) -> list[str]:
        """Table keys in tree order."""
        return [n.key for n in self._walk() if n.kind == "table"]

    def index_of_table(self, key: str) -> QModelIndex:
        for nid, n in enumerate(self._nodes):
            if n.kind == "table" and n.key == key:
                return self.createIndex(n.row, 0, nid)
        return QModelIndex()

    def file_of(self, index: QModelIndex) -> str | None:
        """Path of the file a row belongs to."""
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        while node.parent >= 0:
            node = self._nodes[node.parent]
        return node.path

    def column_texts(self, column: int) -> list[tuple[int, str, bool]]:
        """(depth, text, has an icon) of every row in `column`: what the panel sizes the column by."""
        out = []
        for node in self._nodes:
            depth, up = 0, node.parent
            while up >= 0:
                depth, up = depth + 1, self._nodes[up].parent
            out.append((depth, node.texts[column], column == 0 and bool(node.icon)))
        return out

    def _walk(self):
        def visit(nid):
            yield self._nodes[nid]
            for c in self._nodes[nid].children:
                yield from visit(c)
        for top in self._tops:
            yield from visit(top)

    # -- Qt's side ------------------------------------------------------------------------------

    def index(self, row, column, parent=QModelIndex()) -> QModelIndex:
        if not 0 <= column < len(COLUMNS):
            return QModelIndex()
        ids = self._nodes[parent.internalId()].children if parent.isValid() else self._tops
        if not 0 <= row < len(ids):
            return QModelIndex()
        return self.createIndex(row, column, ids[row])

    def parent(self, index=QModelIndex()) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        pid = self._nodes[index.internalId()].parent
        return QModelIndex() if pid < 0 else self.createIndex(self._nodes[pid].row, 0, pid)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._tops)
        return len(self._nodes[parent.internalId()].children) if parent.column() == 0 else 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return header_labels()[section]
        return None

    def flags(self, index):
        if not index.isValid() or self._nodes[index.internalId()].kind == "placeholder":
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node, col = self._nodes[index.internalId()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.texts[col] or None
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tips[col] or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in node.muted:
                return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return QApplication.style().standardIcon(_ICONS[node.icon]) if col == 0 and node.icon else None
        if col != 0:
            return None
        if role == TABLE_KEY_ROLE:
            return node.key
        if role == FILE_PATH_ROLE:
            return node.path
        if role == KIND_ROLE:
            return node.kind
        return None
