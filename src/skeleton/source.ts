import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../util/errors.js';
import { LineIndex } from '../util/lines.js';

/** A text file as the tool reads it: decoded UTF-8, with what it takes to write it back. */
export interface SourceFile {
  path: string;
  /** The text without a leading BOM; line endings as in the file (LF or CRLF). */
  text: string;
  /** The file began with a UTF-8 BOM; the article gets it back so no byte is lost. */
  bom: boolean;
}

/**
 * Reads a skeleton, turning every way it can be unreadable into a message the writer can act on:
 * missing file, a directory, a binary file, bytes that are not UTF-8.
 */
export async function readSource(path: string): Promise<SourceFile> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError('is a directory; pass a Markdown file (e.g. seeds/werf-guide.ru.md)', path);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('no such file; check the path', path);
    if (code === 'EACCES') throw new UserError('permission denied; make the file readable', path);
    throw new UserError(`cannot read: ${(error as Error).message}`, path);
  }
  return decodeSource(path, bytes);
}

/**
 * A text's line ending: that of its first line break (LF when it has none). A build writes every
 * line break it adds in the skeleton's style, so a CRLF skeleton gives an all-CRLF article.
 */
export function lineEnding(text: string): '\n' | '\r\n' {
  const at = text.indexOf('\n');
  return at > 0 && text.charCodeAt(at - 1) === 13 ? '\r\n' : '\n';
}

/** `text` with every line break (LF or CRLF) in the style `eol`. */
export function withLineEnding(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? (text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text) : text.replace(/\r?\n/g, '\r\n');
}

export function decodeSource(path: string, bytes: Uint8Array): SourceFile {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const at = positionOfByte(bytes, nul);
    throw new UserError('binary file (NUL byte); a skeleton is UTF-8 Markdown text', path, at.line, at.column);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { path, text, bom };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = positionOfByte(bytes, bad);
    throw new UserError('not valid UTF-8; save the file as UTF-8', path, at.line, at.column);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest valid prefix; a prefix may end mid-character, so allow 3 bytes.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return Math.min(lo, bytes.length - 1);
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  return new LineIndex(before).position(before.length);
}
