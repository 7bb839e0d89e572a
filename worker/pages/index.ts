/** Server-rendered pages. Each route: validate input, call data and domain, render a web/ component. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/context';
import { health } from './health';

export const pages = new Hono<AppEnv>();

pages.route('/', health);
