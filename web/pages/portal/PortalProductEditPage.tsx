import type { FieldIssue } from '../../../worker/domain/errors';
import { localHref } from '../../href';
import type { PageContext } from '../../page-context';
import { Checkbox } from './ChoiceFields';
import { ErrorSummary, Field, issueFor, Select, type Values } from './Fields';
import { PortalShell } from './PortalShell';
import { formatNumber } from '../../../worker/domain/numbers';

/** Which of the page's forms a refused submission came from: "listing", "variant-new", "variant-<id>", "stock", "photo". */
export interface FailedForm {
  form: string;
  issues: FieldIssue[];
  values: Values;
}

export interface ProductEditView {
  id: number;
  slug: string;
  producerName: string;
  certifiedName: string;
  groupName: string;
  stars: number | null;
  decision: string | null;
  isPublished: boolean;
  /** Set when variants decide the catalogue price and stock. */
  priceFromVariants: string | null;
  stock: number;
  listing: Values;
  units: { value: string; label: string }[];
  variants: { id: number; label: string; stock: number; values: Values }[];
  images: { id: number; url: string; alt: string }[];
  history: { when: string; item: string; change: string; reason: string }[];
}

interface PortalProductEditPageProps {
  ctx: PageContext;
  csrfToken: string;
  view: ProductEditView;
  failed?: FailedForm | undefined;
  notice?: string | undefined;
  /** An administrator's portal links keep the product's organisation. */
  producerParam?: number | undefined;
}

