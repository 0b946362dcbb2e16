"""A page's characters and ruling lines read with pypdfium2, in pdfplumber's object format.

pdfminer (under pdfplumber) interprets every content stream in Python, which is most of the time a PDF takes
to read. PDFium reads the same glyphs and paths in C; this module hands them to pdfplumber as the page's
objects, so its table finder and text-line grouping run unchanged on them:

- **chars**: one per glyph PDFium does not generate itself (no inserted spaces or line breaks), with
  pdfminer's geometry: ``x0``/``x1`` the glyph's origin and advance, ``bottom`` its descent line,
  ``size`` the font size in page units (the font's size times the text matrix' vertical scale) and
  ``top = bottom - size`` (rounded to 3 decimals: PDFium's single-precision floats become the PDF's numbers); ``upright`` when the text matrix does not rotate or skew. A glyph PDFium cannot
  map to Unicode is ``(cid:0)``, as pdfminer writes an unmapped glyph.
- **curves**: every painted path (not clipping-only ones) as its subpaths' straight runs of points, a closed
  subpath ending at its start point again, transformed to the page; pdfplumber turns consecutive points into
  the horizontal and vertical edges its table finder uses, as it does for pdfminer's lines and rectangles.

When PDFium cannot open a file, :func:`open_pdfium` returns None and pdfminer reads it as before. A page
whose text uses a font the file does not embed is read by pdfminer too (:func:`page_objects` returns None):
PDFium measures glyphs with the font it substitutes, and drops a text object whose glyphs it finds no
outline for (a lone "类" in a cell, with no CJK font installed), where pdfminer keeps every glyph.
"""

from __future__ import annotations

import ctypes
from typing import Any

_BUFFER = 256
# PDFium's boxes are single-precision floats (696.11999…); rounded, they are the PDF's own numbers again, so a
# gap of exactly 3 points between glyphs compares as it does with pdfminer's doubles
_DIGITS = 3
_MAYBE_GENERATED = {0x20, 0x0D, 0x0A, 0x02}  # what PDFium inserts itself: spaces, line breaks, soft hyphens


def open_pdfium(data: bytes) -> Any | None:
    """The document opened with PDFium, or None (unreadable, encrypted, pypdfium2 missing)."""
    try:
        import pypdfium2 as pdfium

        return pdfium.PdfDocument(data)
    except Exception:
        return None


def page_objects(document: Any, index: int, page_number: int, doctop: float) -> dict[str, list[dict]] | None:
    """pdfplumber's ``page.objects`` for page ``index`` of ``document`` (its chars and curves), or None when
    a text object of the page uses a font the file does not embed (pdfminer then reads that page)."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        base = {"page_number": page_number}
        fonts: list[bool] = []
        curves = _curves(page, height, doctop, base, fonts)
        if not all(fonts):
            return None
        chars = _chars(textpage.raw, height, doctop, base)
    finally:
        textpage.close()
        page.close()
    objects: dict[str, list[dict]] = {}
    if chars:
        objects["char"] = chars
    if curves:
        objects["curve"] = curves
    return objects


def _chars(tp: Any, height: float, doctop: float, base: dict) -> list[dict]:
    """The page's glyphs (font name, size and slant read once per text object: they are the object's)."""
    import pypdfium2.raw as raw

    box = raw.FS_RECTF()
    count = raw.FPDFText_CountChars(tp)
    units = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(tp, 0, count, units)
    single = not any(0xD800 <= unit <= 0xDFFF for unit in units)  # else one code point per char, slowly
    styles: dict[int, tuple[str, float, bool]] = {}
    fonts: dict[int, str] = {}  # font handle -> name: many PDFs put each glyph in a text object of its own
    chars = []
    for i in range(count):
        code = units[i] if single else raw.FPDFText_GetUnicode(tp, i)
        if code in _MAYBE_GENERATED and raw.FPDFText_IsGenerated(tp, i):
            continue
        text = "(cid:0)" if not code or raw.FPDFText_HasUnicodeMapError(tp, i) else chr(code)
        obj = raw.FPDFText_GetTextObject(tp, i)
        owner = ctypes.cast(obj, ctypes.c_void_p).value or 0
        style = styles.get(owner) or styles.setdefault(owner, _style(tp, i, obj, fonts))
        fontname, size, upright = style
        raw.FPDFText_GetLooseCharBox(tp, i, box)
        left, right = round(box.left, _DIGITS), round(box.right, _DIGITS)
        bottom = round(height - box.bottom, _DIGITS)
        top = bottom - size
        chars.append(
            {
                **base,
                "object_type": "char",
                "text": text,
                "fontname": fontname,
                "size": size,
                "upright": upright,
                "x0": left,
                "x1": right,
                "y0": height - bottom,
                "y1": height - top,
                "width": right - left,
                "height": size,
                "top": top,
                "bottom": bottom,
                "doctop": doctop + top,
            }
        )
    return chars


def _style(tp: Any, index: int, obj: Any, fonts: dict[int, str]) -> tuple[str, float, bool]:
    """Font name, size in page units and uprightness of the glyph ``index`` (of its text object ``obj``); the
    name is read once per font (``fonts``)."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(tp, index, matrix)
    font = ctypes.cast(raw.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value if obj else None
    name = fonts.get(font) if font else None
    if name is None:
        buffer = ctypes.create_string_buffer(_BUFFER)
        raw.FPDFText_GetFontInfo(tp, index, buffer, _BUFFER, ctypes.c_int())
        name = buffer.value.decode("utf-8", "replace")
        if font:
            fonts[font] = name
    size = round(raw.FPDFText_GetFontSize(tp, index) * abs(matrix.d or matrix.b or 1.0), _DIGITS)
    return name, size, matrix.b == 0 and matrix.c == 0


def _curves(page: Any, height: float, doctop: float, base: dict, fonts: list[bool]) -> list[dict]:
    """The page's painted paths; ``fonts`` collects, for each text object (in forms too), whether its font
    is embedded."""
    import pypdfium2.raw as raw

    curves: list[dict] = []

    def walk(container: Any, count: Any, get: Any, outer: tuple[float, ...]) -> None:
        for i in range(count(container)):
            obj = get(container, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                fonts.append(bool(raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj))))
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            matrix = raw.FS_MATRIX()
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            own = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, own)
            elif _painted(obj):
                for points in _subpaths(obj, own):
                    curves.append(_curve(points, height, doctop, base))

    walk(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return curves


def _painted(path: Any) -> bool:
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(path, fill, stroke):
        return True
    return bool(fill.value or stroke.value)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``inner`` and then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpaths(path: Any, matrix: tuple[float, ...]) -> list[list[tuple[float, float]]]:
    import pypdfium2.raw as raw

    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    for i in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, i)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = round(x.value, _DIGITS), round(y.value, _DIGITS)
        point = (px * a + py * c + e, px * b + py * d + f)
        if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if raw.FPDFPathSegment_GetClose(segment) and subpaths[-1][0] != subpaths[-1][-1]:
            subpaths[-1].append(subpaths[-1][0])
    return [points for points in subpaths if len(points) >= 2]


def _curve(points: list[tuple[float, float]], height: float, doctop: float, base: dict) -> dict:
    pts = [(px, height - py) for px, py in points]
    xs = [p[0] for p in pts]
    tops = [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
    return {
        **base,
        "object_type": "curve",
        "pts": pts,
        "x0": x0,
        "x1": x1,
        "y0": height - bottom,
        "y1": height - top,
        "width": x1 - x0,
        "height": bottom - top,
        "top": top,
        "bottom": bottom,
        "doctop": doctop + top,
    }
