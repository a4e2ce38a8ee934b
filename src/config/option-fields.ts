import * as v from 'valibot';

/** An API host (`apiBaseUrl`, `document.gleenConfig.apiBaseUrl`): an absolute http(s) URL, its trailing slashes dropped. */
export const HttpUrlField = v.pipe(
  v.string('must be a URL'),
  v.transform((url) => url.trim().replace(/\/+$/, '')),
  v.check((url) => /^https?:\/\/[^\s/?#]+/i.test(url), 'must be an absolute http(s) URL such as "https://app.alhena.ai"'),
);

/** The wire field `source` of cart events, `'CUSTOM'` unless given. */
export const SourceField = v.optional(v.pipe(v.string('must be a string'), v.trim(), v.nonEmpty('must not be empty')), 'CUSTOM');
