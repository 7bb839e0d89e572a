/** The part of GS1's digital-link.js (a CommonJS package without types) the tests use. */
declare module 'digital-link.js' {
  export function DigitalLink(input: string): { isValid(): boolean; toWebUriString(): string };
}
