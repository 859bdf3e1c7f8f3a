/**
 * Bytes of a spreadsheet export → text. Excel FR writes UTF-8 with a BOM ("CSV UTF-8") or
 * Windows-1252 ("CSV (séparateur : point-virgule)"); LibreOffice writes UTF-8 without BOM.
 * A strict UTF-8 decode either succeeds or proves the file is in a legacy code page.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';

/** Decoded file: its text (BOM removed), the encoding used and the sha256 of the raw bytes. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
  sha256: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes spreadsheet bytes: UTF-8 (with or without BOM) when valid, Windows-1252 otherwise. */
export function decodeSpreadsheetBytes(bytes: Uint8Array): DecodedText {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), encoding: 'utf-8', sha256 };
  } catch {
    return { text: iconv.decode(body, 'win1252'), encoding: 'windows-1252', sha256 };
  }
}

/**
 * Why some bytes are not a text export at all, or null. Catches a workbook saved as `.xlsx`/`.ods`
 * (a zip), an old `.xls` (OLE2) and other binary files (NUL bytes near the start), so the
 * coordinator gets one clear sentence instead of a cascade of column errors.
 */
export function binaryKind(bytes: Uint8Array): 'zip' | 'ole' | 'binary' | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return 'binary';
  return null;
}
