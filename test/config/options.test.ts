import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/options';
import { readScriptAttributes } from '../../src/config/script-attributes';

const gleen = (config: Record<string, unknown>) => {
  (document as unknown as { gleenConfig: unknown }).gleenConfig = config;
};
const widgetScript = (src: string) => {
  const script = document.createElement('script');
  script.src = src;
  document.head.append(script);
};
const resolved = (options: Record<string, unknown> = {}) => {
  const result = resolveConfig(options, document);
  if (!result.ok) throw new Error(result.message);
  return result.config;
};

describe('configuration resolution', () => {
  it('needs nothing on a page that runs the Alhena widget: company and API host come from document.gleenConfig', () => {
    gleen({ company: 'acme', apiBaseUrl: 'https://eu.alhena.ai' });
    expect(resolved()).toMatchObject({ companyKey: 'acme', apiBaseUrl: 'https://eu.alhena.ai', source: 'CUSTOM', consent: 'granted' });
  });

  it('lets an explicit option win over document.gleenConfig', () => {
    gleen({ company: 'from-widget', apiBaseUrl: 'https://eu.alhena.ai' });
    expect(resolved({ companyKey: 'acme', apiBaseUrl: 'https://shop.example/alhena/' })).toMatchObject({
      companyKey: 'acme',
      apiBaseUrl: 'https://shop.example/alhena',
    });
  });

  it('lets an explicit region select its host over the widget host', () => {
    gleen({ company: 'acme', apiBaseUrl: 'https://app.alhena.ai' });
    expect(resolved({ region: 'eu' }).apiBaseUrl).toBe('https://eu.alhena.ai');
    expect(resolved({ region: 'us' }).apiBaseUrl).toBe('https://app.alhena.ai');
  });

  it('reads region and consent whatever their case and surrounding spaces, and names a wrong one', () => {
    expect(resolved({ companyKey: 'acme', region: ' EU ', consent: 'Pending' })).toMatchObject({
      apiBaseUrl: 'https://eu.alhena.ai',
      consent: 'pending',
    });
    expect(resolveConfig({ companyKey: 'acme', region: 'asia' as never }, document)).toEqual({
      ok: false,
      message: 'option `region` must be "us" or "eu"',
    });
    expect(resolveConfig({ companyKey: 'acme', consent: 42 as never }, document)).toMatchObject({
      ok: false,
      message: expect.stringContaining('`consent`'),
    });
  });

  it('prefers an explicit apiBaseUrl over an explicit region', () => {
    expect(resolved({ companyKey: 'acme', region: 'eu', apiBaseUrl: 'https://proxy.example' }).apiBaseUrl).toBe('https://proxy.example');
  });

  it('infers the EU region from the origin of the widget script', () => {
    widgetScript('https://eu.alhena.ai/sdk/gleenWidget.js');
    expect(resolved({ companyKey: 'acme' }).apiBaseUrl).toBe('https://eu.alhena.ai');
  });

  it('infers the US region from a US or legacy widget script, and defaults to US without one', () => {
    expect(resolved({ companyKey: 'acme' }).apiBaseUrl).toBe('https://app.alhena.ai');
    widgetScript('https://app.gleen.ai/sdk/gleenWidget.js');
    expect(resolved({ companyKey: 'acme' }).apiBaseUrl).toBe('https://app.alhena.ai');
  });

  it('prefers document.gleenConfig.apiBaseUrl over the widget script origin', () => {
    widgetScript('https://eu.alhena.ai/sdk/gleenWidget.js');
    gleen({ company: 'acme', apiBaseUrl: 'https://app.alhena.ai' });
    expect(resolved().apiBaseUrl).toBe('https://app.alhena.ai');
  });

  it('reports a missing company key clearly, marked as possibly arriving later', () => {
    const result = resolveConfig({}, document);
    expect(result).toMatchObject({ ok: false, missingKey: true });
    expect(!result.ok && result.message).toMatch(/no company key.*companyKey.*data-company-key.*gleenConfig/s);
  });

  it.each([
    [{ region: 'asia' }, 'option `region` must be "us" or "eu"'],
    [{ apiBaseUrl: 'not a url' }, 'option `apiBaseUrl` must be an absolute http(s) URL'],
    [{ apiBaseUrl: 'ftp://x.example' }, 'option `apiBaseUrl` must be an absolute http(s) URL'],
    [{ currency: 'dollars' }, 'option `currency` must be an ISO 4217 code'],
    [{ consent: 'yes' }, 'option `consent` must be "granted", "pending", "denied" or "google"'],
    [{ debug: 'maybe' }, 'option `debug` must be true or false'],
    [{ onEvent: 'log' }, 'option `onEvent` must be a function'],
  ])('names the bad option %j', (options, message) => {
    const result = resolveConfig({ companyKey: 'acme', ...options } as never, document);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('upper-cases the default currency and keeps autoTrack off for npm unless asked', () => {
    const config = resolved({ companyKey: 'acme', currency: 'eur' });
    expect(config.currency).toBe('EUR');
    expect(config.autoTrack).toBe(false);
    expect(resolveConfig({ companyKey: 'acme' }, document, true)).toMatchObject({ config: { autoTrack: true } });
  });
});

describe('script-tag attributes', () => {
  it('reads every documented data-* attribute', () => {
    const script = document.createElement('script');
    const attributes = {
      'data-company-key': 'acme',
      'data-api-base-url': 'https://proxy.example',
      'data-region': 'eu',
      'data-currency': 'EUR',
      'data-source': 'WOOCOMMERCE',
      'data-consent': 'pending',
      'data-auto-track': 'false',
      'data-datalayer': 'true',
      'data-debug': '',
      'data-allow-shopify': 'true',
    };
    for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
    expect(readScriptAttributes(script)).toEqual({
      companyKey: 'acme',
      apiBaseUrl: 'https://proxy.example',
      region: 'eu',
      currency: 'EUR',
      source: 'WOOCOMMERCE',
      consent: 'pending',
      autoTrack: false,
      dataLayer: true,
      debug: true,
      allowShopify: true,
    });
  });

  it('leaves an unreadable flag as text so validation names it', () => {
    const script = document.createElement('script');
    script.setAttribute('data-debug', 'yes please');
    expect(readScriptAttributes(script)).toEqual({ debug: 'yes please' });
    expect(resolveConfig({ companyKey: 'a', ...readScriptAttributes(script) }, document)).toMatchObject({ ok: false });
  });

  it('takes an empty attribute (a blank template variable) as not given, so the next source applies', () => {
    gleen({ company: 'from-widget', apiBaseUrl: 'https://eu.alhena.ai' });
    const script = document.createElement('script');
    script.setAttribute('data-company-key', '');
    script.setAttribute('data-api-base-url', '  ');
    script.setAttribute('data-region', '');
    expect(readScriptAttributes(script)).toEqual({});
    expect(resolved({ ...readScriptAttributes(script) })).toMatchObject({ companyKey: 'from-widget', apiBaseUrl: 'https://eu.alhena.ai' });
  });

  it('reads nothing from a missing script element', () => {
    expect(readScriptAttributes(null)).toEqual({});
  });
});
