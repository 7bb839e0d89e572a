/** Editing one product: listing details, visibility, pack sizes, stock and photos. */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PortalProductEditPage, type FailedForm } from '../../../web/pages/portal/PortalProductEditPage';
import {
  addImage,
  addVariant,
  adjustStock,
  isUniqueViolation,
  removeImage,
  setPublished,
  updateListing,
  updateVariant,
  type ProductForEdit,
} from '../../data/portal';
import { adjustedStock, storedReason } from '../../domain/inventory';
import { MAX_PHOTO_BYTES, mediaKeyOf, photoKey, sniffPhotoType } from '../../domain/media';
import type { AppEnv } from '../../lib/context';
import { csrfToken } from '../../lib/csrf';
import { purgeProductPages } from '../../lib/edge-cache';
import { notFound, type FieldIssue } from '../../lib/errors';
import { readForm } from '../../lib/form-body';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { listingForm, photoFields, publishForm, stockForm, variantForm } from '../../schemas/portal';
import { provinceName } from '../present';
import { toProductEditView } from './present';
import { ownedProduct, signedInUser, typedValues, validateForm } from './scope';

export const productEditing = new Hono<AppEnv>();

const PRODUCT = '/products/:id{[0-9]+}';

function renderEdit(
  c: Context<AppEnv>,
  page: ProductForEdit,
  failed?: FailedForm,
  status: ContentfulStatusCode = StatusCodes.OK,
) {
  const ctx = pageContext(c);
  return c.html(
    <PortalProductEditPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      view={toProductEditView(page, ctx.t, ctx.locale, c.var.today)}
      failed={failed}
      notice={c.req.query('saved') ? ctx.t.portal.saved : undefined}
      producerParam={signedInUser(c).role === 'admin' ? page.product.producerId : undefined}
    />,
    status,
  );
}

const refuse = (
  c: Context<AppEnv>,
  page: ProductForEdit,
  form: string,
  body: Record<string, unknown>,
  issues: FieldIssue[],
  status: ContentfulStatusCode = StatusCodes.BAD_REQUEST,
) => renderEdit(c, page, { form, issues, values: typedValues(body) }, status);

const backToProduct = (c: Context<AppEnv>, page: ProductForEdit) => {
  c.executionCtx.waitUntil(purgeProductPages(c, page.product));
  return c.redirect(`/portal/products/${page.product.id}?saved=1`, StatusCodes.SEE_OTHER);
};

const actorOf = (c: Context<AppEnv>) => ({ userId: signedInUser(c).id });

productEditing.get(PRODUCT, async (c) => renderEdit(c, await ownedProduct(c)));

productEditing.post(PRODUCT, async (c) => {
  const page = await ownedProduct(c);
  const body = await readForm(c);
  const form = validateForm(c, listingForm(c.var.t), body);
  if (!form.ok) return refuse(c, page, 'listing', body, form.issues);
  const { price, ...details } = form.data;
  // With pack sizes the catalogue price follows the variants, so a posted price is not the product's to set.
  const change = page.variants.length > 0 ? details : { ...details, price };
  await updateListing(c.var.db, actorOf(c), page.product, change, {
    nameEn: change.nameEn,
    producerName: page.producer.name,
    provinceName: provinceName(page.product.provinceCode, 'vi'),
    groupName: page.group.nameVi,
  });
  return backToProduct(c, page);
});

productEditing.post(`${PRODUCT}/publish`, async (c) => {
  const page = await ownedProduct(c);
  const body = await readForm(c);
  const form = validateForm(c, publishForm, body);
  if (!form.ok) return refuse(c, page, 'publish', body, form.issues);
  await setPublished(c.var.db, actorOf(c), page.product.id, form.data.published);
  return backToProduct(c, page);
});

productEditing.post(`${PRODUCT}/variants`, async (c) => {
  const page = await ownedProduct(c);
  const body = await readForm(c);
  const form = validateForm(c, variantForm(c.var.t), body);
  if (!form.ok) return refuse(c, page, 'variant-new', body, form.issues);
  try {
    await addVariant(c.var.db, actorOf(c), page.product.id, form.data);
  } catch (error) {
    if (!isUniqueViolation(error, 'product_variants', 'gtin')) throw error;
    const issue = { field: 'gtin', message: c.var.t.portal.fieldErrors.gtinTaken };
    return refuse(c, page, 'variant-new', body, [issue], StatusCodes.CONFLICT);
  }
  return backToProduct(c, page);
});

