import type { Messages } from './messages';

/** The unit's name in the page language; units not in the catalogue show as stored. */
export function unitLabel(t: Messages, unit: string): string {
  return (t.units as Record<string, string>)[unit] ?? unit;
}
