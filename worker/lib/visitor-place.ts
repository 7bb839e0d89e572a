/**
 * Where the visitor is, for "near me": a place the URL names (`near`, which the page's location
 * button fills from the browser), else Cloudflare's approximate location of the request
 * (`request.cf`, the city of the IP address) when it is in Vietnam, else nothing.
 */
import type { Context } from 'hono';
import { isInVietnam, type LatLng } from '../domain/geo';
import type { AppEnv } from './context';
import { requestGeo } from './request';

/** The approximate location Cloudflare gives the request, when it is in Vietnam. */
export function approximatePlace(c: Context<AppEnv>): LatLng | null {
  const cf = requestGeo(c);
  const latitude = Number(cf?.latitude);
  const longitude = Number(cf?.longitude);
  if (!cf?.latitude || !cf.longitude || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  const place = { latitude, longitude };
  return isInVietnam(place) ? place : null;
}

export type VisitorPlace = { at: LatLng; source: 'typed' | 'approximate' } | null;

export const visitorPlace = (c: Context<AppEnv>, typed: LatLng | undefined): VisitorPlace =>
  typed
    ? { at: typed, source: 'typed' }
    : ((place) => (place ? { at: place, source: 'approximate' as const } : null))(approximatePlace(c));