export function PortalProductEditPage({
  ctx,
  csrfToken,
  view,
  failed,
  notice,
  producerParam,
}: PortalProductEditPageProps) {
  const { t } = ctx;
  const e = t.portal.edit;
  const base = `/portal/products/${view.id}`;
  const action = (path = '') => localHref(ctx, `${base}${path}`);
  const stateOf = (form: string, current: Values) =>
    failed?.form === form ? { values: failed.values, issues: failed.issues } : { values: current, issues: [] };
  const csrf = <input type="hidden" name="_csrf" value={csrfToken} />;

  const listing = stateOf('listing', view.listing);
  const newVariant = stateOf('variant-new', {});
  const stock = stateOf('stock', { target: view.priceFromVariants ? String(view.variants[0]?.id ?? '') : 'product' });
  const photo = stateOf('photo', {});
  const photoIssue = issueFor(photo.issues, 'photo');
  const variantLabels = { labelVi: e.labelVi, labelEn: e.labelEn, price: e.variantPrice, gtin: e.gtin };
  // The refused form's fields, by label and id prefix, for the one summary at the top of the page.
  const refusedForm = (form: string): { labels: Record<string, string>; idPrefix?: string } => {
    switch (form) {
      case 'listing':
        return {
          labels: {
            nameEn: e.nameEn,
            descriptionVi: e.descriptionVi,
            descriptionEn: e.descriptionEn,
            storyVi: e.storyVi,
            storyEn: e.storyEn,
            unit: e.unit,
            price: e.price,
          },
        };
      case 'stock':
        return { labels: { target: e.target, delta: e.delta, reason: e.reason, note: e.note } };
      case 'photo':
        return { labels: { photo: e.photo, altVi: e.altVi, altEn: e.altEn } };
      case 'variant-new':
        return { labels: variantLabels, idPrefix: 'new-' };
      default:
        return { labels: variantLabels, idPrefix: `v${form.slice('variant-'.length)}-` };
    }
  };

  return (
    <PortalShell
      ctx={ctx}
      title={e.title(view.certifiedName)}
      section="products"
      producerName={view.producerName}
      producerParam={producerParam}
      notice={notice}
    >
      {failed ? <ErrorSummary ctx={ctx} issues={failed.issues} {...refusedForm(failed.form)} /> : null}
      <p>
        <a href={localHref(ctx, '/portal/products', { producer: producerParam })}>{e.backToList}</a>
      </p>
      <h1>{e.title(view.certifiedName)}</h1>

      <section class="portal-card" aria-labelledby="certified-title">
        <h2 id="certified-title">{e.certified}</h2>
        <p class="hint">{e.certifiedNote}</p>
        <dl class="facts">
          <dt>{e.certifiedName}</dt>
          <dd>{view.certifiedName}</dd>
          <dt>{e.group}</dt>
          <dd>{view.groupName}</dd>
          <dt>{e.stars}</dt>
          <dd>{view.stars ? t.certification.stars(view.stars) : e.noCertification}</dd>
          {view.decision ? (
            <>
              <dt>{e.decision}</dt>
              <dd>{view.decision}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section class="portal-card" aria-labelledby="publish-title">
        <h2 id="publish-title">{e.publishing}</h2>
        <p>{view.isPublished ? e.isPublished : e.isUnpublished}</p>
        <form method="post" action={action('/publish')}>
          {csrf}
          <input type="hidden" name="published" value={view.isPublished ? '0' : '1'} />
          <button type="submit" class="button">
            {view.isPublished ? e.unpublish : e.publish}
          </button>
        </form>
        {view.isPublished ? (
          <p>
            <a href={localHref(ctx, `/products/${view.slug}`)}>{e.viewPublic}</a>
          </p>
        ) : null}
      </section>

      <section class="portal-card" aria-labelledby="listing-title">
        <h2 id="listing-title">{e.listing}</h2>
        <form method="post" action={action()} class="stack">
          {csrf}
          <Field name="nameEn" label={e.nameEn} {...listing} />
          <Field name="descriptionVi" label={e.descriptionVi} multiline {...listing} />
          <Field name="descriptionEn" label={e.descriptionEn} multiline {...listing} />
          <Field name="storyVi" label={e.storyVi} multiline {...listing} />
          <Field name="storyEn" label={e.storyEn} multiline {...listing} />
          <Select name="unit" label={e.unit} options={view.units} {...listing} />
          {view.priceFromVariants ? (
            <p class="hint">{e.priceFromVariants(view.priceFromVariants)}</p>
          ) : (
            <Field name="price" label={e.price} hint={e.priceHint} inputmode="numeric" {...listing} />
          )}
          <Checkbox
            name="soldAtPointsOnly"
            label={e.soldAtPointsOnly}
            checked={listing.values.soldAtPointsOnly === '1'}
            issues={listing.issues}
          />
          <p class="hint">{e.soldAtPointsOnlyHint}</p>
          <button type="submit" class="button">
            {t.portal.save}
          </button>
        </form>
      </section>

      <section class="portal-card" aria-labelledby="variants-title">
        <h2 id="variants-title">{e.variants}</h2>
        {view.variants.length === 0 ? <p>{e.noVariants}</p> : null}
        {view.variants.map((variant) => {
          const state = stateOf(`variant-${variant.id}`, variant.values);
          return (
            <details class="portal-variant" open={failed?.form === `variant-${variant.id}`}>
              <summary>
                {variant.label} · {e.stock}: {formatNumber(variant.stock)}
              </summary>
              <form method="post" action={action(`/variants/${variant.id}`)} class="stack">
                {csrf}
                <VariantFields idPrefix={`v${variant.id}-`} ctx={ctx} {...state} />
                <button type="submit" class="button">
                  {e.saveVariant}
                </button>
              </form>
            </details>
          );
        })}
        <details class="portal-variant" open={failed?.form === 'variant-new'}>
          <summary>{e.addVariant}</summary>
          <form method="post" action={action('/variants')} class="stack">
            {csrf}
            <VariantFields idPrefix="new-" ctx={ctx} {...newVariant} />
            <button type="submit" class="button">
              {e.addVariant}
            </button>
          </form>
        </details>
      </section>

      <section class="portal-card" aria-labelledby="stock-title">
        <h2 id="stock-title">{e.adjustStock}</h2>
        <p>
          {e.stock}: <strong>{formatNumber(view.stock)}</strong>
        </p>
        <form method="post" action={action('/stock')} class="stack">
          {csrf}
          <Select
            name="target"
            label={e.target}
            options={[
              ...(view.priceFromVariants ? [] : [{ value: 'product', label: e.wholeProduct }]),
              ...view.variants.map((variant) => ({ value: String(variant.id), label: variant.label })),
            ]}
            {...stock}
          />
          <Field name="delta" label={e.delta} inputmode="text" required {...stock} />
          <Select
            name="reason"
            label={e.reason}
            options={Object.entries(e.reasons).map(([value, label]) => ({ value, label }))}
            {...stock}
          />
          <Field name="note" label={`${e.note} ${t.portal.optional}`} {...stock} />
          <button type="submit" class="button">
            {e.applyAdjustment}
          </button>
        </form>
        <h3>{e.history}</h3>
        {view.history.length === 0 ? (
          <p>{e.noHistory}</p>
        ) : (
          <ul class="portal-list">
            {view.history.map((entry) => (
              <li>
                <time>{entry.when}</time> · {entry.item}: {entry.change} · {entry.reason}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="portal-card" aria-labelledby="photos-title">
        <h2 id="photos-title">{e.photos}</h2>
        {view.images.length === 0 ? (
          <p>{e.noPhotos}</p>
        ) : (
          <ul class="portal-photos" role="list">
            {view.images.map((image) => (
              <li>
                <img src={image.url} alt={image.alt} width="160" height="120" loading="lazy" />
                <form method="post" action={action(`/photos/${image.id}/delete`)}>
                  {csrf}
                  <button type="submit" class="link-button">
                    {e.removePhoto(image.alt)}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h3>{e.addPhoto}</h3>
        <form method="post" action={action('/photos')} enctype="multipart/form-data" class="stack">
          {csrf}
          <div class={photoIssue ? 'field field-invalid' : 'field'}>
            <label for="photo">{e.photo}</label>
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              required
              aria-invalid={photoIssue ? 'true' : undefined}
              aria-describedby={photoIssue ? 'photo-error' : undefined}
            />
            {photoIssue ? (
              <p class="field-error" id="photo-error">
                {photoIssue.message}
              </p>
            ) : null}
          </div>
          <Field name="altVi" label={e.altVi} required {...photo} />
          <Field name="altEn" label={`${e.altEn} ${t.portal.optional}`} {...photo} />
          <button type="submit" class="button">
            {e.upload}
          </button>
        </form>
      </section>
    </PortalShell>
  );
}

function VariantFields({
  ctx,
  values,
  issues,
  idPrefix,
}: {
  ctx: PageContext;
  values: Values;
  issues: FieldIssue[];
  idPrefix: string;
}) {
  const e = ctx.t.portal.edit;
  const shared = { values, issues, idPrefix };
  return (
    <>
      <Field name="labelVi" label={e.labelVi} required {...shared} />
      <Field name="labelEn" label={`${e.labelEn} ${ctx.t.portal.optional}`} {...shared} />
      <Field name="price" label={e.variantPrice} inputmode="numeric" required {...shared} />
      <Field
        name="gtin"
        label={`${e.gtin} ${ctx.t.portal.optional}`}
        hint={e.gtinHint}
        inputmode="numeric"
        {...shared}
      />
    </>
  );
}
