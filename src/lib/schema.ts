import * as v from 'valibot';

/**
 * `v.object` over entries without a prototype. valibot walks an object schema's entries with `for…in`,
 * which also visits what a page's old script added to `Object.prototype` (`Object.prototype.count = 7`):
 * every parse then threw, and the SDK could not even start.
 */
export const object = <const TEntries extends v.ObjectEntries>(entries: TEntries, message?: string) =>
  v.object(Object.assign(Object.create(null) as TEntries, entries), message);
