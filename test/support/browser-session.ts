/**
 * A cookie jar over the worker's fetch handler, for flows that a browser
 * would go through: forms with CSRF tokens, sign-in cookies, redirects.
 */
import { fetchApp } from './http';

export class BrowserSession {
  private cookies = new Map<string, string>();

  /** A private address of its own by default: sessions sharing one would share their login rate limits. */
  constructor(private readonly ip = randomPrivateIp()) {}

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('cf-connecting-ip', this.ip);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetchApp(path, { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /** GET a page and read the CSRF token of its form. */
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.request(path)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  async post(path: string, fields: Record<string, string>) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
  }

  async signIn(login: string, password: string) {
    const _csrf = await this.csrfFrom('/login');
    return this.post('/login', { _csrf, login, password });
  }
}

const octet = () => Math.floor(Math.random() * 254) + 1;

export const randomPrivateIp = () => `10.${octet()}.${octet()}.${octet()}`;
