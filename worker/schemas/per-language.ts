import type { Messages } from '../../web/messages';

/**
 * A schema whose problems are worded in the visitor's language, built once per message catalogue
 * instead of on every request: building a zod schema costs more than parsing a query with it,
 * and the public pages that take one (product, sales points, fairs, checkout) are the hot ones.
 */
export function perLanguage<T>(build: (t: Messages) => T): (t: Messages) => T {
  const built = new WeakMap<Messages, T>();
  return (t) => {
    let schema = built.get(t);
    if (schema === undefined) {
      schema = build(t);
      built.set(t, schema);
    }
    return schema;
  };
}
