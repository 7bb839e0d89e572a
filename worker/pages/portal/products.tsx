/** Editing one product: listing details, visibility, pack sizes, stock and photos. */
import { Hono, type Context } from 'hono';
import { PortalProductEditPage, type FailedForm } from '../../../web/pages/portal/PortalProductEditPage';
import { addVariant, setPublished, updateListing, updateVariant, type ProductForEdit } from '../../data/products';
import type { AppEnv } from '../../lib/context';
import { readForm } from '../../lib/form-body';
import { csrfToken } from '../../lib/csrf';
import { purgeProductPages } from '../../lib/edge-cache';
import { notFound } from '../../lib/errors';
import { submitForm, typedValues, type Refusal } from '../../lib/forms';
import { pageContext } from '../../lib/render';
import { StatusCodes } from '../../lib/status';
import { parseInput } from '../../lib/validation';
import { provinceName } from '../../presenters/catalogue';
import { toProductEditView } from '../../presenters/products';
import { listingForm, photoFields, publishForm, stockForm, variantForm } from '../../schemas/portal';
import { requiredPhoto } from '../../services/photo-upload';
import { addProductPhoto, adjustProductStock, removeProductPhoto } from '../../services/product-editing';
import { ownedProduct, signedInUser } from './scope';

export const productEditing = new Hono<AppEnv>();

const PRODUCT = '/products/:id{[0-9]+}';

function renderEdit(c: Context<AppEnv>, page: ProductForEdit, failed?: FailedForm, refusal?: Refusal) {
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
    refusal?.status ?? StatusCodes.OK,
  );
}

/**
 * Runs one of the product page's forms; a refusal shows the page again with that form's issues.
 * A saved change drops the product's cached public pages, so it shows at once.
 */
async function productForm(
  c: Context<AppEnv>,
  form: string | ((page: ProductForEdit) => string),
  action: (page: ProductForEdit, body: Record<string, unknown>) => Promise<void>,
) {
  const page = await ownedProduct(c);
  const body = await readForm(c);
  return submitForm(
    c,
    async () => {
      await action(page, body);
      c.executionCtx.waitUntil(purgeProductPages(c, page.product));
      return c.redirect(`/portal/products/${page.product.id}?saved=1`, StatusCodes.SEE_OTHER);
    },
    (refusal) =>
      renderEdit(
        c,
        page,
        { form: typeof form === 'string' ? form : form(page), issues: refusal.issues, values: typedValues(body) },
        refusal,
      ),
  );
}

const userId = (c: Context<AppEnv>) => signedInUser(c).id;

productEditing.get(PRODUCT, async (c) => renderEdit(c, await ownedProduct(c)));

productEditing.post(PRODUCT, (c) =>
  productForm(c, 'listing', async (page, body) => {
    const { price, ...details } = parseInput(c, listingForm(c.var.t), body);
    // With pack sizes the catalogue price follows the variants, so a posted price is not the product's to set.
    const change = page.variants.length > 0 ? details : { ...details, price };
    await updateListing(c.var.db, { userId: userId(c) }, page.product, change, {
      nameEn: change.nameEn,
      producerName: page.producer.name,
      provinceName: provinceName(page.product.provinceCode, 'vi'),
      groupName: page.group.nameVi,
    });
  }),
);

productEditing.post(`${PRODUCT}/publish`, (c) =>
  productForm(c, 'publish', async (page, body) => {
    const { published } = parseInput(c, publishForm, body);
    await setPublished(c.var.db, { userId: userId(c) }, page.product.id, published);
  }),
);

productEditing.post(`${PRODUCT}/variants`, (c) =>
  productForm(c, 'variant-new', async (page, body) => {
    await addVariant(c.var.db, { userId: userId(c) }, page.product.id, parseInput(c, variantForm(c.var.t), body));
  }),
);

productEditing.post(`${PRODUCT}/variants/:variantId{[0-9]+}`, async (c) => {
  const variantId = Number(c.req.param('variantId'));
  return productForm(c, `variant-${variantId}`, async (page, body) => {
    const variant = page.variants.find((v) => v.id === variantId);
    if (!variant) throw notFound();
    await updateVariant(c.var.db, { userId: userId(c) }, variant, parseInput(c, variantForm(c.var.t), body));
  });
});

productEditing.post(`${PRODUCT}/stock`, (c) =>
  productForm(c, 'stock', async (page, body) => {
    await adjustProductStock(c.var.db, page, parseInput(c, stockForm(c.var.t), body), userId(c));
  }),
);

productEditing.post(`${PRODUCT}/photos`, (c) =>
  productForm(c, 'photo', async (page, body) => {
    const photo = await requiredPhoto(body.photo);
    const fields = parseInput(c, photoFields, body);
    await addProductPhoto({ db: c.var.db, bucket: c.env.MEDIA }, page.product.id, { ...photo, ...fields }, userId(c));
  }),
);

productEditing.post(`${PRODUCT}/photos/:imageId{[0-9]+}/delete`, async (c) => {
  const page = await ownedProduct(c);
  const image = page.images.find((i) => i.id === Number(c.req.param('imageId')));
  if (!image) throw notFound();
  await removeProductPhoto({ db: c.var.db, bucket: c.env.MEDIA }, image, userId(c));
  c.executionCtx.waitUntil(purgeProductPages(c, page.product));
  return c.redirect(`/portal/products/${page.product.id}?saved=1`, StatusCodes.SEE_OTHER);
});
