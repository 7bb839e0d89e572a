/**
 * Stamp batches: issuing one for a lot, the batch page (print files, activation, voiding,
 * replacements) and the short-lived downloads of its print files.
 */
import { Hono, type Context } from 'hono';
import { ChooseProducerPage } from '../../../web/pages/portal/ChooseProducerPage';
import type { Values } from '../../../web/pages/portal/Fields';
import { PrintLinkExpiredPage } from '../../../web/pages/portal/PrintLinkExpiredPage';
import { StampBatchesPage } from '../../../web/pages/portal/StampBatchesPage';
import { StampBatchPage, type BatchForm } from '../../../web/pages/portal/StampBatchPage';
import { StampIssuePage } from '../../../web/pages/portal/StampIssuePage';
import type { LotPage } from '../../data/lots';
import { findProducerName } from '../../data/producers';
import { listProducerBatches, type PortalBatch } from '../../data/stamp-batches';
import { PRINT_FILE_NAME, PRINT_LINK_TTL_SECONDS } from '../../domain/print-link';
import { MAX_STAMPS_PER_BATCH } from '../../domain/stamp-batch';
import type { AppEnv } from '../../lib/context';
import { readForm } from '../../lib/form-body';
import { csrfToken } from '../../lib/csrf';
import { AppError, notFound } from '../../lib/errors';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { labelsPerSheet } from '../../print/stamp-sheet';
import { pick } from '../../presenters/catalogue';
import { sheetOptions, toStampBatchRows, toStampBatchView } from '../../presenters/stamps';
import {
  activateFromPortal,
  issueBatchForLot,
  printableSerial,
  reprintVoided,
  voidFromPortal,
} from '../../services/stamp-batches';
import { batchPrintLinks, buildPrintFile, checkPrintRequest, printLinkPath } from '../../services/stamp-prints';
import {
  activateForm,
  CUSTOM_SHEET,
  customLayoutKeys,
  issueForm,
  printLinkQuery,
  reprintForm,
  stampImageQuery,
  voidForm,
} from '../../schemas/traceability';
import { ownedBatch, ownedLot, producerInScope, producerParamOf, signedInUser } from './scope';

export const stampBatchPages = new Hono<AppEnv>();

const BATCH = '/stamp-batches/:id{[0-9]+}';

const producerNameOf = async (c: Context<AppEnv>, producerId: number) => {
  const name = await findProducerName(c.var.db, producerId);
  if (name === null) throw notFound();
  return name;
};

stampBatchPages.get('/stamp-batches', async (c) => {
  const scope = producerInScope(c);
  if (!scope) return c.html(<ChooseProducerPage ctx={pageContext(c)} action="/portal/stamp-batches" />);
  const [producerName, batches] = await Promise.all([
    producerNameOf(c, scope.producerId),
    listProducerBatches(c.var.db, scope.producerId),
  ]);
  return c.html(
    <StampBatchesPage
      ctx={pageContext(c)}
      producerName={producerName}
      producerParam={scope.producerParam}
      batches={toStampBatchRows(batches)}
    />,
  );
});

// ---------------------------------------------------------------- issuing

