import { describe, expect, it } from 'vitest';
import { classifyAnswer, isTransientStatus, readErrorCode } from '../../src/delivery/answer';

const answer = (status: number, text = '', retryAfter: string | null = null) => ({ status, text, retryAfter });

describe('reading the API answer', () => {
  it.each([
    ['MISSING_REQUIRED_FIELDS', 400, 'rejected'],
    ['COMPANY_NOT_FOUND', 404, 'rejected'],
    ['ACTIVE_TICKET_NOT_FOUND', 404, 'not_attributed'],
    ['PREVIOUS_ITEM_ADDED_EVENT_NOT_FOUND', 400, 'rejected'],
    ['PREVIOUS_QUANTITY_INCREASED_EVENT_NOT_FOUND', 400, 'rejected'],
    ['ORDER_ALREADY_EXISTS', 409, 'duplicate'],
  ])('maps %s (HTTP %i) to a final %s', (code, status, expected) => {
    expect(classifyAnswer(answer(status, JSON.stringify({ status: 'error', error_code: code })))).toEqual({
      final: true,
      status: expected,
      code,
    });
  });

  it.each(['error_code', 'code', 'error', 'message', 'detail', 'error_type', 'event_type'])('finds the code under "%s"', (key) => {
    expect(readErrorCode(JSON.stringify({ [key]: 'ACTIVE_TICKET_NOT_FOUND' }))).toBe('ACTIVE_TICKET_NOT_FOUND');
  });

  it('finds a code nested as error.code, inside a sentence, or in a plain-text body', () => {
    expect(readErrorCode('{"error":{"code":"COMPANY_NOT_FOUND","message":"no such company"}}')).toBe('COMPANY_NOT_FOUND');
    expect(readErrorCode('{"message":"Error: ORDER_ALREADY_EXISTS for ORD-1"}')).toBe('ORDER_ALREADY_EXISTS');
    expect(readErrorCode('ACTIVE_TICKET_NOT_FOUND')).toBe('ACTIVE_TICKET_NOT_FOUND');
  });

  it('finds a code in a list of errors, and a documented code under any other key', () => {
    expect(readErrorCode('{"errors":[{"code":"MISSING_REQUIRED_FIELDS","field":"currency"}]}')).toBe('MISSING_REQUIRED_FIELDS');
    expect(readErrorCode('{"errors":[{"reason":"QUOTA_EXCEEDED"}],"result":{"why":"ACTIVE_TICKET_NOT_FOUND"}}')).toBe(
      'ACTIVE_TICKET_NOT_FOUND',
    );
    expect(classifyAnswer(answer(409, '{"status":"error","reason":"ORDER_ALREADY_EXISTS"}'))).toEqual({
      final: true,
      status: 'duplicate',
      code: 'ORDER_ALREADY_EXISTS',
    });
    expect(classifyAnswer(answer(200, '{"status":"error","detail":"ACTIVE_TICKET_NOT_FOUND"}'))).toMatchObject({
      status: 'not_attributed',
    });
  });

  it('reads the success answer as recorded, and a code-shaped word that is no code as no code', () => {
    expect(classifyAnswer(answer(200, '{"status":"success","event_type":"CART_EVENT_RECORDED"}'))).toEqual({
      final: true,
      status: 'recorded',
    });
    expect(classifyAnswer(answer(400, '{"error":"constructor"}'))).toEqual({ final: true, status: 'rejected', code: 'HTTP_400' });
    expect(classifyAnswer(answer(400, '{"errors":[{"code":"toString"}]}'))).toEqual({ final: true, status: 'rejected', code: 'HTTP_400' });
  });

  it('uses the documented code even when the answer says 200', () => {
    expect(classifyAnswer(answer(200, '{"status":"error","code":"ACTIVE_TICKET_NOT_FOUND"}'))).toMatchObject({
      final: true,
      status: 'not_attributed',
    });
  });

  it.each([
    [200, '{"status":"success","event_type":"CART_EVENT_RECORDED"}'],
    [200, ''],
    [204, ''],
    [201, '<html>ok</html>'],
    [200, '{"message":"OK"}'],
  ])('treats HTTP %i with body %j as recorded', (status, text) => {
    expect(classifyAnswer(answer(status, text))).toEqual({ final: true, status: 'recorded' });
  });

  it.each([['{"status":"error"}'], ['{"status":"failed","message":"Something went wrong"}'], ['{"success":false}']])(
    'treats a 2xx whose body %s says it failed, without a code, as rejected API_ERROR',
    (text) => {
      expect(classifyAnswer(answer(200, text))).toEqual({ final: true, status: 'rejected', code: 'API_ERROR' });
    },
  );

  it('treats an undocumented error code in a 2xx error answer as rejected', () => {
    expect(classifyAnswer(answer(200, '{"status":"error","error_code":"RATE_LIMITED_FOREVER"}'))).toEqual({
      final: true,
      status: 'rejected',
      code: 'RATE_LIMITED_FOREVER',
    });
  });

  it.each([
    [400, '', 'HTTP_400'],
    [401, 'Unauthorized', 'HTTP_401'],
    [404, '<html>Not Found</html>', 'HTTP_404'],
    [408, 'Request Timeout', 'HTTP_408'],
    [422, '{"error":"INVALID_CURRENCY"}', 'INVALID_CURRENCY'],
  ])('treats other 4xx as final rejections (HTTP %i %j → %s)', (status, text, code) => {
    expect(classifyAnswer(answer(status, text))).toEqual({ final: true, status: 'rejected', code });
  });

  it.each([0, 429, 500, 502, 503, 504])('treats HTTP %i as transient', (status) => {
    expect(classifyAnswer(answer(status, 'upstream down', '3'))).toMatchObject({ final: false, status, retryAfter: '3' });
  });

  it('treats a network error and a timeout as transient', () => {
    expect(classifyAnswer({ ...answer(0), error: 'network' })).toMatchObject({ final: false, reason: 'network' });
    expect(classifyAnswer({ ...answer(0), error: 'timeout' })).toMatchObject({ final: false, reason: 'timeout' });
  });

  it('keeps a 5xx transient even when its body carries an unknown code', () => {
    expect(classifyAnswer(answer(503, '{"error":"SERVICE_UNAVAILABLE"}'))).toMatchObject({ final: false });
  });

  it('retries network errors, timeouts, 429 and every 5xx; a 408 only within one server call', () => {
    const statuses = [0, 200, 400, 404, 408, 409, 413, 429, 500, 501, 503, 599];
    expect(statuses.filter((status) => isTransientStatus(status))).toEqual([0, 429, 500, 501, 503, 599]);
    expect(statuses.filter((status) => isTransientStatus(status, 'call'))).toEqual([0, 408, 429, 500, 501, 503, 599]);
  });
});
