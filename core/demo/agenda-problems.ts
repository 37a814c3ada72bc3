/** What agenda imports report: problems with a place, and files that cannot be read at all. */

export interface AgendaProblem {
  /** Where: `line 3`, `row 4`, `issues[2].fields.summary`. */
  at: string;
  message: string;
}

/** A file that cannot be read as an agenda at all. */
export class AgendaImportError extends Error {
  override readonly name = 'AgendaImportError';
}
