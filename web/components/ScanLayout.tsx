import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { localHref } from '../href';
import type { PageContext } from '../page-context';
import { ScanStyles } from './ScanStyles';

interface ScanLayoutProps {
  ctx: PageContext;
  title: string;
  /** The stamp path whose scan this page counts with a beacon once a person sees it, and its single-use ticket; none for a form's answer. */
  beacon?: { path: string; token: string | null };
  children?: Child;
}

/** What the page's beacon sends (web/public/scan-beacon.js reads it), as a data block no browser runs. */
export const scanBeaconData = (beacon: { path: string; token: string | null }): string =>
  JSON.stringify(beacon.token ? beacon : { path: beacon.path }).replace(/</g, '\\u003c');

function languageSwitchHref(url: URL, locale: string): string {
  const next = new URL(url);
  next.searchParams.set('lang', locale === 'vi' ? 'en' : 'vi');
  return `${next.pathname}${next.search}`;
}

/**
 * The document around a scan page: the site's bar and footer without its catalogue stylesheet
 * (the page carries its own, inline), never indexed, as every stamp URL is one package.
 */
export function ScanLayout({ ctx, title, beacon, children }: ScanLayoutProps) {
  const { t, locale, url } = ctx;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${t.site.name}`}</title>
          <meta name="robots" content="noindex" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <ScanStyles />
        </head>
        <body>
          <a class="skip" href="#main">
            {t.site.skipToContent}
          </a>
          <header class="bar">
            <a class="brand" href={localHref(ctx, '/')}>
              <img src="/favicon.svg" alt="" width="24" height="24" />
              <span>{t.site.name}</span>
            </a>
            <a href={languageSwitchHref(url, locale)} lang={locale === 'vi' ? 'en' : 'vi'}>
              {t.site.switchLanguage}
            </a>
          </header>
          <main id="main">{children}</main>
          <footer>
            <p>{t.site.footer}</p>
          </footer>
          {beacon ? (
            <>
              <script
                type="application/json"
                id="scan-beacon"
                dangerouslySetInnerHTML={{ __html: scanBeaconData(beacon) }}
              />
              <script src="/scan-beacon.js" defer></script>
            </>
          ) : null}
        </body>
      </html>
    </>
  );
}
