import { describe, expect, it } from 'vitest';
import { getJson } from '../support/http';

describe('GET /api/v1/provinces', () => {
  it('lists the 34 provinces with their official codes', async () => {
    const { status, body } = await getJson<{ data: { code: string; name: { vi: string; en: string } }[] }>(
      '/api/v1/provinces',
    );
    expect(status).toBe(200);
    expect(body.data).toHaveLength(34);
    expect(body.data).toContainEqual(expect.objectContaining({ code: '75', name: { vi: 'Đồng Nai', en: 'Dong Nai' } }));
    expect(body.data.map((p) => p.code)).not.toContain('74');
  });
});

describe('GET /api/v1/groups', () => {
  it('gives the six groups of each criteria version with their subgroups', async () => {
    const { status, body } = await getJson<{
      data: {
        id: string;
        code: string;
        criteria_version: string;
        subgroups: { id: string; parent_id: string | null }[];
      }[];
    }>('/api/v1/groups');
    expect(status).toBe(200);
    expect(body.data.filter((g) => g.criteria_version === '148')).toHaveLength(6);
    expect(body.data.filter((g) => g.criteria_version === '1048')).toHaveLength(6);
    const food = body.data.find((g) => g.id === '148.food');
    expect(food?.subgroups).toContainEqual({
      id: '148.food.raw.honey',
      parent_id: '148.food.raw',
      name: expect.anything(),
    });
    expect(new Set(body.data.map((g) => g.code))).toEqual(
      new Set(['food', 'beverage', 'herbal', 'handicraft', 'ornamental', 'tourism']),
    );
  });
});
