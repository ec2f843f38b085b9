"""What every printable xlsx export shares: A4 landscape, one page wide, headers repeated on each page."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def print_setup(ws: Worksheet, *, first_header_row: int, last_header_row: int) -> None:
    """A4 landscape fitted to the page width, centred, header rows repeated and frozen, page numbers."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{first_header_row}:{last_header_row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.freeze_panes = ws.cell(row=last_header_row + 1, column=1)
