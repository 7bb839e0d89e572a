import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import type { FieldIssue } from '../../../worker/domain/errors';
import { Checkbox } from './ChoiceFields';
import { ErrorSummary, Field, type Values } from './Fields';
import { PortalShell } from './PortalShell';

interface ShippingPageProps {
  ctx: PageContext;
  csrfToken: string;
  producerName: string;
  producerParam?: number | undefined;
  values: Values;
  issues: FieldIssue[];
  notice?: string | undefined;
}

/** The producer's shipping rule: a flat fee per order part, free from a subtotal, or pick-up only. */
export function ShippingPage(props: ShippingPageProps) {
  const { ctx, values, issues } = props;
  const { t } = ctx;
  const s = t.portal.shipping;
  return (
    <PortalShell
      ctx={ctx}
      title={s.title}
      section="shipping"
      producerName={props.producerName}
      producerParam={props.producerParam}
      notice={props.notice}
    >
      <h1>{s.title}</h1>
      <p class="hint">{s.intro}</p>
      {values.ships === '1' ? null : <p class="alert alert-error">{s.notShipping}</p>}
      <ErrorSummary ctx={ctx} issues={issues} labels={{ flatFee: s.flatFee, freeFrom: s.freeFrom }} />
      <form
        method="post"
        action={localHref(ctx, '/portal/shipping', { producer: props.producerParam })}
        class="portal-card stack"
      >
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <Checkbox name="ships" label={s.ships} checked={values.ships === '1'} issues={issues} />
        <Field
          name="flatFee"
          label={s.flatFee}
          hint={s.flatFeeHint}
          values={values}
          issues={issues}
          inputmode="numeric"
        />
        <Field
          name="freeFrom"
          label={s.freeFrom}
          hint={s.freeFromHint}
          values={values}
          issues={issues}
          inputmode="numeric"
        />
        <button type="submit">{t.portal.save}</button>
      </form>
    </PortalShell>
  );
}
