/** The cart page and its forms: add from a product page, change or remove a line. */
import { Hono, type Context } from 'hono';
import { CartPage } from '../../web/pages/shop/CartPage';
import type { AppEnv } from '../lib/context';
import { cartFromCookie, setCartCookie } from '../lib/cart-cookie';
import { csrfToken } from '../lib/csrf';
import { readForm } from '../lib/form-body';
import { submitForm, type Refusal } from '../lib/forms';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { problemWords, toCartView } from '../presenters/cart';
import { addToCartForm, cartLineForm } from '../schemas/checkout';
import { addToCart, cartAfterSignIn, cartContents, changeCartLine } from '../services/carts';
import { AppError } from '../lib/errors';

export const cart = new Hono<AppEnv>();

/** The browser's cart; a signed-in buyer without one here gets their latest from another browser. */
async function currentCart(c: Context<AppEnv>): Promise<string | null> {
  const fromCookie = cartFromCookie(c);
  if (fromCookie || !c.var.user) return fromCookie;
  const cartId = await cartAfterSignIn(c.var.db, null, c.var.user.id);
  if (cartId) setCartCookie(c, cartId);
  return cartId;
}

async function renderCart(c: Context<AppEnv>, cartId: string | null, refusal?: Refusal) {
  const ctx = pageContext(c);
  const contents = await cartContents(c.var.db, cartId, c.var.today);
  const notice = c.req.query('added') ? ctx.t.cart.added : c.req.query('updated') ? ctx.t.cart.updated : undefined;
  return c.html(
    <CartPage
      ctx={ctx}
      csrfToken={csrfToken(c)}
      cart={toCartView(contents, ctx.locale, problemWords(ctx.t))}
      notice={refusal ? undefined : notice}
      issues={refusal?.issues ?? []}
    />,
    refusal?.status ?? StatusCodes.OK,
  );
}

cart.get('/cart', async (c) => renderCart(c, await currentCart(c)));

cart.post('/cart/items', async (c) => {
  const body = await readForm(c);
  const cartId = await currentCart(c);
  return submitForm(
    c,
    async () => {
      const line = parseInput(c, addToCartForm, body);
      const saved = await addToCart(c.var.db, { id: cartId, userId: c.var.user?.id ?? null }, line, c.var.today);
      if (saved !== cartId) setCartCookie(c, saved);
      return c.redirect('/cart?added=1', StatusCodes.SEE_OTHER);
    },
    (refusal) => renderCart(c, cartId, refusal),
  );
});

cart.post('/cart/lines/:id{[0-9]+}', async (c) => {
  const body = await readForm(c);
  const cartId = await currentCart(c);
  if (!cartId) return c.redirect('/cart', StatusCodes.SEE_OTHER);
  return submitForm(
    c,
    async () => {
      const { quantity } = parseInput(c, cartLineForm, body);
      try {
        await changeCartLine(c.var.db, cartId, Number(c.req.param('id')), quantity, c.var.today);
      } catch (error) {
        // A line already gone (removed in another tab): the cart as it is now says enough.
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
      return c.redirect('/cart?updated=1', StatusCodes.SEE_OTHER);
    },
    (refusal) => renderCart(c, cartId, refusal),
  );
});
