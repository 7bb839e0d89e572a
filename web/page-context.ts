import type { Locale, Messages } from './messages';

/** What every page component needs from the request: language, messages and where it is. */
export interface PageContext {
  t: Messages;
  locale: Locale;
  /** Path and query of the current request, for the language switch and canonical links. */
  url: URL;
  origin: string;
  /**
   * The signed-in visitor's session, on the pages that read one (the signed-in areas: /portal,
   * /admin, /login…), so the header offers signing out. Public pages never have it: they are the
   * same for everyone and stay cacheable.
   */
  account: { csrfToken: string } | null;
}
