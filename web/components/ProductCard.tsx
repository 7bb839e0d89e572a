import { localHref } from '../href';
import type { PageContext } from '../page-context';
import type { ProductCardView } from '../views';
import { Price } from './Price';
import { StarBadge } from './StarBadge';

interface ProductCardProps {
  ctx: PageContext;
  product: ProductCardView;
}

export function ProductCard({ ctx, product }: ProductCardProps) {
  const { t } = ctx;
  return (
    <article class="card">
      <img src={product.imageUrl} alt={product.name} width="400" height="300" loading="lazy" decoding="async" />
      <div class="card-body">
        <h3>
          <a href={localHref(ctx, `/products/${product.slug}`)}>{product.name}</a>
        </h3>
        {product.stars ? <StarBadge t={t} stars={product.stars} /> : null}
        <p>
          <Price t={t} price={product.price} unit={product.unit} />
        </p>
        <p class="muted">
          <a href={localHref(ctx, `/producers/${product.producerSlug}`)}>{product.producerName}</a>
          {' · '}
          {product.provinceName}
        </p>
      </div>
    </article>
  );
}

interface ProductGridProps {
  ctx: PageContext;
  products: ProductCardView[];
}

export function ProductGrid({ ctx, products }: ProductGridProps) {
  return (
    <ul class="grid" role="list">
      {products.map((product) => (
        <li>
          <ProductCard ctx={ctx} product={product} />
        </li>
      ))}
    </ul>
  );
}
