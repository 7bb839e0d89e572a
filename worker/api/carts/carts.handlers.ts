import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../lib/context';
import { StatusCodes } from '../../lib/status';
import { presentCart, problemWords } from '../../presenters/cart';
import { addToApiCart, apiCart, changeApiCartLine, newApiCart } from '../../services/carts';
import type {
  addCartLine as addCartLineRoute,
  changeCartLine as changeCartLineRoute,
  createCart as createCartRoute,
  getCart,
} from './carts.routes';

const toLine = (line: { product_id: number; variant_id?: number | null | undefined; quantity: number }) => ({
  productId: line.product_id,
  variantId: line.variant_id ?? null,
  quantity: line.quantity,
});

export const createCartHandler: RouteHandler<typeof createCartRoute, AppEnv> = async (c) => {
  const { cartId, contents } = await newApiCart(c.var.db, c.req.valid('json').lines.map(toLine), c.var.today);
  return c.json(presentCart(cartId, contents, problemWords(c.var.t)), StatusCodes.CREATED);
};

export const getCartHandler: RouteHandler<typeof getCart, AppEnv> = async (c) => {
  const { token } = c.req.valid('param');
  const contents = await apiCart(c.var.db, token, c.var.today);
  return c.json(presentCart(token, contents, problemWords(c.var.t)), StatusCodes.OK);
};

export const addCartLineHandler: RouteHandler<typeof addCartLineRoute, AppEnv> = async (c) => {
  const { token } = c.req.valid('param');
  const contents = await addToApiCart(c.var.db, token, toLine(c.req.valid('json')), c.var.today);
  return c.json(presentCart(token, contents, problemWords(c.var.t)), StatusCodes.OK);
};

export const changeCartLineHandler: RouteHandler<typeof changeCartLineRoute, AppEnv> = async (c) => {
  const { token, lineId } = c.req.valid('param');
  const contents = await changeApiCartLine(c.var.db, token, lineId, c.req.valid('json').quantity, c.var.today);
  return c.json(presentCart(token, contents, problemWords(c.var.t)), StatusCodes.OK);
};
