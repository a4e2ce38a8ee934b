import { describe, expect, it, vi } from 'vitest';
import { createQueue } from '../../src/delivery/queue';
import { formatEntryId } from '../../src/delivery/segments';
import { createStorage } from '../../src/lib/storage';
import { cartEvent, eventually, expectSentEvents, fakeApi, KEYS, makeTracker } from '../helpers';

const NS = KEYS.namespace;
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
const segmentKeys = () =>
  Object.keys(localStorage)
    .filter((k) => k.startsWith(`${NS}q:`))
    .sort();
const endOfTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('persisted queue', () => {
  it('writes the events of one task as one versioned, company-namespaced key, once, at the end of the task', async () => {
    const queue = createQueue(createStorage(), KEYS, 'tab1');
    const setItem = vi.spyOn(localStorage, 'setItem');
    const ids = ['a', 'b', 'c'].map((p) => queue.add(body(p), undefined, 1_000).id);
    expect(setItem).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(segmentKeys()).toHaveLength(1);
    await endOfTask();
    queue.add(body('d'), undefined, 1_001);
    await endOfTask();
    expect(segmentKeys()).toHaveLength(2);
    expect(queue.size()).toBe(4);
    expect(queue.head()).toMatchObject({ id: ids[0], body: body('a'), tries: 0, notBefore: 0 });
  });

  it('puts a new segment after those stored, even when the clock went back since they were written', async () => {
    const hourAgo = 10_000_000 - 3_600_000;
    const earlier = createQueue(createStorage(), KEYS, 'tab1');
    earlier.add(body('first'), undefined, 10_000_000);
    await endOfTask();
    const later = createQueue(createStorage(), KEYS, 'tab2');
    later.add(body('second'), undefined, hourAgo);
    await endOfTask();
    expect(later.oldest(2).map((entry) => (entry.body as { product_id: string }).product_id)).toEqual(['first', 'second']);
    // A stored segment more than a day ahead is not a clock change: it does not push new ones forward.
    localStorage.clear();
    localStorage.setItem(`${NS}q:zzzzzzzzz.junk.0000`, '[]');
    const fresh = createQueue(createStorage(), KEYS, 'tab3');
    expect(formatEntryId(fresh.add(body('third'), undefined, hourAgo).id).startsWith(hourAgo.toString(36).padStart(9, '0'))).toBe(true);
  });

  it('finishing or retrying an event writes only a small cursor, never the queue', async () => {
    const queue = createQueue(createStorage(), KEYS, 'tab1');
    for (let i = 0; i < 200; i++) queue.add(body(`p${i}`), undefined, 1_000);
    await endOfTask();
    const setItem = vi.spyOn(localStorage, 'setItem');
    const head = queue.head();
    if (!head) throw new Error('no head');
    queue.save({ ...head, tries: 1, notBefore: 5_000 });
    expect(queue.head()).toMatchObject({ id: head.id, tries: 1, notBefore: 5_000 });
    queue.remove(head.id);
    expect((queue.head()?.body as { product_id?: string } | undefined)?.product_id).toBe('p1');
    expect(setItem.mock.calls.map(([key]) => key.replace(/:[^:]*$/, ':…'))).toEqual([`${NS}qc:…`, `${NS}qc:…`]);
    expect(setItem.mock.calls.every(([, value]) => value.length < 60)).toBe(true);
    expect(queue.size()).toBe(199);
  });

  it('stores only what the wire needs', async () => {
    const queue = createQueue(createStorage(), KEYS, 'tab1');
    queue.add(body('a'), ['fp-user', 'fp-faq'], 1_000);
    await endOfTask();
    expect(JSON.parse(localStorage.getItem(segmentKeys()[0]) as string)).toEqual([{ b: body('a'), f: ['fp-user', 'fp-faq'], t: 1_000 }]);
  });

  it('discards a tampered or corrupt stored event instead of sending it', async () => {
    const queue = createQueue(createStorage(), KEYS, 'tab1');
    queue.add(body('a'), undefined, 1_000);
    await endOfTask();
    queue.add(body('b'), undefined, 2_000);
    queue.add(body('c'), undefined, 2_000);
    await endOfTask();
    const [first, second] = segmentKeys();
    localStorage.setItem(first, '{not json');
    localStorage.setItem(
      second,
      JSON.stringify([
        { b: { ...body('b'), value: 'free' }, t: 2_000 },
        { b: body('c'), t: 2_000 },
      ]),
    );
    const reread = createQueue(createStorage(), KEYS, 'tab2');
    expect((reread.head()?.body as { product_id?: string } | undefined)?.product_id).toBe('c');
    expect(segmentKeys()).toEqual([second]);
  });

  it('sends a stored event as the schema reads it: no unknown field, no stored fingerprint, ids and currency normalized', async () => {
    localStorage.setItem(
      `${NS}q:000000001.old.0000`,
      JSON.stringify([
        {
          b: { ...body('x'), product_id: 123, product_name: '  Shoe  ', currency: 'usd', user_fingerprint: 'EVIL', hack: '<img>' },
          f: ['u', 'f'],
          t: Date.now(),
        },
      ]),
    );
    const api = fakeApi();
    await makeTracker({}, { fetch: api.fetch }).flush();
    expect(api.bodies()).toEqual([{ ...body('123'), currency: 'USD', user_fingerprint: 'u', user_faq_fingerprint: 'f' }]);
  });

  it('sends what an earlier page left, in order, before what this page tracks', async () => {
    // An earlier page left two events it could not send (offline, API down, page closed).
    const left = createQueue(createStorage(), KEYS, 'old');
    left.add(body('A'), undefined, Date.now() - 60_000);
    await endOfTask();
    left.add(body('B'), undefined, Date.now() - 30_000);
    await endOfTask();
    const next = fakeApi();
    const second = makeTracker({}, { fetch: next.fetch });
    second.trackCartEvent(cartEvent({ productId: 'C' }));
    await eventually(() => expect(next.requests).toHaveLength(3));
    expectSentEvents(next.requests, [
      ['ITEM_ADDED', 'A'],
      ['ITEM_ADDED', 'B'],
      ['ITEM_ADDED', 'C'],
    ]);
    await eventually(() => expect(Object.keys(localStorage).filter((k) => k.startsWith(`${NS}q`))).toEqual([]));
  });
});
