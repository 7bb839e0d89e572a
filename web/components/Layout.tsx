import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { localHref } from '../href';
import type { PageContext } from '../page-context';

/** What a link pasted in Zalo or Facebook previews: absolute URLs, an image of at least 600 × 315. */
export interface OpenGraph {
  type: 'website' | 'product' | 'place' | 'event' | 'profile';
  title: string;
  description: string;
  url: string;
  image: { url: string; width: number; height: number; alt: string; type: string };
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Canonical path (no language parameter); defaults to the current path. */
  canonicalPath?: string;
  /** schema.org JSON-LD for the page, serialised as is. */
  jsonLd?: object;
  noindex?: boolean;
  openGraph?: OpenGraph;
  children?: Child;
}

function languageSwitchHref(url: URL, locale: string): string {
  const next = new URL(url);
  next.searchParams.set('lang', locale === 'vi' ? 'en' : 'vi');
  next.searchParams.delete('page');
  return `${next.pathname}${next.search}`;
}

export function Layout({ ctx, title, description, canonicalPath, jsonLd, noindex, openGraph, children }: LayoutProps) {
  const { t, locale, url, origin } = ctx;
  const canonical = `${origin}${canonicalPath ?? url.pathname}`;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${t.site.name}`}</title>
          {description ? <meta name="description" content={description} /> : null}
          {noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
          <link rel="alternate" hreflang="vi" href={canonical} />
          <link rel="alternate" hreflang="en" href={`${canonical}?lang=en`} />
          {openGraph ? (
            <>
              <meta property="og:type" content={openGraph.type} />
              <meta property="og:site_name" content={t.site.name} />
              <meta property="og:locale" content={locale === 'vi' ? 'vi_VN' : 'en_US'} />
              <meta property="og:title" content={openGraph.title} />
              <meta property="og:description" content={openGraph.description} />
              <meta property="og:url" content={openGraph.url} />
              <meta property="og:image" content={openGraph.image.url} />
              <meta property="og:image:type" content={openGraph.image.type} />
              <meta property="og:image:width" content={String(openGraph.image.width)} />
              <meta property="og:image:height" content={String(openGraph.image.height)} />
              <meta property="og:image:alt" content={openGraph.image.alt} />
              <meta name="twitter:card" content="summary_large_image" />
            </>
          ) : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/styles.css" />
          {jsonLd ? (
            <script
              type="application/ld+json"
              dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
            />
          ) : null}
        </head>
        <body>
          <a class="skip" href="#main">
            {t.site.skipToContent}
          </a>
          <header class="site-header">
            <a class="brand" href={localHref(ctx, '/')}>
              <img src="/favicon.svg" alt="" width="28" height="28" />
              <span class="brand-name">{t.site.name}</span>
              <span class="brand-short">{t.site.shortName}</span>
            </a>
            <div class="site-account">
              {ctx.account ? (
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={ctx.account.csrfToken} />
                  <button type="submit" class="header-button">
                    {t.auth.logout}
                  </button>
                </form>
              ) : (
                <a href={localHref(ctx, '/login')}>{t.auth.loginTitle}</a>
              )}
            </div>
            <nav aria-label={t.nav.home}>
              <a href={localHref(ctx, '/products')}>{t.nav.products}</a>
              <a href={localHref(ctx, '/sales-points')}>{t.places.navSalesPoints}</a>
              <a href={localHref(ctx, '/fairs')}>{t.places.navFairs}</a>
              <a href={localHref(ctx, '/cart')}>{t.cart.nav}</a>
              <a href={languageSwitchHref(url, locale)} lang={locale === 'vi' ? 'en' : 'vi'}>
                {t.site.switchLanguage}
              </a>
            </nav>
          </header>
          <main id="main">{children}</main>
          <footer class="site-footer">
            <p>{t.site.footer}</p>
            <p>
              <a href={localHref(ctx, '/api/docs')}>{t.nav.apiDocs}</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}
