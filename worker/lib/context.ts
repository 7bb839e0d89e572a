import type { Messages, Locale } from '../../web/messages';
import type { User } from '../data/users';
import type { Database } from '../data/db';

export type { Role } from '../domain/policy';

/** What every handler can read from the context: bindings plus request-scoped values. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    locale: Locale;
    t: Messages;
    /** Today's date in Vietnam ("YYYY-MM-DD"), fixed once per request. */
    today: string;
    /** The signed-in user, or null (set by sessionMiddleware on routes that use it). */
    user: User | null;
    session: { idHash: string; csrfToken: string } | null;
    /** The API token a request authenticated with (set by requireApiToken on the routes that use it). */
    apiToken: { id: number; scopes: string[] };
  };
}
