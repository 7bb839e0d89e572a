/**
 * Sales points as staff and producers change them: staff create, edit, close and reopen points and
 * decide on producers' proposals; a producer proposes points, edits a proposal until staff decide,
 * and keeps its own products listed at active points; staff keep any point's products. Every
 * change is checked here against the rules of worker/domain/sales-point.ts and written by
 * worker/data/sales-points.ts with its audit entry in the same batch.
 *
 * Photos live in R2 with a row in D1: the object is stored before its row and removed again if the
 * row cannot be written; a removed photo's row goes before its object, so no page points at nothing.
 */
import type { Database } from '../data/db';
import {
  addSalesPointPhoto,
  changeSalesPointStatus,
  communesOfProvince,
  findPointProducer,
  findSalesPoint,
  findSalesPointRow,
  insertSalesPoint,
  producerProductsForStocking,
  productsForStocking,
  removeSalesPointPhoto,
  removeStockLine,
  salesPointFormData,
  searchProductsForStocking,
  updateSalesPoint,
  upsertStockLine,
  type SalesPointRow,
  type SalesPointValues,
} from '../data/sales-points';
import { notFound, problem, refused } from '../domain/errors';
import {
  enforce,
  portalSalesPointAccess,
  producerDataAccess,
  proposalEditAccess,
  tradePromotionAccess,
  type Actor,
} from '../domain/policy';
import {
  actionNeedsReason,
  isEditableProposal,
  salesPointTransition,
  stockRefusal,
  type SalesPointAction,
} from '../domain/sales-point';
import { ftsMatchExpression } from '../domain/text';
import { deleteObjects, publicPhotoKeyOf, publicPhotoUrl, putSalesPointPhoto } from '../storage/media-bucket';
import type { PhotoUpload } from './photo-upload';

interface Deps {
  db: Database;
  bucket: R2Bucket;
}

const actorOf = (user: Actor) => ({ userId: user.id });

async function existingPoint(db: Database, pointId: number): Promise<SalesPointRow> {
  const point = await findSalesPointRow(db, pointId);
  if (!point) throw notFound();
  return point;
}

/** The commune, when one is given, must be one of the province's in the official list. */
async function checkPlace(db: Database, fields: SalesPointValues) {
  if (fields.communeCode === null) return;
  const communes = await communesOfProvince(db, fields.provinceCode);
  if (!communes.some((commune) => commune.code === fields.communeCode)) {
    throw refused(problem('communeCode', 'commune_not_in_province'));
  }
}

/** Staff add a point: active at once. */
export async function createSalesPoint(db: Database, user: Actor, fields: SalesPointValues) {
  enforce(tradePromotionAccess(user));
  await checkPlace(db, fields);
  return insertSalesPoint(db, actorOf(user), fields, { status: 'active' });
}

/** A producer proposes a point; it stays out of public view until staff approve it. */
export async function proposeSalesPoint(db: Database, user: Actor, producerId: number, fields: SalesPointValues) {
  enforce(producerDataAccess(user, producerId));
  await checkPlace(db, fields);
  return insertSalesPoint(db, actorOf(user), fields, { status: 'proposed', producerId });
}

/** Staff change any point's fields, whatever its status. */
export async function editSalesPoint(db: Database, user: Actor, pointId: number, fields: SalesPointValues) {
  enforce(tradePromotionAccess(user));
  const point = await existingPoint(db, pointId);
  await checkPlace(db, fields);
  await updateSalesPoint(db, actorOf(user), point, fields);
  return point;
}

/** A producer changes its own proposal, until staff approve or reject it. */
export async function editProposal(db: Database, user: Actor, pointId: number, fields: SalesPointValues) {
  const point = await existingPoint(db, pointId);
  enforce(proposalEditAccess(user, point));
  if (!isEditableProposal(point.status)) throw refused(problem('status', 'status_not_allowed'));
  await checkPlace(db, fields);
  await updateSalesPoint(db, actorOf(user), point, fields, 'proposed');
  return point;
}

/** Approve or reject a proposal, close or reopen a point; the reason is kept and shown to the proposer. */
export async function decideSalesPoint(
  db: Database,
  user: Actor,
  pointId: number,
  decision: { action: SalesPointAction; reason: string | null },
) {
  enforce(tradePromotionAccess(user));
  const point = await existingPoint(db, pointId);
  const to = salesPointTransition(point.status, decision.action);
  if (to === null) throw refused(problem('action', 'status_not_allowed'));
  if (actionNeedsReason(decision.action) && decision.reason === null) {
    throw refused(problem('reason', 'reason_required'));
  }
  await changeSalesPointStatus(db, actorOf(user), point, to, decision.reason);
  return { ...point, status: to };
}

export interface StockRequest {
  productId: number;
  price: number | null;
  /** Confirm today (Vietnam date) that the point has the product in stock. */
  confirmed: boolean;
  remove: boolean;
}

/**
 * Who keeps a point's products: staff any product at any point; a producer (or an administrator
 * in the portal acting for it) only its own products, and only at active points.
 */
