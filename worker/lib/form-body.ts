/**
 * The one reader of HTML form bodies, shared by the CSRF check and the route (one parse per
 * request). Only `application/x-www-form-urlencoded` in UTF-8 and `multipart/form-data` with a
 * valid boundary are forms: any other type is refused before the body is read (415), the body is
 * read no further than its route's limit (413), and a body the runtime cannot parse is the
 * client's mistake (400), never a 500.
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { BodyData } from 'hono/utils/body';
import type { AppEnv } from './context';
import { AppError } from './errors';

/**
 * Ordinary forms. The largest (a product's four long texts, Vietnamese percent-encoded at up to
 * 9 bytes a character) stays under half of it, so over-long fields still get their own message.
 */
export const DEFAULT_FORM_BYTES = 512 * 1024;

interface FormLimit {
  maxBytes: number;
  tooLarge: () => AppError;
}

// Keyed by the request object hono keeps for the whole of one request.
const limits = new WeakMap<object, FormLimit>();
const forms = new WeakMap<object, Promise<FormData>>();

/**
 * Sets the body limit of the forms below it, for routes whose forms carry files (photos, council
 * CSV files). Must run before the CSRF check, which is the first to read the body.
 */
export function formBodyLimit(maxBytes: number, detail?: (c: Context<AppEnv>) => string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    limits.set(c.req, {
      maxBytes,
      tooLarge: () => new AppError('payload_too_large', detail ? { detail: detail(c) } : {}),
    });
    await next();
  });
}

/** RFC 9110 token and quoted-string, for the parameters of a Content-Type. */
const PARAMETER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([!#$%&'*+.^_`|~0-9A-Za-z-]+))\s*$/;
/** RFC 2046: 1 to 70 characters of bchars, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

const malformed = (detail: string) => new AppError('bad_request', { detail });
const unsupported = () =>
  new AppError('unsupported_media_type', {
    detail: 'a form is application/x-www-form-urlencoded (UTF-8) or multipart/form-data',
  });

/** The Content-Type the runtime's parser is given, rebuilt from a checked header. */
function formContentType(header: string | undefined): string {
  if (!header) throw unsupported();
  const [mediaType = '', ...rawParameters] = header.split(';');
  const type = mediaType.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') throw unsupported();

  const parameters = new Map<string, string>();
  for (const raw of rawParameters) {
    if (raw.trim() === '') continue;
    const match = PARAMETER.exec(raw);
    if (!match) throw malformed('malformed Content-Type parameters');
    parameters.set(match[1]!.toLowerCase(), match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!);
  }

  if (type === 'application/x-www-form-urlencoded') {
    const charset = parameters.get('charset');
    if (charset !== undefined && charset.toLowerCase() !== 'utf-8') throw unsupported();
    return type;
  }
  const boundary = parameters.get('boundary');
  if (boundary === undefined || !BOUNDARY.test(boundary)) throw malformed('multipart form without a valid boundary');
  return `${type}; boundary="${boundary}"`;
}

/** The whole body, refused as soon as it is known to be over the limit. */
async function readBytes(request: Request, limit: FormLimit): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit.maxBytes) throw limit.tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit.maxBytes) {
      await reader.cancel();
      throw limit.tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function parseForm(c: Context): Promise<FormData> {
  const contentType = formContentType(c.req.header('content-type'));
  const limit = limits.get(c.req) ?? {
    maxBytes: DEFAULT_FORM_BYTES,
    tooLarge: () => new AppError('payload_too_large'),
  };
  const bytes = await readBytes(c.req.raw, limit);
  // Every form the platform renders carries at least its CSRF token or the name of the form.
  if (bytes.byteLength === 0) throw malformed('empty form');
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    // The runtime's parser throws a TypeError for bad framing, part headers or encoding.
    throw malformed('malformed form body');
  }
  if ([...form.keys()].length === 0) throw malformed('empty form');
  return form;
}

/** Repeated fields keep the last value, or all of them (and `name[]` fields always) as arrays, as hono's parseBody does. */
function toBodyData(form: FormData, all: boolean): Record<string, string | File | (string | File)[]> {
  const body: Record<string, string | File | (string | File)[]> = Object.create(null);
  form.forEach((value, key) => {
    if (!all && !key.endsWith('[]')) {
      body[key] = value;
      return;
    }
    const existing = body[key];
    if (existing === undefined) body[key] = key.endsWith('[]') ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else body[key] = [existing, value];
  });
  return body;
}

/** The request's form fields; the body is read and checked once, whoever asks first. */
export async function readForm(c: Context): Promise<BodyData>;
export async function readForm(c: Context, options: { all: true }): Promise<BodyData<{ all: true }>>;
export async function readForm(c: Context, options: { all?: boolean } = {}) {
  let form = forms.get(c.req);
  if (!form) {
    form = parseForm(c);
    forms.set(c.req, form);
  }
  return toBodyData(await form, options.all ?? false);
}
