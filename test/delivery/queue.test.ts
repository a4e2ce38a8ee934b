import { describe, expect, it, vi } from 'vitest';
import { createQueue } from '../../src/delivery/queue';
import { createStorage } from '../../src/lib/storage';
import { cartEvent, eventually, expectSentEvents, fakeApi, makeTracker } from '../helpers';

const NS = 'alhena-cart:1:acme:';
const body = (product: string) => ({
  company_key: 'acme',
  type: 'ITEM_ADDED' as const,
  product_id: product,
  product_name: 'Shoe',
  value: 1,
  currency: 'USD',
  quantity: 1,
  source: 'CUSTOM',
});
const queueKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(`${NS}q:`)).sort();

describe('persisted queue', () => {
  it('keeps one versioned, company-namespaced key per event, in tracked order', () => {
    const queue = createQueue(createStorage(), NS, 'tab1');
    const ids = ['a', 'b', 'c'].map((p, i) => queue.add(body(p), undefined, 1_000 + (i === 2 ? 0 : i)).id);
    expect(queueKeys()).toEqual(ids.map((id) => `${NS}q:${id}`));
    expect(queue.ids()).toEqual(ids);
    expect(queue.head()?.body.product_id).toBe('a');
  });

  it('writes only the event it adds or updates, never the whole queue', () => {
    const queue = createQueue(createStorage(), NS, 'tab1');
    for (let i = 0; i < 50; i++) queue.add(body(`p${i}`), undefined, 1_000);
    const setItem = vi.spyOn(localStorage, 'setItem');
    const entry = queue.add(body('last'), undefined, 1_000);
    queue.save({ ...entry, tries: 1 });
    queue.remove(entry.id);
    expect(setItem.mock.calls.map(([key]) => key)).toEqual([`${NS}q:${entry.id}`, `${NS}q:${entry.id}`]);
    expect(setItem.mock.calls.every(([, value]) => value.length < 300)).toBe(true);
  });

  it('stores only what the wire needs', () => {
    const queue = createQueue(createStorage(), NS, 'tab1');
    queue.add(body('a'), ['fp-user', 'fp-faq'], 1_000);
    expect(JSON.parse(localStorage.getItem(queueKeys()[0]) as string)).toEqual({ b: body('a'), f: ['fp-user', 'fp-faq'], t: 1_000, n: 0, w: 0 });
  });

  it('discards a tampered or corrupt stored entry instead of sending it', () => {
    const queue = createQueue(createStorage(), NS, 'tab1');
    const [a, b, c] = ['a', 'b', 'c'].map((p) => queue.add(body(p), undefined, 1_000));
    localStorage.setItem(`${NS}q:${a.id}`, '{not json');
    localStorage.setItem(`${NS}q:${b.id}`, JSON.stringify({ b: { ...body('b'), value: 'free' }, t: 1, n: 0, w: 0 }));
    const reread = createQueue(createStorage(), NS, 'tab2');
    expect(reread.head()?.id).toBe(c.id);
    expect(queueKeys()).toEqual([`${NS}q:${c.id}`]);
  });

  it('sends what an earlier page left, in order, before what this page tracks', async () => {
    // An earlier page left two events it could not send (offline, API down, page closed).
    const left = createQueue(createStorage(), NS, 'old');
    left.add(body('A'), undefined, Date.now() - 60_000);
    left.add(body('B'), undefined, Date.now() - 30_000);
    const next = fakeApi();
    const second = makeTracker({}, { fetch: next.fetch });
    second.trackCartEvent(cartEvent({ productId: 'C' }));
    await eventually(() => expect(next.requests).toHaveLength(3));
    expectSentEvents(next.requests, [
      ['ITEM_ADDED', 'A'],
      ['ITEM_ADDED', 'B'],
      ['ITEM_ADDED', 'C'],
    ]);
    expect(queueKeys()).toEqual([]);
  });
});
