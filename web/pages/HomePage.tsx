import { Layout } from '../components/Layout';
import { ProductGrid } from '../components/ProductCard';
import { SearchBox } from '../components/SearchBox';
import { localHref } from '../href';
import type { PageContext } from '../page-context';
import type { CountLink, ProductCardView } from '../views';

interface HomePageProps {
  ctx: PageContext;
  featured: ProductCardView[];
  groups: CountLink[];
  provinces: CountLink[];
}

function CountLinks({ ctx, links }: { ctx: PageContext; links: CountLink[] }) {
  return (
    <ul class="count-links" role="list">
      {links.map((link) => (
        <li>
          <a href={link.href}>
            <span>{link.label}</span> <span class="count">{ctx.t.home.productCount(link.count)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function HomePage({ ctx, featured, groups, provinces }: HomePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.home.title} description={t.site.tagline} canonicalPath="/">
      <section class="hero">
        <h1>{t.home.title}</h1>
        <p class="lead">{t.site.tagline}</p>
        <SearchBox ctx={ctx} />
      </section>
      {featured.length > 0 ? (
        <section aria-labelledby="featured-title">
          <h2 id="featured-title">{t.home.featured}</h2>
          <ProductGrid ctx={ctx} products={featured} />
        </section>
      ) : null}
      <section aria-labelledby="groups-title">
        <h2 id="groups-title">{t.home.byGroup}</h2>
        <CountLinks ctx={ctx} links={groups} />
      </section>
      {provinces.length > 0 ? (
        <section aria-labelledby="provinces-title">
          <h2 id="provinces-title">{t.home.byProvince}</h2>
          <CountLinks ctx={ctx} links={provinces} />
        </section>
      ) : null}
      <p>
        <a class="button" href={localHref(ctx, '/products')}>
          {t.home.seeAll}
        </a>
      </p>
    </Layout>
  );
}
