import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../worker/domain/policy';
import { OFFSITE_SPELLINGS } from '../support/offsite-spellings';

const ORIGIN = 'http://localhost';

/** Spellings that are odd but stay on the site: they may be kept, as the path they parse to. */
const ONSITE_SPELLINGS: [string, string][] = [
  ['/portal', '/portal'],
  ['/admin/users?role=staff&page=2', '/admin/users?role=staff&page=2'],
  ['/portal#lots', '/portal#lots'],
  ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
  ['/@evil.com', '/@evil.com'],
  ['//evil.com@localhost/portal', '/portal'],
  ['/\r\nSet-Cookie:x=1', '/Set-Cookie:x=1'],
  ['/\0admin', '/%00admin'],
  ['/\u2215evil.com', '/%E2%88%95evil.com'],
  ['/\uFF0Fevil.com', '/%EF%BC%8Fevil.com'],
  ['/a\\b', '/a/b'],
  ['/portal/../admin', '/admin'],
];

describe('safeNextPath', () => {
  it.each(OFFSITE_SPELLINGS)('refuses %j', (next) => {
    expect(safeNextPath(next, ORIGIN)).toBeNull();
  });

  it.each(ONSITE_SPELLINGS)('keeps %j as %j', (next, path) => {
    expect(safeNextPath(next, ORIGIN)).toBe(path);
  });

  it('refuses nothing at all', () => {
    expect(safeNextPath(undefined, ORIGIN)).toBeNull();
  });

  it('answers only paths that resolve to the origin again and carry no control character', () => {
    for (const next of [...OFFSITE_SPELLINGS, ...ONSITE_SPELLINGS.map(([typed]) => typed)]) {
      const path = safeNextPath(next, ORIGIN);
      if (path === null) continue;
      expect(path).toMatch(/^\/(?![/\\])/);
      expect(path).not.toMatch(/[\p{Cc}\s\\]/u);
      expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
