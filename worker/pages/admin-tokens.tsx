/** /admin/api-tokens: create (the secret is shown once), list with last use, revoke. Administrators only. */
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiTokensPage } from '../../web/pages/admin/ApiTokensPage';
import { findApiToken, listApiTokens, revokeApiToken } from '../data/api-tokens';
import { API_SCOPES, API_TOKEN_EXPIRY_DAYS } from '../domain/api-scopes';
import type { AppEnv } from '../lib/context';
import { csrfToken } from '../lib/csrf';
import { notFound } from '../lib/errors';
import { readForm } from '../lib/form-body';
import { submitForm, typedValues } from '../lib/forms';
import { pageContext } from '../lib/render';
import { StatusCodes } from '../lib/status';
import { parseInput } from '../lib/validation';
import { toApiTokenView } from '../presenters/administration';
import { issueApiToken } from '../services/api-tokens';

// Access is checked for the whole /admin/api-tokens section in admin.tsx.
export const adminTokens = new Hono<AppEnv>();

const createForm = z.object({
  name: z.string().trim().min(1).max(100),
  // One checked box arrives as a string, several as an array.
  scopes: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.enum(API_SCOPES)).min(1)),
  expiresInDays: z.preprocess(
    (value) => (value === '' || value === undefined ? null : Number(value)),
    z.union([z.null(), z.literal(API_TOKEN_EXPIRY_DAYS)]),
  ),
});

adminTokens.get('/admin/api-tokens', async (c) => {
  const tokens = await listApiTokens(c.var.db);
  const now = new Date();
  return c.html(
    <ApiTokensPage
      ctx={pageContext(c)}
      csrfToken={csrfToken(c)}
      tokens={tokens.map((token) => toApiTokenView(token, now))}
    />,
  );
});

adminTokens.post('/admin/api-tokens', async (c) => {
  const body = await readForm(c, { all: true });
  const now = new Date();
  return submitForm(
    c,
    async () => {
      const form = parseInput(c, createForm, body);
      const { secret, tokens } = await issueApiToken(c.var.db, form, c.var.user!.id, now);
      return c.html(
        <ApiTokensPage
          ctx={pageContext(c)}
          csrfToken={csrfToken(c)}
          tokens={tokens.map((token) => toApiTokenView(token, now))}
          created={{ name: form.name, secret }}
        />,
        StatusCodes.CREATED,
      );
    },
    async ({ issues, status }) => {
      const tokens = await listApiTokens(c.var.db);
      return c.html(
        <ApiTokensPage
          ctx={pageContext(c)}
          csrfToken={csrfToken(c)}
          tokens={tokens.map((token) => toApiTokenView(token, now))}
          failed={{ values: typedValues(body), issues }}
        />,
        status,
      );
    },
  );
});

adminTokens.post('/admin/api-tokens/:id/revoke', async (c) => {
  const { id } = parseInput(c, z.object({ id: z.coerce.number().int().positive() }), c.req.param());
  const token = await findApiToken(c.var.db, id);
  if (!token) throw notFound();
  if (!token.revokedAt) await revokeApiToken(c.var.db, token, c.var.user!.id, new Date());
  return c.redirect('/admin/api-tokens', StatusCodes.SEE_OTHER);
});
