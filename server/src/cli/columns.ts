// Converting the analysis' positions (0-based line, UTF-16 column) into what output formats use:
// 1-based lines with 1-based UTF-8 byte columns (go vet, our text and json) or UTF-16 columns (SARIF).
import { lineStarts } from '../analysis/edits';
import type { Position } from '../analysis/types';

export interface OutPosition { line: number; column: number }

export class ColumnMap {
  private starts: number[];

  /** bom: the file on disk starts with a byte order mark that `text` does not hold. */
  constructor(readonly text: string, readonly bom = false) {
    this.starts = lineStarts(text);
  }

  private clamp(p: Position): { line: number; start: number; character: number } {
    const line = Math.min(Math.max(p.line, 0), this.starts.length - 1);
    const start = this.starts[line];
    const end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return { line, start, character: Math.min(Math.max(p.character, 0), end - start) };
  }

  /** 1-based line and 1-based byte column, as go/token prints them (a BOM counts, as in go/scanner). */
  bytes(p: Position): OutPosition {
    const { line, start, character } = this.clamp(p);
    const bytes = Buffer.byteLength(this.text.slice(start, start + character), 'utf8');
    return { line: line + 1, column: bytes + 1 + (line === 0 && this.bom ? 3 : 0) };
  }

  /** 1-based line and 1-based UTF-16 column (SARIF's default columnKind). */
  utf16(p: Position): OutPosition {
    const { line, character } = this.clamp(p);
    return { line: line + 1, column: character + 1 };
  }
}
