/**
 * Fairs: staff create and edit them, publish them and decide on applications (accepting into a
 * booth, rejecting with a reason, or adding an exhibitor themselves); producers apply with the
 * products they will show and may withdraw while undecided. The rules come from
 * worker/domain/fair.ts and fair-application.ts; every write is audited by worker/data/fairs.ts.
 */
import type { Database } from '../data/db';
import {
  acceptExhibitor,
  addExhibitor,
  applyToFair,
  communeInProvince,
  findBooth,
  findExhibitor,
  findFairForEdit,
  findProducerByTaxCodeOrId,
  findProducerExhibitor,
  insertFair,
  listApplicationChoices,
  listEntryProducts,
  rejectExhibitor,
  setFairPublished,
  updateFair,
  withdrawApplication,
  type EntryProductRow,
  type FairRow,
  type FairValues,
} from '../data/fairs';
import { notFound, problem, refused, type FieldProblem } from '../domain/errors';
import { fairScheduleProblems, fairStatus, productEntryDecision, type EntryDecision } from '../domain/fair';
import { applicationRefusal, applicationTransition, canWithdraw, takesExhibitors } from '../domain/fair-application';
import type { FloorBooth } from '../domain/fair-form';
import { SCHEDULE_FIELDS } from '../domain/fair-form';
import { enforce, producerDataAccess, tradePromotionAccess, type Actor } from '../domain/policy';
import { formatDate } from '../domain/time';

interface FairInput {
  values: FairValues;
  booths: FloorBooth[];
}

const statusOn = (fair: FairRow, today: string) => fairStatus(fair, today);

/** The place and dates a fair may be saved with; every problem at once, each naming its field. */
async function checkFair(db: Database, values: FairValues) {
  const problems: FieldProblem[] = [];
  if (values.communeCode !== null && !(await communeInProvince(db, values.provinceCode, values.communeCode))) {
    problems.push(problem('communeCode', 'commune_not_in_province'));
  }
  const hours =
    values.dailyOpens === null && values.dailyCloses === null
      ? null
      : { opens: values.dailyOpens ?? '', closes: values.dailyCloses ?? '' };
  for (const { field, code } of fairScheduleProblems({ ...values, dailyHours: hours })) {
    problems.push(problem(SCHEDULE_FIELDS[field], 'fair_dates_invalid', { rule: code }));
  }
  const [first, ...more] = problems;
  if (first) throw refused(first, ...more);
}

export async function createFair(db: Database, actor: Actor, input: FairInput) {
  enforce(tradePromotionAccess(actor));
  await checkFair(db, input.values);
  return insertFair(db, { userId: actor.id }, input.values, input.booths);
}

/** A fair staff may work on, with its booths. */
export async function fairForStaff(db: Database, actor: Actor, fairId: number) {
  enforce(tradePromotionAccess(actor));
  const found = await findFairForEdit(db, fairId);
  if (!found) throw notFound();
  return found;
}

/** Saves the fair's fields and plan; a booth that holds an exhibitor cannot leave the plan. */
export async function editFair(db: Database, actor: Actor, fairId: number, input: FairInput) {
  const current = await fairForStaff(db, actor, fairId);
  await checkFair(db, input.values);
  const kept = new Set(input.booths.map((booth) => booth.code));
  const held = current.booths.filter((booth) => booth.heldBy !== null && !kept.has(booth.code));
  const [first, ...more] = held.map((booth) => problem('booths', 'booth_in_use', { code: booth.code }));
  if (first) throw refused(first, ...more);
  await updateFair(db, { userId: actor.id }, current, input.values, input.booths);
  return current.fair;
}

export async function publishFair(db: Database, actor: Actor, fairId: number, published: boolean) {
  const { fair } = await fairForStaff(db, actor, fairId);
  if (fair.isPublished !== published) await setFairPublished(db, { userId: actor.id }, fair, published);
  return fair;
}

export type Decision = { action: 'accept'; booth: string } | { action: 'reject'; reason: string };

const notNow = () => refused(problem('status', 'status_not_allowed'));

/** A free booth of the fair by code, or the problem on the booth field. */
async function freeBooth(db: Database, fairId: number, code: string, exhibitorId: number | null) {
  const booth = await findBooth(db, fairId, code);
  if (!booth) throw refused(problem('booth', 'booth_not_in_fair'));
  if (booth.heldBy !== null && booth.heldBy !== exhibitorId) throw refused(problem('booth', 'booth_taken', { code }));
  return booth;
}

/**
 * Accepts an application into a booth (or moves an accepted exhibitor), or rejects it. Two staff
 * assigning one booth at the same moment: both may find it free, the booth's unique index lets
 * exactly one write through, and the other is refused with `booth_taken` on the booth field.
 */
export async function decideApplication(
  db: Database,
  actor: Actor,
  fairId: number,
  exhibitorId: number,
  decision: Decision,
  today: string,
) {
  const { fair } = await fairForStaff(db, actor, fairId);
  const exhibitor = await findExhibitor(db, exhibitorId);
  if (!exhibitor || exhibitor.fairId !== fair.id) throw notFound();
  if (applicationTransition(exhibitor.status, decision.action, statusOn(fair, today)) === null) throw notNow();
  const changed =
    decision.action === 'accept'
      ? await acceptExhibitor(
          db,
          { userId: actor.id },
          exhibitor,
          await freeBooth(db, fair.id, decision.booth, exhibitor.id),
        )
      : await rejectExhibitor(db, { userId: actor.id }, exhibitor, decision.reason);
  if (!changed) throw notNow();
  return fair;
}