export type Stocker = { as: 'staff' } | { as: 'producer'; producerId: number };

export async function saveStockLine(
  db: Database,
  user: Actor,
  pointId: number,
  request: StockRequest,
  stocker: Stocker,
  today: string,
) {
  const point = await existingPoint(db, pointId);
  if (stocker.as === 'staff') enforce(tradePromotionAccess(user));
  else enforce(portalSalesPointAccess(user, point));
  const [product] = await productsForStocking(db, [request.productId]);
  if (!product) throw refused(problem('productId', 'unknown_product'));
  if (stocker.as === 'producer') {
    // Another organisation's product is answered as if it did not exist, as everywhere in the portal.
    enforce(producerDataAccess(user, product.producerId));
    if (product.producerId !== stocker.producerId) throw refused(problem('productId', 'product_not_own'));
    if (point.status !== 'active') throw refused(problem('productId', 'status_not_allowed'));
  }
  if (request.remove) {
    await removeStockLine(db, actorOf(user), point.id, product.id);
    return { point, product, removed: true };
  }
  const refusal = stockRefusal(product, today);
  if (refusal) throw refused(problem('productId', 'product_not_stockable', { ...refusal }));
  await upsertStockLine(db, actorOf(user), point.id, {
    productId: product.id,
    price: request.price,
    confirmedOn: request.confirmed ? today : null,
  });
  return { point, product, removed: false };
}

export async function addPointPhoto(
  deps: Deps,
  user: Actor,
  pointId: number,
  photo: PhotoUpload & { altVi: string; altEn: string | null },
) {
  enforce(tradePromotionAccess(user));
  const point = await existingPoint(deps.db, pointId);
  const key = await putSalesPointPhoto(deps.bucket, photo.bytes, photo.type);
  try {
    await addSalesPointPhoto(deps.db, actorOf(user), point.id, {
      url: publicPhotoUrl(key),
      altVi: photo.altVi,
      altEn: photo.altEn,
      width: photo.width,
      height: photo.height,
    });
  } catch (error) {
    // No row points at the object: remove it rather than keep an orphan.
    await deleteObjects(deps.bucket, [key]);
    throw error;
  }
  return point;
}

export async function removePointPhoto(deps: Deps, user: Actor, pointId: number, photoId: number, today: string) {
  enforce(tradePromotionAccess(user));
  const page = await findSalesPoint(deps.db, String(pointId), today);
  const photo = page?.photos.find((p) => p.id === photoId);
  if (!page || !photo) throw notFound();
  await removeSalesPointPhoto(deps.db, actorOf(user), photo);
  const key = publicPhotoKeyOf(photo.url);
  if (key) await deleteObjects(deps.bucket, [key]);
  return page.point;
}

/**
 * A point's staff page: the point with its photos and products, the products matching `query` to
 * add, and the product a refused stock form named (so the page says why beside it).
 */
export async function staffPointPage(
  db: Database,
  user: Actor,
  pointId: number,
  today: string,
  request: { query: string | null; productId: number | null },
) {
  enforce(tradePromotionAccess(user));
  const match = request.query ? ftsMatchExpression(request.query) : null;
  const [page, found, named] = await Promise.all([
    findSalesPoint(db, String(pointId), today),
    match ? searchProductsForStocking(db, match) : Promise.resolve([]),
    request.productId ? productsForStocking(db, [request.productId]) : Promise.resolve([]),
  ]);
  if (!page) throw notFound();
  const matches = [...named.filter((product) => !found.some((other) => other.id === product.id)), ...found];
  return { page, matches };
}

/** A point in the producer portal: the point, and the organisation's products with whether each may be listed. */
export async function portalPointPage(db: Database, user: Actor, producerId: number, pointId: number, today: string) {
  const [page, own, producer] = await Promise.all([
    findSalesPoint(db, String(pointId), today),
    producerProductsForStocking(db, producerId),
    findPointProducer(db, producerId),
  ]);
  if (!page || !producer) throw notFound();
  enforce(portalSalesPointAccess(user, page.point));
  return { page, own, producer };
}

/**
 * A producer's proposal form: a new proposal of `target.producerId` (starting in its own province),
 * or the proposal `target.pointId`, shown for the organisation that made it. The communes listed
 * are those of `provinceCode` when the form chose one.
 */
export async function proposalFormData(
  db: Database,
  user: Actor,
  target: { producerId: number } | { pointId: number },
  provinceCode: string | null,
) {
  if ('producerId' in target) {
    enforce(producerDataAccess(user, target.producerId));
    const producer = await findPointProducer(db, target.producerId);
    if (!producer) throw notFound();
    const data = await salesPointFormData(db, null, provinceCode ?? producer.provinceCode);
    return { ...data, producer };
  }
  const data = await salesPointFormData(db, target.pointId, provinceCode);
  if (!data.point) throw notFound();
  enforce(proposalEditAccess(user, data.point));
  const producer = data.point.proposedByProducerId
    ? await findPointProducer(db, data.point.proposedByProducerId)
    : null;
  if (!producer) throw notFound();
  return { ...data, producer };
}
