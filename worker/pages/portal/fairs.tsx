/**
 * A producer's fairs: those taking applications, its own applications with staff's decisions,
 * the application form (each product with whether it may be entered and why not), and
 * withdrawing an application staff have not decided.
 */
import { Hono, type Context } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import { PortalApplyPage, PortalFairsPage } from '../../../web/pages/portal/PortalFairPages';
import { listProducerFairs } from '../../data/fairs';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { notFound } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { toPortalApplyView, toPortalFairsView } from '../../presenters/fairs';
import { applyForm } from '../../schemas/fairs';
import { applicationChoices, applyForFair, withdrawFairApplication } from '../../services/fairs';
import { producerInScope, requiredScope, signedInUser, type ProducerScope } from './scope';

export const fairApplicationPages = new Hono<AppEnv>();

const listPath = (scope: ProducerScope | null, notice: string) =>
  `/portal/fairs?${scope?.producerParam ? `producer=${scope.producerParam}&` : ''}${notice}=1`;

fairApplicationPages.get('/fairs', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/fairs" />);
  const data = await listProducerFairs(c.var.db, scope.producerId, c.var.today);
  if (!data) throw notFound();
  const ctx = pageContext(c);
  const p = ctx.t.portalFairs;
  const notice = c.req.query('applied') ? p.applied : c.req.query('withdrawn') ? p.withdrawn : undefined;
  return c.html(
    <PortalFairsPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerParam={scope.producerParam}
      view={toPortalFairsView(data, ctx.t, ctx.locale, c.var.today)}
      notice={notice}
    />,
  );
});

const fairId = (c: Context<AppEnv>) => Number(c.req.param('id'));
const APPLY = '/fairs/:id{[0-9]+}/apply';

async function renderApply(
  c: Context<AppEnv>,
  scope: ProducerScope,
  sent: { chosen: string[]; values: Record<string, string> },
  refusal?: Refusal,
) {
  const choices = await applicationChoices(c.var.db, signedInUser(c), scope.producerId, fairId(c), c.var.today);
  const ctx = pageContext(c);
  return c.html(
    <PortalApplyPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      producerParam={scope.producerParam}
      view={toPortalApplyView(choices, ctx.t, ctx.locale)}
      chosen={sent.chosen}
      values={sent.values}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

fairApplicationPages.get(APPLY, (c) => renderApply(c, requiredScope(c), { chosen: [], values: {} }));

fairApplicationPages.post(APPLY, async (c) => {
  const scope = requiredScope(c);
  // `all`: the ticked products come as repeated fields.
  const body = await readForm(c, { all: true });
  const chosen = [body.productIds ?? []].flat().filter((value): value is string => typeof value === 'string');
  return submitForm(
    c,
    async () => {
      const entry = parseInput(c, applyForm, body);
      await applyForFair(c.var.db, signedInUser(c), scope.producerId, fairId(c), entry, c.var.today);
      return c.redirect(listPath(scope, 'applied'), StatusCodes.SEE_OTHER);
    },
    (refusal) => renderApply(c, scope, { chosen, values: typedValues(body) }, refusal),
  );
});

fairApplicationPages.post('/fair-applications/:id{[0-9]+}/withdraw', async (c) => {
  await withdrawFairApplication(c.var.db, signedInUser(c), Number(c.req.param('id')), c.var.today);
  return c.redirect(listPath(producerInScope(c), 'withdrawn'), StatusCodes.SEE_OTHER);
});