/** Whether each of a producer's products may be entered for a fair on its dates. */
export function entryDecisions(rows: EntryProductRow[], fair: Pick<FairRow, 'startsOn' | 'endsOn'>) {
  return rows.map((row) => ({
    row,
    decision:
      row.stars === null || row.status === null || row.validUntil === null
        ? productEntryDecision(null, fair)
        : productEntryDecision({ stars: row.stars, status: row.status, validUntil: row.validUntil }, fair),
  }));
}

/** Staff add an exhibitor themselves: accepted at once into a free booth, with every product it may show. */
export async function addFairExhibitor(
  db: Database,
  actor: Actor,
  fairId: number,
  input: { producer: string; booth: string },
  today: string,
) {
  const { fair } = await fairForStaff(db, actor, fairId);
  if (!takesExhibitors(statusOn(fair, today))) throw notNow();
  const producer = await findProducerByTaxCodeOrId(db, input.producer);
  if (!producer) throw refused(problem('producer', 'unknown_producer'));
  const existing = await findProducerExhibitor(db, fair.id, producer.id);
  if (existing?.status === 'accepted') throw refused(problem('producer', 'already_exhibiting'));
  const booth = await freeBooth(db, fair.id, input.booth, existing?.id ?? null);
  const eligible = entryDecisions(await listEntryProducts(db, producer.id), fair)
    .filter(({ row, decision }) => row.isPublished && decision.allowed)
    .map(({ row }) => row.id);
  await addExhibitor(db, { userId: actor.id }, fair.id, producer.id, booth, eligible);
  return { fair, producer };
}

/** A published fair a producer may look at, with its current status. */
export async function fairForProducer(db: Database, fairId: number, today: string) {
  const found = await findFairForEdit(db, fairId);
  if (!found || !found.fair.isPublished) throw notFound();
  return { fair: found.fair, status: statusOn(found.fair, today) };
}

/** What the application form needs: the fair, and each of the producer's products with whether it may be entered. */
export async function applicationChoices(
  db: Database,
  actor: Actor,
  producerId: number,
  fairId: number,
  today: string,
) {
  enforce(producerDataAccess(actor, producerId));
  const { fair, status } = await fairForProducer(db, fairId, today);
  const choices = await listApplicationChoices(db, producerId);
  if (!choices) throw notFound();
  return {
    fair,
    status,
    producerName: choices.producerName,
    products: entryDecisions(
      choices.products.filter((row) => row.isPublished),
      fair,
    ),
  };
}

const reasonParams = (decision: Exclude<EntryDecision, { allowed: true }>): Record<string, string> => {
  if (decision.reason === 'expired' || decision.reason === 'lapses_during_fair') {
    return { reason: decision.reason, validUntil: formatDate(decision.validUntil) };
  }
  return { reason: decision.reason };
};

/**
 * A producer's application with the products it will show: while the fair takes applications,
 * once, and only with products certified 3 stars or more for every day of the fair; each refused
 * product is named with its reason.
 */
export async function applyForFair(
  db: Database,
  actor: Actor,
  producerId: number,
  fairId: number,
  entry: { productIds: number[]; note: string | null },
  today: string,
) {
  enforce(producerDataAccess(actor, producerId));
  const { fair, status } = await fairForProducer(db, fairId, today);
  const existing = await findProducerExhibitor(db, fair.id, producerId);
  const refusal = applicationRefusal(existing?.status ?? null, status);
  if (refusal) throw refused(problem('fair', refusal));
  const wanted = [...new Set(entry.productIds)];
  if (wanted.length === 0) throw refused(problem('productIds', 'products_required'));
  const own = new Map(
    entryDecisions(await listEntryProducts(db, producerId), fair)
      .filter(({ row }) => row.isPublished)
      .map((entry) => [entry.row.id, entry]),
  );
  const problems: FieldProblem[] = [];
  for (const id of wanted) {
    const found = own.get(id);
    if (!found) problems.push(problem('productIds', 'product_not_own'));
    else if (!found.decision.allowed) {
      problems.push(
        problem('productIds', 'product_not_eligible', { product: found.row.nameVi, ...reasonParams(found.decision) }),
      );
    }
  }
  const [first, ...more] = problems;
  if (first) throw refused(first, ...more);
  await applyToFair(db, { userId: actor.id }, fair.id, producerId, { productIds: wanted, note: entry.note });
  return fair;
}

/** A producer withdraws its own application while staff have not decided it; others' are not found. */
export async function withdrawFairApplication(db: Database, actor: Actor, exhibitorId: number, today: string) {
  const exhibitor = await findExhibitor(db, exhibitorId);
  if (!exhibitor) throw notFound();
  enforce(producerDataAccess(actor, exhibitor.producerId));
  const found = await findFairForEdit(db, exhibitor.fairId);
  if (!found) throw notFound();
  if (!canWithdraw(exhibitor.status, statusOn(found.fair, today))) throw notNow();
  if (!(await withdrawApplication(db, { userId: actor.id }, exhibitor))) throw notNow();
  return exhibitor;
}
