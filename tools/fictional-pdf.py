#!/usr/bin/env python3
"""Writes the small one-page PDF documents of the fictional example site.

    python3 tools/fictional-pdf.py OUT.pdf "Title line" "more lines" ...

Each page says in large type that the document is fictional. Latin lines are set in Helvetica;
a line with Japanese text uses the standard Japanese font of PDF readers (KozMinPr6N-Regular,
Adobe-Japan1, not embedded), so that the file stays a few kilobytes. The output is the same
bytes for the same arguments (no dates, no random ids), so a rebuild changes no file size.
"""

import sys

NOTICE = "FICTIONAL DOCUMENT - SAMPLE ONLY"
NOTICE_JA = "架空の資料です（見本）"


def is_latin(text):
    return all(ord(c) < 128 for c in text)


def latin_string(text):
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


def cjk_string(text):
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def page_stream(lines):
    ops = ["BT", "/F1 20 Tf", "56 780 Td", f"{latin_string(NOTICE)} Tj", "ET",
           "BT", "/F2 16 Tf", "56 752 Td", f"{cjk_string(NOTICE_JA)} Tj", "ET"]
    y = 700
    for line in lines:
        font = "/F1 12 Tf" if is_latin(line) else "/F2 12 Tf"
        text = latin_string(line) if is_latin(line) else cjk_string(line)
        ops += ["BT", font, f"56 {y} Td", f"{text} Tj", "ET"]
        y -= 20
    return "\n".join(ops).encode("ascii")


def pdf(lines):
    stream = page_stream(lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H"
        b" /DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >>"
        b" /FontDescriptor 8 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 6"
        b" /FontBBox [-437 -340 1147 1317] /ItalicAngle 0 /Ascent 1317 /Descent -349"
        b" /CapHeight 742 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], "wb") as f:
        f.write(pdf(argv[2:]))


if __name__ == "__main__":
    main(sys.argv)
