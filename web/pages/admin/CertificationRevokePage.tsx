import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, Field, type Values } from '../portal/Fields';
import { AdminShell, CsrfField } from './AdminShell';
import type { CertificationRowView } from './CertificationTable';

interface CertificationRevokePageProps {
  ctx: PageContext;
  csrfToken: string;
  certification: CertificationRowView;
  /** A refused submission: its problems and the values as typed. */
  failed?: { issues: FieldIssue[]; values: Values } | undefined;
}

export function CertificationRevokePage({ ctx, csrfToken, certification, failed }: CertificationRevokePageProps) {
  const { t } = ctx;
  const tr = t.adminCertifications.revoke;
  const tl = t.adminCertifications.list;
  const issues = failed?.issues ?? [];
  const values = failed?.values ?? {};
  return (
    <AdminShell ctx={ctx} role="admin" section="certifications" title={tr.title(certification.decisionNumber)}>
      <ErrorSummary ctx={ctx} issues={issues} labels={{ reason: tr.reason, decisionNumber: tr.decisionNumber }} />
      <dl class="facts">
        <dt>{tl.product}</dt>
        <dd>
          <a href={localHref(ctx, `/products/${certification.productSlug}`)}>{certification.productName}</a>
        </dd>
        <dt>{tl.producer}</dt>
        <dd>{certification.producerName}</dd>
        <dt>{tl.province}</dt>
        <dd>{certification.provinceName}</dd>
        <dt>{tl.stars}</dt>
        <dd>
          {certification.certifies
            ? t.certification.stars(certification.stars)
            : t.certification.belowThreshold(certification.stars)}
        </dd>
        <dt>{tl.decision}</dt>
        <dd>
          {tl.decisionOn(certification.decisionNumber, certification.decisionDate)} · {certification.issuingBody}
        </dd>
        <dt>{tl.validUntil}</dt>
        <dd>{certification.validUntil?.text ?? '—'}</dd>
        <dt>{tl.status}</dt>
        <dd>
          {t.certification.statuses[certification.status]}
          {certification.statusReason ? `: ${certification.statusReason}` : ''}
        </dd>
      </dl>
      {certification.status === 'revoked' ? (
        <p class="notice">{tr.alreadyRevoked}</p>
      ) : (
        <>
          <p>{tr.intro}</p>
          <form method="post" action={`/admin/certifications/${certification.id}/revoke`} class="admin-form">
            <CsrfField token={csrfToken} />
            <Field name="reason" label={tr.reason} values={values} issues={issues} required multiline />
            <Field
              name="decisionNumber"
              label={tr.decisionNumber}
              hint={tr.decisionHint}
              values={values}
              issues={issues}
              required
            />
            <button type="submit" class="button button-danger">
              {tr.submit}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={localHref(ctx, '/admin/certifications')}>{tr.back}</a>
      </p>
    </AdminShell>
  );
}
