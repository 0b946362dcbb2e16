"""Page pictures for the inspection form: the strip of a PDF page where a source line stands."""

from __future__ import annotations

import io

from PIL import Image

from parsing.readers.snapshot import DPI, WINDOW_PT, line_pictures
from tests.conftest import ROOT

PDF = ROOT / "tests" / "data" / "pdf" / "上海市普陀区人民政府万里街道办事处24年预算.pdf"


def test_a_line_is_pictured_on_its_page_and_a_missing_one_is_not():
    # page 10 carries the title "2024年部门财务收支预算总表" (line 92 of the extracted text); page 1 does not
    found, elsewhere, no_page = line_pictures(
        PDF.read_bytes(), [(10, "2024年部门财务收支预算总表"), (1, "2024年部门财务收支预算总表"), (99, "x")]
    )
    assert elsewhere is None and no_page is None
    picture = Image.open(io.BytesIO(found))
    assert picture.format == "PNG" and picture.width == round(WINDOW_PT * DPI / 72)
    assert 40 < picture.height < 200  # one line and its margins, not the page
