import { Layout } from '../../components/Layout';
import type { PageContext } from '../../page-context';

interface ChooseProducerPageProps {
  ctx: PageContext;
  action: string;
}

/** Administrators belong to no organisation: they say which one they are looking after. */
export function ChooseProducerPage({ ctx, action }: ChooseProducerPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.portal.title} noindex>
      <section class="narrow">
        <h1>{t.portal.chooseProducer}</h1>
        <form method="get" action={action} class="stack">
          <label for="producer">{t.portal.producerId}</label>
          <input id="producer" name="producer" type="number" min="1" inputmode="numeric" required />
          <button type="submit" class="button">
            {t.portal.open}
          </button>
        </form>
      </section>
    </Layout>
  );
}
