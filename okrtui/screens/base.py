"""The bases of okrtui's screens, where a screen takes them from.

- `okrtui/screens/okr_screen.py`: `OkrScreen` (what every screen is to the app, the
  session, workers that read and save off the UI thread, `ask`/`confirm` dialogs in a
  straight line) and `OkrModal` (a dialog);
- `okrtui/screens/workspace_screen.py`: `WorkspaceScreen[View]` (the frame, a typed view
  built in a thread, the reload when someone changes the file, the load-failure notice)
  and `OfPeriod` (a screen about one period);
- `okrtui/screens/list_screen.py`: `ListScreen[View]` (a workspace screen that is one list);
- `okrtui/screens/table_screen.py`: `TableScreen[View, Row]` (a workspace screen over one
  table of records, whose details follow the cursor);
- `okrtui/screens/hooks.py`: the hooks' declarations and the errors a screen shows as one
  line.
"""

from okrtui.screens.hooks import ERRORS, Opening, PaletteCommand, refusal_text
from okrtui.screens.list_screen import ListScreen
from okrtui.screens.okr_screen import ASKING, LOAD_FAILED, OkrModal, OkrScreen
from okrtui.screens.table_screen import TableScreen
from okrtui.screens.workspace_screen import OfPeriod, ViewT, WorkspaceScreen

__all__ = [
    "ASKING", "ERRORS", "LOAD_FAILED", "ListScreen", "OfPeriod", "OkrModal", "OkrScreen",
    "Opening", "PaletteCommand", "TableScreen", "ViewT", "WorkspaceScreen", "refusal_text",
]