function renderIssue(c: Context<AppEnv>, page: LotPage, values: Values, refusal?: Refusal) {
  const ctx = pageContext(c);
  const { t, locale } = ctx;
  const { lot } = page;
  return c.html(
    <StampIssuePage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      lot={{ id: lot.id, code: lot.lotCode, productName: pick(locale, lot.productName, lot.productNameEn) }}
      producerName={lot.producerName}
      producerParam={producerParamOf(c, lot.producerId)}
      sheets={sheetOptions(t, CUSTOM_SHEET)}
      customFields={customLayoutKeys.map((name) => ({ name, label: t.portal.stamps[name] }))}
      maxQuantity={MAX_STAMPS_PER_BATCH}
      values={values}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

stampBatchPages.get('/lots/:id{[0-9]+}/stamp-batches/new', async (c) =>
  renderIssue(c, await ownedLot(c), { sheetPreset: 'a4-40', withPin: '1' }),
);

stampBatchPages.post('/lots/:id{[0-9]+}/stamp-batches', async (c) => {
  const page = await ownedLot(c);
  const { t } = c.var;
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const request = parseInput(c, issueForm(t), body);
      const { lot } = page;
      const batchId = await issueBatchForLot(
        { db: c.var.db, env: c.env },
        { id: lot.id, productId: lot.productId, gtin: lot.gtin, lotCode: lot.lotCode },
        request,
        { issuedBy: signedInUser(c).id, pinLabel: t.portal.stamps.sheetTexts.pin },
      );
      return c.redirect(`/portal/stamp-batches/${batchId}?issued=${request.quantity}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderIssue(c, page, typedValues(body), refusal),
  );
});

// ---------------------------------------------------------------- the batch page

function batchNotice(c: Context<AppEnv>): string | undefined {
  const s = c.var.t.portal.stamps;
  const count = (name: string) => {
    const value = c.req.query(name);
    return value && /^\d{1,6}$/.test(value) ? Number(value) : null;
  };
  const issued = count('issued');
  if (issued !== null) return s.issued(issued);
  const activated = count('activated');
  if (activated !== null) return s.activated(activated);
  const voided = count('voided');
  if (voided !== null) return s.voided(voided);
  const reprinted = count('reprinted');
  if (reprinted !== null) return s.reprinted(reprinted);
  return undefined;
}

async function renderBatch(
  c: Context<AppEnv>,
  data: PortalBatch,
  failed?: { form: BatchForm; values: Values } & Refusal,
) {
  const now = new Date();
  const userId = signedInUser(c).id;
  const [producerName, links] = await Promise.all([
    producerNameOf(c, data.batch.producerId),
    batchPrintLinks(c.env, data, userId, now),
  ]);
  const view = toStampBatchView(data, links, {
    producerName,
    producerParam: producerParamOf(c, data.batch.producerId),
    t: c.var.t,
    now,
  });
  return c.html(
    <StampBatchPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      view={view}
      failed={failed}
      notice={failed ? undefined : batchNotice(c)}
    />,
    failed?.status ?? StatusCodes.OK,
  );
}

stampBatchPages.get(BATCH, async (c) => renderBatch(c, await ownedBatch(c)));

/** Runs one of the batch page's forms; a refusal shows the page again with that form's issues. */
async function batchForm(
  c: Context<AppEnv>,
  form: (body: Record<string, unknown>) => BatchForm,
  action: (data: PortalBatch, body: Record<string, unknown>) => Promise<{ notice: string; count: number }>,
) {
  const data = await ownedBatch(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      const done = await action(data, body);
      return c.redirect(`/portal/stamp-batches/${data.batch.id}?${done.notice}=${done.count}`, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderBatch(c, data, { form: form(body), values: typedValues(body), ...refusal }),
  );
}

stampBatchPages.post(`${BATCH}/activate`, (c) =>
  batchForm(
    c,
    (body) => (body.scope === 'sheet' ? 'activate-sheet' : 'activate-batch'),
    async (data, body) => {
      const request = parseInput(c, activateForm(c.var.t), body);
      const activated = await activateFromPortal(
        { db: c.var.db, env: c.env },
        { batchId: data.batch.id, lastSheet: data.lastSheet },
        request,
        signedInUser(c).id,
      );
      return { notice: 'activated', count: activated };
    },
  ),
);

stampBatchPages.post(`${BATCH}/void`, (c) =>
  batchForm(
    c,
    () => 'void',
    async (data, body) => {
      const { serials } = parseInput(c, voidForm(c.var.t), body);
      return { notice: 'voided', count: await voidFromPortal(c.var.db, data.batch.id, serials, signedInUser(c).id) };
    },
  ),
);

stampBatchPages.post(`${BATCH}/reprint`, (c) =>
  batchForm(
    c,
    () => 'reprint',
    async (data, body) => {
      const { count } = parseInput(c, reprintForm(c.var.t), body);
      const layout = data.batch.sheetLayout;
      if (!layout) throw notFound();
      const stamps = await reprintVoided(
        { db: c.var.db, env: c.env },
        { batchId: data.batch.id, count, labelsPerSheet: labelsPerSheet(layout), issuedBy: signedInUser(c).id },
      );
      return { notice: 'reprinted', count: stamps.length };
    },
  ),
);

/** One stamp's image: the form names a serial, the answer is a fresh short-lived link to it. */
stampBatchPages.get(`${BATCH}/stamp`, async (c) => {
  const data = await ownedBatch(c);
  const query = c.req.query();
  return submitForm(
    c,
    async () => {
      const { serial, format } = parseInput(c, stampImageQuery, query);
      const printable = await printableSerial(c.var.db, data.batch.id, serial);
      const link = await printLinkPath(c.env, signedInUser(c).id, data.batch.id, `${printable}.${format}`, new Date());
      return c.redirect(link, StatusCodes.SEE_OTHER);
    },
    (refusal) => renderBatch(c, data, { form: 'image', values: query, ...refusal }),
  );
});

// ---------------------------------------------------------------- downloads

stampBatchPages.get(`${BATCH}/files/:file`, async (c) => {
  const data = await ownedBatch(c);
  const { batch } = data;
  const file = c.req.param('file');
  if (!PRINT_FILE_NAME.test(file)) throw notFound();
  const query = printLinkQuery.safeParse(c.req.query());
  if (!query.success) throw new AppError('forbidden', { detail: 'not a print link' });
  const { v, exp, sig } = query.data;
  const now = new Date();
  const claims = { userId: signedInUser(c).id, batchId: batch.id, file, expires: exp, keyVersion: v };
  if ((await checkPrintRequest(c.env, claims, sig, now)) === 'expired') {
    return c.html(
      <PrintLinkExpiredPage ctx={pageContext(c)} batchId={batch.id} minutes={PRINT_LINK_TTL_SECONDS / 60} />,
      StatusCodes.GONE,
    );
  }
  const built = await buildPrintFile(
    { db: c.var.db, env: c.env },
    data,
    file,
    { producerName: await producerNameOf(c, batch.producerId), texts: c.var.t.portal.stamps.sheetTexts },
    now,
  );
  // PINs that went since the page was drawn: the batch page now says what can still be printed.
  if (!built) return c.redirect(`/portal/stamp-batches/${batch.id}`, StatusCodes.SEE_OTHER);
  const body = typeof built.body === 'string' ? built.body : (built.body as Uint8Array<ArrayBuffer>);
  return c.body(body, StatusCodes.OK, {
    'Content-Type': built.type,
    'Content-Disposition': `attachment; filename="${built.filename}"`,
    'Cache-Control': 'private, no-store',
  });
});
