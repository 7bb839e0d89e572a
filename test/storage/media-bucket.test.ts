import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  getPublicPhoto,
  getReportPhoto,
  isPublicPhotoKey,
  newPinFileKey,
  publicPhotoKeyOf,
  publicPhotoUrl,
  putPinFile,
  putProductPhoto,
  putReportPhoto,
  readPinFiles,
} from '../../worker/storage/media-bucket';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('product photos', () => {
  it('names keys by the sniffed type so the extension never lies', async () => {
    const key = await putProductPhoto(env.MEDIA, PNG, 'image/png');
    expect(key).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(isPublicPhotoKey(key)).toBe(true);
    expect(isPublicPhotoKey('../secret.png')).toBe(false);
    const object = await getPublicPhoto(env.MEDIA, key, new Headers());
    expect(object?.httpMetadata?.contentType).toBe('image/png');
    expect(object?.httpMetadata?.cacheControl).toContain('immutable');
  });

  it('finds the storage key of our own photo URLs only', () => {
    const key = '0f8fad5b-d9cb-469f-a165-70867728950e.webp';
    expect(publicPhotoKeyOf(publicPhotoUrl(key))).toBe(key);
    expect(publicPhotoKeyOf('/images/products/mat-ong.svg')).toBeNull();
    expect(publicPhotoKeyOf('/media/test-1234-0.svg')).toBeNull();
  });
});

describe('report photos', () => {
  it('are kept under their own prefix, never served as public photos', async () => {
    const key = await putReportPhoto(env.MEDIA, PNG, 'image/png');
    expect(key).toMatch(/^reports\/[0-9a-f-]{36}\.png$/);
    expect(await getPublicPhoto(env.MEDIA, key, new Headers())).toBeNull();
    expect(await getReportPhoto(env.MEDIA, key)).not.toBeNull();
  });

  it('are the only objects the report route reads', async () => {
    const key = await putProductPhoto(env.MEDIA, PNG, 'image/png');
    expect(await getReportPhoto(env.MEDIA, key)).toBeNull();
  });
});

describe('PIN files', () => {
  it('keep serial → PIN pairs, and a missing file contributes nothing', async () => {
    const key = newPinFileKey();
    expect(key).toMatch(/^stamp-pins\/[0-9a-f-]{36}\.json$/);
    await putPinFile(env.MEDIA, key, [{ serial: 'ABCDEFGHJKMN', pin: '12345678' }, { serial: 'BCDEFGHJKMNP' }]);
    const pins = await readPinFiles(env.MEDIA, [key, newPinFileKey()]);
    expect([...pins]).toEqual([['ABCDEFGHJKMN', '12345678']]);
  });
});
