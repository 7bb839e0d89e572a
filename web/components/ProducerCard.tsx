import { localHref } from '../href';
import type { PageContext } from '../page-context';
import type { ProducerSummaryView } from '../views';

interface ProducerCardProps {
  ctx: PageContext;
  producer: ProducerSummaryView;
}

export function ProducerCard({ ctx, producer }: ProducerCardProps) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="producer-title">
      <h2 id="producer-title">{t.product.producer}</h2>
      <p class="producer-name">{producer.name}</p>
      <p class="muted">
        {t.producer.kinds[producer.kind]} · {producer.place}
      </p>
      <p>
        <a href={localHref(ctx, `/producers/${producer.slug}`)}>{t.product.viewProducer}</a>
      </p>
    </section>
  );
}