productEditing.post(`${PRODUCT}/variants/:variantId{[0-9]+}`, async (c) => {
  const page = await ownedProduct(c);
  const variant = page.variants.find((v) => v.id === Number(c.req.param('variantId')));
  if (!variant) throw notFound();
  const body = await readForm(c);
  const formName = `variant-${variant.id}`;
  const form = validateForm(c, variantForm(c.var.t), body);
  if (!form.ok) return refuse(c, page, formName, body, form.issues);
  try {
    await updateVariant(c.var.db, actorOf(c), variant, form.data);
  } catch (error) {
    if (!isUniqueViolation(error, 'product_variants', 'gtin')) throw error;
    const issue = { field: 'gtin', message: c.var.t.portal.fieldErrors.gtinTaken };
    return refuse(c, page, formName, body, [issue], StatusCodes.CONFLICT);
  }
  return backToProduct(c, page);
});

/** The history row refuses a negative stock (see adjustStock): an adjustment that raced another. */
const wentNegative = (error: unknown) =>
  error instanceof Error && error.message.includes('NOT NULL constraint failed: stock_adjustments.stock_after');

productEditing.post(`${PRODUCT}/stock`, async (c) => {
  const page = await ownedProduct(c);
  const body = await readForm(c);
  const { t } = c.var;
  const form = validateForm(c, stockForm(t), body);
  if (!form.ok) return refuse(c, page, 'stock', body, form.issues);
  const { target, delta, reason, note } = form.data;

  const variant = target === null ? null : page.variants.find((v) => v.id === target);
  if (variant === undefined) {
    return refuse(c, page, 'stock', body, [{ field: 'target', message: t.portal.fieldErrors.unknownVariant }]);
  }
  if (variant === null && page.variants.length > 0) {
    return refuse(c, page, 'stock', body, [{ field: 'target', message: t.portal.fieldErrors.stockFromVariants }]);
  }
  const current = variant ? variant.stock : page.product.stock;
  if (adjustedStock(current, delta) === null) {
    return refuse(c, page, 'stock', body, [{ field: 'delta', message: t.portal.fieldErrors.negativeStock(current) }]);
  }
  try {
    await adjustStock(c.var.db, actorOf(c), {
      productId: page.product.id,
      variantId: variant ? variant.id : null,
      delta,
      reason: storedReason(reason, note),
    });
  } catch (error) {
    if (!wentNegative(error)) throw error;
    const issue = { field: 'delta', message: t.portal.fieldErrors.negativeStock(0) };
    return refuse(c, page, 'stock', body, [issue], StatusCodes.CONFLICT);
  }
  return backToProduct(c, page);
});

/** Photos never change under their key, so browsers and the edge may keep them for a year. */
export const PHOTO_CACHE_CONTROL = 'public, max-age=31536000, immutable';

productEditing.post(`${PRODUCT}/photos`, async (c) => {
  const page = await ownedProduct(c);
  const body = await readForm(c);
  const { fieldErrors } = c.var.t.portal;
  const file = body.photo;
  if (!(file instanceof File) || file.size === 0) {
    return refuse(c, page, 'photo', body, [{ field: 'photo', message: fieldErrors.photoMissing }]);
  }
  if (file.size > MAX_PHOTO_BYTES) {
    const issue = { field: 'photo', message: fieldErrors.photoTooLarge(MAX_PHOTO_BYTES / 1024 / 1024) };
    return refuse(c, page, 'photo', body, [issue], StatusCodes.PAYLOAD_TOO_LARGE);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffPhotoType(bytes);
  if (!type) {
    const issue = { field: 'photo', message: fieldErrors.photoType };
    return refuse(c, page, 'photo', body, [issue], StatusCodes.UNSUPPORTED_MEDIA_TYPE);
  }
  const form = validateForm(c, photoFields, body);
  if (!form.ok) return refuse(c, page, 'photo', body, form.issues);

  const key = photoKey(type, crypto.randomUUID());
  await c.env.MEDIA.put(key, bytes, { httpMetadata: { contentType: type, cacheControl: PHOTO_CACHE_CONTROL } });
  try {
    await addImage(c.var.db, actorOf(c), page.product.id, {
      url: `/media/${key}`,
      altVi: form.data.altVi,
      altEn: form.data.altEn,
      width: null,
      height: null,
    });
  } catch (error) {
    // No row points at the object: remove it rather than keep an orphan.
    await c.env.MEDIA.delete(key);
    throw error;
  }
  return backToProduct(c, page);
});

productEditing.post(`${PRODUCT}/photos/:imageId{[0-9]+}/delete`, async (c) => {
  const page = await ownedProduct(c);
  const image = page.images.find((i) => i.id === Number(c.req.param('imageId')));
  if (!image) throw notFound();
  await removeImage(c.var.db, actorOf(c), image);
  // The row is gone first, so no page can point at a missing object.
  const key = mediaKeyOf(image.url);
  if (key) await c.env.MEDIA.delete(key);
  return backToProduct(c, page);
});
