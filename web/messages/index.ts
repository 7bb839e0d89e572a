import { en } from './en';
import { vi, type Messages } from './vi';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

export const messages: Record<Locale, Messages> = { vi, en };
export type { Messages };

export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);
