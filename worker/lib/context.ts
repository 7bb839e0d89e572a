import type { Messages, Locale } from '../../web/messages';
import type { Database } from '../data/db';

/** What every handler can read from the context: bindings plus request-scoped values. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    locale: Locale;
    t: Messages;
    /** Today's date in Vietnam ("YYYY-MM-DD"), fixed once per request. */
    today: string;
  };
}
