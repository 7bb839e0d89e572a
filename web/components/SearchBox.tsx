import { DEFAULT_LOCALE } from '../messages';
import type { PageContext } from '../page-context';

interface SearchBoxProps {
  ctx: PageContext;
  value?: string | undefined;
}

/** A plain GET form to /products: works without JavaScript. */
export function SearchBox({ ctx, value }: SearchBoxProps) {
  const { t } = ctx;
  return (
    <form class="search" action="/products" method="get" role="search">
      <label for="search-q">{t.home.searchLabel}</label>
      <div class="search-row">
        <input
          id="search-q"
          name="q"
          type="search"
          value={value ?? ''}
          placeholder={t.home.searchPlaceholder}
          maxlength={200}
        />
        {ctx.locale !== DEFAULT_LOCALE ? <input type="hidden" name="lang" value={ctx.locale} /> : null}
        <button type="submit">{t.home.searchButton}</button>
      </div>
    </form>
  );
}
