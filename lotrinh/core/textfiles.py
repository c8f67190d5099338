"""The text of an uploaded text file (a .txt programme, a CSV), in the encodings a
Vietnamese office really saves, and the separator of a CSV.

- a byte-order mark decides: UTF-8, UTF-16 LE/BE (Excel's "Unicode text", Notepad's
  "Unicode"), UTF-32;
- otherwise UTF-8, then Windows-1258 (Excel's "CSV (Comma delimited)" and Notepad's
  "ANSI" on a Vietnamese Windows), which writes tones as combining marks: NFC joins them;
- text in the legacy 8-bit fonts (TCVN3/ABC, VNI) decodes to symbols or foreign letters
  under Windows-1258 and is refused with what to do, never stored as mojibake.
"""

import codecs
import unicodedata

from lotrinh.core.i18n import gettext as _

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Letters that Windows-1258 decodes from VNI-encoded text but that Vietnamese never uses.
_FOREIGN_LETTERS = set("äåæçëîïñöøüÿÄÅÆÇËÎÏÑÖØÜ")
# Signs that a TCVN3 (ABC) font text decodes to (µ for "à", ª for "ê"…), never Vietnamese.
_TCVN3_SIGNS = set("µªº")
# The tone marks Windows-1258 writes after a vowel.
_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


class TextEncodingError(Exception):
    """Bytes that are not read as text; `code` says why (binary, unknown_encoding,
    legacy_encoding), `message` what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def decode_text_file(data: bytes) -> str:
    """The text of `data`, NFC-normalised, or TextEncodingError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return unicodedata.normalize("NFC", data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                raise _unknown() from None
    sample = data[:4096]
    if sample.count(0) > len(sample) // 10:
        # UTF-16 without its mark (a NUL in every other byte), or not text at all: no
        # guess. A stray NUL in text is left to the caller, who names its line.
        raise TextEncodingError(
            "binary",
            _("Tệp không phải văn bản (có byte nhị phân): hãy lưu lại dạng văn bản UTF-8."),
        )
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise _unknown() from None
    _refuse_legacy_fonts(text)
    # A tone mark that follows no Vietnamese vowel: not Windows-1258 text (a Windows-1252
    # "ò" reads as a dot below, which NFC would join to the consonant), so no guess.
    for index, char in enumerate(text):
        if char in _TONES and (index == 0 or text[index - 1] not in _VOWELS):
            raise _unknown()
    return unicodedata.normalize("NFC", text)


def _refuse_legacy_fonts(text: str) -> None:
    high = [ch for ch in text if ord(ch) > 127]
    if not high:
        return
    # TCVN3 puts letters on the bytes Windows-1258 reads as Latin-1 signs (¡…¿, ×, ÷); the
    # typography Windows keeps below them (– — “ ” …) is ordinary in any text.
    symbols = sum(1 for ch in high if ch in _TCVN3_SIGNS or "\xa1" <= ch <= "\xbf" or ch in "×÷")
    foreign = sum(1 for ch in high if ch in _FOREIGN_LETTERS)
    # A TCVN3 (ABC) font text decodes to symbols (µ, ×, ¸…); a VNI one to foreign letters.
    if (symbols + foreign) / len(high) <= 0.2:
        return
    if symbols >= foreign:
        raise TextEncodingError(
            "legacy_encoding",
            _(
                "Văn bản dùng bảng mã cũ TCVN3 (ABC): hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi tải lên lại."
            ),
        )
    raise TextEncodingError(
        "legacy_encoding",
        _(
            "Văn bản dùng bảng mã cũ VNI: hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi tải lên lại."
        ),
    )


def _unknown() -> TextEncodingError:
    return TextEncodingError(
        "unknown_encoding",
        _("Không nhận ra bảng mã của tệp: hãy lưu văn bản ở dạng Unicode (UTF-8)."),
    )


def csv_delimiter(text: str) -> str:
    """The separator of a CSV, from its first line: a tab (Excel's "Unicode text"), ";"
    (Excel in a Vietnamese or European locale) or ","."""
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in ("\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > first_line.count(",") else ","
