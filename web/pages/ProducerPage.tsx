import { Layout, type OpenGraph } from '../components/Layout';
import { ProductGrid } from '../components/ProductCard';
import type { PageContext } from '../page-context';
import type { ProducerDetailView } from '../views';

interface ProducerPageProps {
  ctx: PageContext;
  slug: string;
  producer: ProducerDetailView;
  openGraph: OpenGraph;
}

export function ProducerPage({ ctx, slug, producer, openGraph }: ProducerPageProps) {
  const { t } = ctx;
  const p = t.producer;
  return (
    <Layout ctx={ctx} title={producer.name} canonicalPath={`/producers/${slug}`} openGraph={openGraph}>
      <article class="producer">
        <h1>{producer.name}</h1>
        <dl class="facts">
          <dt>{p.kind}</dt>
          <dd>{p.kinds[producer.kind]}</dd>
          {producer.taxCode ? (
            <>
              <dt>{p.taxCode}</dt>
              <dd>{producer.taxCode}</dd>
            </>
          ) : null}
          <dt>{p.address}</dt>
          <dd>{producer.address}</dd>
          {producer.legacyAddress ? (
            <>
              <dt>{p.legacyAddress}</dt>
              <dd>{producer.legacyAddress}</dd>
            </>
          ) : null}
        </dl>

        {producer.phone || producer.zalo || producer.email || producer.website ? (
          <section aria-labelledby="contacts-title">
            <h2 id="contacts-title">{p.contacts}</h2>
            <dl class="facts">
              {producer.phone ? (
                <>
                  <dt>{p.phone}</dt>
                  <dd>
                    <a href={`tel:${producer.phone}`}>{producer.phone}</a>
                  </dd>
                </>
              ) : null}
              {producer.zalo ? (
                <>
                  <dt>{p.zalo}</dt>
                  <dd>{producer.zalo}</dd>
                </>
              ) : null}
              {producer.email ? (
                <>
                  <dt>{p.email}</dt>
                  <dd>
                    <a href={`mailto:${producer.email}`}>{producer.email}</a>
                  </dd>
                </>
              ) : null}
              {producer.website ? (
                <>
                  <dt>{p.website}</dt>
                  <dd>
                    <a href={producer.website} rel="nofollow noopener">
                      {producer.website}
                    </a>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
        ) : null}

        {producer.story ? (
          <section aria-labelledby="story-title">
            <h2 id="story-title">{p.story}</h2>
            <p class="prose">{producer.story}</p>
          </section>
        ) : null}

        <section aria-labelledby="products-title">
          <h2 id="products-title">{p.products}</h2>
          {producer.products.length > 0 ? (
            <ProductGrid ctx={ctx} products={producer.products} />
          ) : (
            <p class="notice">{p.noProducts}</p>
          )}
        </section>
      </article>
    </Layout>
  );
}
