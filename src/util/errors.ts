/**
 * An error the user can act on: it names a place (file:line:col when known) and says what to do.
 * The CLI prints its message and exits 2 without a stack trace; anything else is a bug.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** `file:line:col: message`, the shape editors and terminals turn into links. */
  format(): string {
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** A problem that does not stop the work (an unclosed `{{`), reported with its place. */
export interface Warning {
  file: string;
  line: number;
  column: number;
  message: string;
}
