import type { Role } from '../../../worker/domain/policy';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { AdminShell } from './AdminShell';

interface AdminHomePageProps {
  ctx: PageContext;
  role: Role;
  name: string;
  /** Producers' sales point proposals waiting for a decision. */
  waitingProposals: number;
}

export function AdminHomePage({ ctx, role, name, waitingProposals }: AdminHomePageProps) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} role={role} section="home" title={t.admin.title}>
      <p class="lead">{t.admin.welcome(name)}</p>
      <h2>{t.adminCertifications.homeTitle}</h2>
      <p>{t.adminCertifications.homeIntro}</p>
      <ul class="admin-links">
        <li>
          <a href={localHref(ctx, '/admin/certifications/overview')}>{t.adminCertifications.nav.overview}</a>
        </li>
        {role === 'admin' ? (
          <>
            <li>
              <a href={localHref(ctx, '/admin/certifications')}>{t.adminCertifications.nav.list}</a>
            </li>
            <li>
              <a href={localHref(ctx, '/admin/certifications/upload')}>{t.adminCertifications.nav.upload}</a>
            </li>
          </>
        ) : null}
      </ul>
      <h2>{t.admin.tradePromotion}</h2>
      <p>{t.admin.tradePromotionIntro}</p>
      <ul class="admin-links">
        <li>
          <a href={localHref(ctx, '/admin/sales-points')}>{t.admin.salesPoints}</a>
          {waitingProposals > 0 ? (
            <>
              {' · '}
              <a href={localHref(ctx, '/admin/sales-points', { status: 'proposed' })}>
                {t.admin.waitingProposals(waitingProposals)}
              </a>
            </>
          ) : null}
        </li>
        <li>
          <a href={localHref(ctx, '/admin/sales-points/new')}>{t.adminSalesPoints.add}</a>
        </li>
        <li>
          <a href={localHref(ctx, '/admin/fairs')}>{t.admin.fairs}</a>
        </li>
      </ul>
      {role === 'admin' ? (
        <>
          <h2>{t.admin.administration}</h2>
          <ul class="admin-links">
            <li>
              <a href={localHref(ctx, '/admin/users')}>{t.admin.users}</a>
            </li>
            <li>
              <a href={localHref(ctx, '/admin/invitations/new')}>{t.admin.invite}</a>
            </li>
            <li>
              <a href={localHref(ctx, '/admin/organisations')}>{t.admin.organisations}</a>
            </li>
            <li>
              <a href={localHref(ctx, '/admin/api-tokens')}>{t.admin.apiTokens}</a>
            </li>
            <li>
              <a href={localHref(ctx, '/admin/audit')}>{t.admin.audit}</a>
            </li>
          </ul>
        </>
      ) : null}
    </AdminShell>
  );
}
