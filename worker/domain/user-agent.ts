/**
 * What a scan's User-Agent says: the browser family recorded with a counted scan, and whether
 * the request comes from a link-preview or crawler robot rather than a person. A stamp URL pasted
 * into Zalo, Facebook or Telegram is fetched at once by the app's preview robot; counting those
 * fetches would make a stamp look scanned by people who never saw the package.
 */

/**
 * Families in the order they are recognised: in-app browsers first, as their User-Agent also
 * carries the Chrome or Safari token of the engine they embed; Cốc Cốc, Samsung Internet and Edge
 * before Chrome for the same reason.
 */
export const userAgentFamilies = [
  'zalo',
  'facebook',
  'coccoc',
  'samsung',
  'firefox',
  'chrome',
  'safari',
  'other',
] as const;
export type UserAgentFamily = (typeof userAgentFamilies)[number];

const FAMILY_PATTERNS: [UserAgentFamily, RegExp][] = [
  ['zalo', /\bZalo/i],
  // Facebook's and Messenger's in-app browsers: [FBAN/FBIOS;FBAV/…] on iOS, [FB_IAB/FB4A;FBAV/…] on Android.
  ['facebook', /\bFB(?:AN|AV|IOS|_IAB|4A)\b/],
  ['coccoc', /\bcoc_coc_browser\//i],
  ['samsung', /\bSamsungBrowser\//],
  ['firefox', /\b(?:Firefox|FxiOS)\//],
  // Edge and Opera are Chromium too, but are their own browsers, so they go to "other".
  ['chrome', /\b(?:Chrome|CriOS)\/(?!.*\b(?:Edg|EdgA|EdgiOS|OPR|OPT)\/)/],
  // Safari names itself with Version/… Safari/…; an iOS web view without "Safari/" is some app's browser.
  ['safari', /\bVersion\/[\d.]+.*\bSafari\//],
];

/** The browser family of a User-Agent; "other" for anything unrecognised, including no header at all. */
export function userAgentFamily(userAgent: string | null | undefined): UserAgentFamily {
  if (!userAgent) return 'other';
  for (const [family, pattern] of FAMILY_PATTERNS) if (pattern.test(userAgent)) return family;
  return 'other';
}

/**
 * Link previews, crawlers and HTTP tools. Zalo's in-app browser names itself with "Zalo…/"
 * tokens (ZaloTheme/, ZaloLanguage/) after a full browser User-Agent and is a person; a preview
 * robot that does not look like a browser is caught by the "no Mozilla/" rule, one that names
 * itself by the list below.
 */
const ROBOT_PATTERN = new RegExp(
  [
    // "Googlebot/2.1", "bingbot/2.0", "Slackbot-LinkExpanding", "compatible; SomeBot)": a bare "bot"
    // followed by a space is left alone, as phones such as the CUBOT X30 name themselves that way.
    'bot[/_;)-]',
    '\\bbot\\b',
    'crawl',
    'spider',
    'preview',
    'facebookexternalhit',
    'facebookcatalog',
    'meta-external',
    'zalo(?:bot|-bot|crawler|link)',
    'telegrambot',
    'whatsapp',
    'skypeuripreview',
    'lighthouse',
    'headlesschrome',
    'curl/',
    'wget/',
    'python-',
    'go-http-client',
    'okhttp',
    'java/',
    'node-fetch',
    'axios/',
  ].join('|'),
  'i',
);

/**
 * Whether a request comes from a robot rather than a person's browser. Every browser a person
 * scans with starts its User-Agent with "Mozilla/"; previews and tools that do not, or that send
 * none, are robots, as is anything naming itself a bot, crawler or preview.
 */
export function isRobot(userAgent: string | null | undefined): boolean {
  if (!userAgent || !userAgent.startsWith('Mozilla/')) return true;
  return ROBOT_PATTERN.test(userAgent);
}
