/**
 * `JSON.stringify` whatever a page's old scripts did: Prototype.js 1.6 adds `Array.prototype.toJSON`,
 * which turns every array into a string (a checkout's `line_items` sent as a string, the stored queue
 * and order ids unreadable on the next page). When such a method exists, each object is written as the
 * object itself, never as what its `toJSON` returns. The SDK writes only plain objects and arrays.
 */
export function toJson(value: unknown): string {
  if (!('toJSON' in Array.prototype || 'toJSON' in Object.prototype)) return JSON.stringify(value);
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced) {
    const original = this[key];
    return typeof original === 'object' && original !== null ? original : replaced;
  });
}
