/**
 * A producer's changes to one product's listing: stock adjustments (checked against what the
 * page read, and again by the database under concurrency) and photos, which live in R2 with a
 * row in D1. A photo is stored before its row and removed again if the row cannot be written, and
 * its row goes before its object, so no page ever points at a missing photo.
 */
import type { Database } from '../data/db';
import { addImage, adjustStock, removeImage, type ProductForEdit } from '../data/products';
import { problem, refused } from '../domain/errors';
import { adjustedStock, storedReason, type StockReason } from '../domain/inventory';
import type { PhotoUpload } from './photo-upload';
import { deleteObjects, publicPhotoKeyOf, publicPhotoUrl, putProductPhoto } from '../storage/media-bucket';

export interface StockRequest {
  /** A pack size's id, or null for the product itself. */
  target: number | null;
  delta: number;
  reason: StockReason;
  note: string | null;
}

/** Adjusts the stock of the product or one of its pack sizes; never below zero. */
export async function adjustProductStock(db: Database, page: ProductForEdit, request: StockRequest, userId: number) {
  const variant = request.target === null ? null : page.variants.find((v) => v.id === request.target);
  if (variant === undefined) throw refused(problem('target', 'unknown_variant'));
  if (variant === null && page.variants.length > 0) throw refused(problem('target', 'stock_from_variants'));
  const current = variant ? variant.stock : page.product.stock;
  if (adjustedStock(current, request.delta) === null) {
    throw refused(problem('delta', 'stock_below_zero', { stock: current }));
  }
  await adjustStock(
    db,
    { userId },
    {
      productId: page.product.id,
      variantId: variant ? variant.id : null,
      delta: request.delta,
      reason: storedReason(request.reason, request.note),
    },
  );
}

export async function addProductPhoto(
  deps: { db: Database; bucket: R2Bucket },
  productId: number,
  photo: PhotoUpload & { altVi: string; altEn: string | null },
  userId: number,
): Promise<void> {
  const { bytes, type } = photo;
  const key = await putProductPhoto(deps.bucket, bytes, type);
  try {
    await addImage(deps.db, { userId }, productId, {
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
}

export async function removeProductPhoto(
  deps: { db: Database; bucket: R2Bucket },
  image: ProductForEdit['images'][number],
  userId: number,
): Promise<void> {
  await removeImage(deps.db, { userId }, image);
  const key = publicPhotoKeyOf(image.url);
  if (key) await deleteObjects(deps.bucket, [key]);
}
