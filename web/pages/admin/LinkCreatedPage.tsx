import type { InvitationPurpose } from '../../../worker/domain/invitation';
import { formatInstant } from '../../../worker/domain/time';
import type { Delivery } from '../../../worker/domain/invitation';
import type { PageContext } from '../../page-context';
import { AdminShell } from './AdminShell';

interface LinkCreatedPageProps {
  ctx: PageContext;
  purpose: InvitationPurpose;
  recipient: string;
  expiresAt: string;
  delivery: Delivery;
}

/** The one time a one-time link is shown, unless a sender delivered it. */
export function LinkCreatedPage({ ctx, purpose, recipient, expiresAt, delivery }: LinkCreatedPageProps) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} role="admin" section="users" title={t.admin.linkTitle}>
      <dl class="facts">
        <dt>{t.admin.purposes[purpose]}</dt>
        <dd>
          {t.admin.linkFor}: {recipient}
        </dd>
      </dl>
      {delivery.kind === 'show_to_admin' ? (
        <div class="admin-secret">
          <p>{t.admin.linkShownOnce(formatInstant(expiresAt))}</p>
          <label for="link">{t.admin.link}</label>
          <input id="link" type="text" readonly value={delivery.link} class="secret" />
        </div>
      ) : (
        <p>{t.admin.linkDelivered(delivery.to)}</p>
      )}
    </AdminShell>
  );
}
