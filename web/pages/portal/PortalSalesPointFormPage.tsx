import type { FieldIssue } from '../../../worker/domain/errors';
import { SalesPointFields, salesPointFieldLabels, type SalesPointChoices } from '../../components/SalesPointFields';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { ErrorSummary, type Values } from './Fields';
import { PortalShell } from './PortalShell';

interface PortalSalesPointFormPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  /** The proposal being edited, or null for a new one. */
  proposal: { id: number; name: string } | null;
  choices: SalesPointChoices;
  values: Values;
  issues: FieldIssue[];
}

export function PortalSalesPointFormPage({
  ctx,
  csrfToken,
  producerName,
  producerParam,
  proposal,
  choices,
  values,
  issues,
}: PortalSalesPointFormPageProps) {
  const { t } = ctx;
  const p = t.portalSalesPoints;
  const title = proposal ? p.editProposalTitle(proposal.name) : p.proposeTitle;
  const link = (path: string) => localHref(ctx, path, { producer: producerParam });
  return (
    <PortalShell
      ctx={ctx}
      title={title}
      section="salesPoints"
      producerName={producerName}
      producerParam={producerParam}
    >
      <p>
        <a href={link(proposal ? `/portal/sales-points/${proposal.id}` : '/portal/sales-points')}>
          ← {proposal ? proposal.name : p.back}
        </a>
      </p>
      <h1>{title}</h1>
      <p>{p.proposeIntro}</p>
      <ErrorSummary ctx={ctx} issues={issues} labels={salesPointFieldLabels(t)} />
      <form
        method="post"
        action={link(proposal ? `/portal/sales-points/${proposal.id}` : '/portal/sales-points')}
        class="stack"
      >
        <input type="hidden" name="_csrf" value={csrfToken} />
        <SalesPointFields ctx={ctx} choices={choices} values={values} issues={issues} />
        <button type="submit" class="button">
          {proposal ? t.salesPointForm.save : t.salesPointForm.propose}
        </button>
      </form>
    </PortalShell>
  );
}
