/**
 * The one place that reads SQLite's constraint messages. A write whose UNIQUE, NOT NULL or CHECK
 * constraint refuses it becomes the typed problem its data function names, so no caller ever
 * inspects SQL text. D1 wraps the SQLite message ("D1_ERROR: UNIQUE constraint failed: …"),
 * sometimes in the error's cause.
 */
import { AppError, refused, type FieldProblem } from '../domain/errors';

export type ConstraintKind = 'UNIQUE' | 'NOT NULL' | 'CHECK' | 'FOREIGN KEY';

export interface Violation {
  kind: ConstraintKind;
  /** What SQLite names: "lots.product_id, lots.lot_code" for UNIQUE and NOT NULL, the constraint for CHECK. */
  target: string;
}

const VIOLATION = /(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?:: ([^:\n]+))?/;

/** The constraint an error from D1 reports, or null for any other error. */
export function violationOf(error: unknown): Violation | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const match = VIOLATION.exec(e.message);
    if (match) return { kind: match[1] as ConstraintKind, target: (match[2] ?? '').trim() };
  }
  return null;
}

export const isViolation = (error: unknown, kind: ConstraintKind, target: string): boolean => {
  const violation = violationOf(error);
  return violation !== null && violation.kind === kind && violation.target === target;
};

/** `kind target` of a violation, as the keys of `known` below spell it. */
type ViolationKey = `${ConstraintKind} ${string}`;

/**
 * Runs a write; a violation listed in `known` is thrown as its field problem, or as a plain
 * conflict where no field is to blame (a link used by a concurrent request); anything else as it came.
 */
export async function withConstraints<T>(
  write: () => Promise<T>,
  known: Record<ViolationKey, FieldProblem | 'conflict'>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const violation = violationOf(error);
    const answer = violation ? known[`${violation.kind} ${violation.target}`] : undefined;
    if (answer === 'conflict') throw new AppError('conflict');
    if (answer) throw refused(answer);
    throw error;
  }
}
