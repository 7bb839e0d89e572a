/**
 * A D1 binding that fails on its n-th round trip (a batch, or one statement run on its own), to
 * show what a request leaves behind when D1 fails at each step of it. `before`: the call never
 * reaches the database; `after`: it ran, and its answer was lost on the way back.
 */
export type FailureMode = 'before' | 'after';

export class InjectedD1Failure extends Error {
  constructor(call: number) {
    super(`D1_ERROR: injected failure at round trip ${call}`);
  }
}

export interface CountingD1 {
  d1: D1Database;
  /** Round trips so far. */
  calls: () => number;
}

export function failingD1(real: D1Database, failAt: number, mode: FailureMode): CountingD1 {
  let calls = 0;
  const roundTrip = async <T>(run: () => Promise<T>): Promise<T> => {
    calls++;
    if (calls === failAt && mode === 'before') throw new InjectedD1Failure(calls);
    const result = await run();
    if (calls === failAt && mode === 'after') throw new InjectedD1Failure(calls);
    return result;
  };

  class Statement {
    constructor(readonly real: D1PreparedStatement) {}
    bind(...values: unknown[]) {
      return new Statement(this.real.bind(...values));
    }
    all<T>() {
      return roundTrip(() => this.real.all<T>());
    }
    run<T>() {
      return roundTrip(() => this.real.run<T>());
    }
    raw<T>(options?: { columnNames?: boolean }): Promise<unknown[]> {
      return roundTrip<unknown[]>(() =>
        options?.columnNames ? this.real.raw<T>({ columnNames: true }) : this.real.raw<T>(),
      );
    }
    first<T>(column?: string) {
      return roundTrip(() => (column === undefined ? this.real.first<T>() : this.real.first<T>(column)));
    }
  }

  const d1 = {
    prepare: (query: string) => new Statement(real.prepare(query)),
    batch: (statements: Statement[]) => roundTrip(() => real.batch(statements.map((statement) => statement.real))),
    exec: (query: string) => roundTrip(() => real.exec(query)),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error('not used by the platform');
    },
  } as unknown as D1Database;
  return { d1, calls: () => calls };
}
