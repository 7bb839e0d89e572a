import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { localHref } from '../href';
import type { PageContext } from '../page-context';
import { ScanStyles } from './ScanStyles';

interface ScanLayoutProps {
  ctx: PageContext;
  title: string;
  /** The stamp path whose scan this page counts with a beacon once a person sees it, and the page's signed verdict; none for a form's answer. */
  beacon?: { path: string; token: string | null };
  children?: Child;
}

/**
 * Counts the scan once the page is in front of a person: after load, and only while visible, so
 * a prerendered or background page is not counted until (unless) it is shown. A browser without
 * sendBeacon, or with JavaScript off, still gets the whole page; its scan is just not counted.
 */
export function scanBeaconScript(beacon: { path: string; token: string | null }): string {
  const fields = JSON.stringify(beacon.token ? beacon : { path: beacon.path }).replace(/</g, '\\u003c');
  return `(function(){var d=document,n=navigator,sent=false;if(!n.sendBeacon)return;function send(){if(sent||d.visibilityState!=='visible')return;sent=true;n.sendBeacon('/scans',new URLSearchParams(${fields}))}addEventListener('load',send);d.addEventListener('visibilitychange',send)})();`;
}

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
          {beacon ? <script dangerouslySetInnerHTML={{ __html: scanBeaconScript(beacon) }} /> : null}
        </body>
      </html>
    </>
  );
}
