/** Server-rendered pages. Each route: validate input, call data and domain, render a web/ component. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context';

export const pages = new Hono<AppEnv>();

pages.get('/', (c) => c.text('OCOP'));
