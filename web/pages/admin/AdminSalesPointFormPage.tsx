import type { FieldIssue } from '../../../worker/domain/errors';
import type { Role } from '../../../worker/domain/policy';
import { SalesPointFields, salesPointFieldLabels, type SalesPointChoices } from '../../components/SalesPointFields';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, type Values } from '../portal/Fields';
import { AdminShell, CsrfField } from './AdminShell';

interface AdminSalesPointFormPageProps {
  ctx: PageContext;
  role: Role;
  csrfToken: string;
  /** The point being edited, or null for a new one. */
  point: { id: number; name: string } | null;
  choices: SalesPointChoices;
  values: Values;
  issues: FieldIssue[];
}

export function AdminSalesPointFormPage({
  ctx,
  role,
  csrfToken,
  point,
  choices,
  values,
  issues,
}: AdminSalesPointFormPageProps) {
  const { t } = ctx;
  const a = t.adminSalesPoints;
  const title = point ? a.editTitle(point.name) : a.newTitle;
  const action = point ? `/admin/sales-points/${point.id}` : '/admin/sales-points';
  return (
    <AdminShell ctx={ctx} role={role} section="salesPoints" title={title}>
      <p>
        <a href={localHref(ctx, point ? `/admin/sales-points/${point.id}` : '/admin/sales-points')}>
          ← {point ? point.name : a.back}
        </a>
      </p>
      <ErrorSummary ctx={ctx} issues={issues} labels={salesPointFieldLabels(t)} />
      <form method="post" action={localHref(ctx, action)} class="stack point-form">
        <CsrfField token={csrfToken} />
        <SalesPointFields ctx={ctx} choices={choices} values={values} issues={issues} />
        <button type="submit" class="button">
          {t.salesPointForm.save}
        </button>
      </form>
    </AdminShell>
  );
}
