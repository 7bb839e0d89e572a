import type { Locale, Messages } from './messages';

/** What every page component needs from the request: language, messages and where it is. */
export interface PageContext {
  t: Messages;
  locale: Locale;
  /** Path and query of the current request, for the language switch and canonical links. */
  url: URL;
  origin: string;
}
