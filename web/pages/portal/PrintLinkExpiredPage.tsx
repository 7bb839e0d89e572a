import { Layout } from '../../components/Layout';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';

interface PrintLinkExpiredPageProps {
  ctx: PageContext;
  batchId: number;
  minutes: number;
}

/** A print file link past its 15 minutes: say so plainly and lead back to a fresh one. */
export function PrintLinkExpiredPage({ ctx, batchId, minutes }: PrintLinkExpiredPageProps) {
  const s = ctx.t.portal.stamps;
  return (
    <Layout ctx={ctx} title={s.linkExpiredTitle} noindex>
      <section class="error-page">
        <h1>{s.linkExpiredTitle}</h1>
        <p class="lead">{s.linkExpired(minutes)}</p>
        <p>
          <a class="button" href={localHref(ctx, `/portal/stamp-batches/${batchId}`)}>
            {s.backToBatch}
          </a>
        </p>
      </section>
    </Layout>
  );
}
