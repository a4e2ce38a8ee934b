<?php
// Reports cart and checkout events to Alhena's API from a PHP store's server, with the two fingerprints the
// shopper's browser handed over (a `<form data-alhena-fingerprints>` posts them as `alhena_user_fingerprint` and
// `alhena_faq_fingerprint`). PHP 7.4 or later; ext-curl when loaded, else PHP's own HTTP streams. No Composer package.
// The bodies are the vendor's (docs: HTTP APIs), as `@alhena/cart-events/server` sends them.

const ALHENA_HOSTS = ['us' => 'https://app.alhena.ai', 'eu' => 'https://eu.alhena.ai'];
const ALHENA_TIMEOUT_SECONDS = 5;
const ALHENA_MAX_ID_LENGTH = 256;
const ALHENA_MAX_NAME_LENGTH = 512;
const ALHENA_MAX_LINE_ITEMS = 200;
const ALHENA_CART_TYPES = ['ITEM_ADDED', 'QUANTITY_INCREASED', 'QUANTITY_DECREASED', 'ITEM_REMOVED'];

/**
 * The two fingerprints from a posted form (`$_POST` by default) or any array (a payment provider's metadata),
 * checked by the SDK's rule: trimmed, 1 to 256 printable ASCII characters, not "undefined" or "null".
 * Returns ['ok' => true, 'fingerprints' => ['user' => …, 'faq' => …]] or ['ok' => false, 'issues' => [field => message]].
 */
function alhena_read_fingerprints(?array $source = null): array
{
    $source = $source ?? $_POST;
    $fingerprints = [];
    $issues = [];
    foreach (['user' => 'alhena_user_fingerprint', 'faq' => 'alhena_faq_fingerprint'] as $key => $field) {
        $value = $source[$field] ?? null;
        if (is_array($value)) { // a field posted twice as `name[]`: its first value that is not empty
            $value = array_values(array_filter($value, function ($item) { return $item !== '' && $item !== null; }))[0] ?? null;
        }
        $problem = alhena_fingerprint_problem($value);
        if ($problem === null) {
            $fingerprints[$key] = trim($value);
        } else {
            $issues[$field] = $problem;
        }
    }
    return $issues ? ['ok' => false, 'issues' => $issues] : ['ok' => true, 'fingerprints' => $fingerprints];
}

/** What is wrong with one handed-over fingerprint, or null. */
function alhena_fingerprint_problem($value): ?string
{
    if ($value === null || $value === '') {
        return 'is missing: the browser handed no fingerprint over (no widget, or no consent)';
    }
    if (!is_string($value)) {
        return 'must be a string';
    }
    $value = trim($value);
    if ($value === '') {
        return 'must not be empty';
    }
    if (preg_match('/^(undefined|null)$/i', $value)) {
        return 'is the text "undefined" or "null": the fingerprint was missing where it was written';
    }
    if (strlen($value) > 256) {
        return 'must be at most 256 characters';
    }
    if (!preg_match('/^[!-~]+$/', $value)) {
        return 'must be the widget’s fingerprint: no spaces or other characters outside printable ASCII';
    }
    return null;
}

/**
 * Reports a paid order: `POST /analytics/checkout_events`.
 * $config: ['company_key' => 'acme', 'region' => 'us'|'eu', 'api_base_url' => (optional, e.g. the local sandbox), 'timeout' => seconds]
 * $order: ['order_id' => '1234', 'value' => 159.98, 'currency' => 'USD',
 *          'line_items' => [['product_id' => '42', 'product_name' => 'Shoe', 'quantity' => 2, 'value' => 159.98], …]]
 *   (a line's `value` is its total, price × quantity; its `currency` defaults to the order's).
 * Never throws. Returns ['status' => 'recorded'|'duplicate'|'not_attributed'|'rejected'|'invalid'|'failed', 'code' => ?string,
 * 'http_status' => ?int, 'issues' => [field => message]]. Only `failed` is worth retrying later (within 24 hours).
 */
function alhena_send_checkout(array $config, array $order, array $fingerprints): array
{
    try {
        $currency = is_string($order['currency'] ?? null) ? strtoupper(trim($order['currency'])) : null;
        $issues = [];
        $body = [
            'company_key' => $config['company_key'] ?? null,
            'user_fingerprint' => $fingerprints['user'] ?? null,
            'user_faq_fingerprint' => $fingerprints['faq'] ?? null,
            'value' => alhena_money($order['value'] ?? null, 'value', $issues),
            'currency' => alhena_currency($currency, 'currency', $issues),
        ];
        if (isset($order['order_id'])) {
            // The vendor's field table says `orderId`, its example `order_id`: both are sent, with the same value.
            $body['orderId'] = alhena_text($order['order_id'], ALHENA_MAX_ID_LENGTH, 'order_id', $issues);
            $body['order_id'] = $body['orderId'];
        }
        $lines = $order['line_items'] ?? null;
        if (!is_array($lines) || !$lines || count($lines) > ALHENA_MAX_LINE_ITEMS) {
            $issues['line_items'] = 'must hold 1 to ' . ALHENA_MAX_LINE_ITEMS . ' lines';
            $lines = [];
        }
        $body['line_items'] = [];
        foreach (array_values($lines) as $index => $line) {
            $at = "line_items.$index.";
            $body['line_items'][] = [
                'product_id' => alhena_text($line['product_id'] ?? null, ALHENA_MAX_ID_LENGTH, $at . 'product_id', $issues),
                'product_name' => alhena_text($line['product_name'] ?? null, ALHENA_MAX_NAME_LENGTH, $at . 'product_name', $issues),
                'quantity' => alhena_quantity($line['quantity'] ?? null, 1, $at . 'quantity', $issues),
                'value' => alhena_money($line['value'] ?? null, $at . 'value', $issues),
                'currency' => alhena_currency($line['currency'] ?? $currency, $at . 'currency', $issues),
            ];
        }
        return alhena_post($config, 'checkout_events', $body, $issues);
    } catch (\Throwable $error) {
        return ['status' => 'failed', 'code' => 'INTERNAL_ERROR', 'http_status' => null, 'issues' => ['' => $error->getMessage()]];
    }
}

/**
 * Reports one cart change: `POST /analytics/cart_events`.
 * $event: ['type' => 'ITEM_ADDED', 'product_id' => '42', 'product_name' => 'Shoe', 'value' => 79.99 (unit price),
 *          'currency' => 'USD', 'quantity' => 1 (after the change), 'source' => 'CUSTOM' (optional)]
 * Never throws; answers as alhena_send_checkout() does.
 */
function alhena_send_cart_event(array $config, array $event, array $fingerprints): array
{
    try {
        $issues = [];
        $type = $event['type'] ?? null;
        if (!in_array($type, ALHENA_CART_TYPES, true)) {
            $issues['type'] = 'must be one of ' . implode(', ', ALHENA_CART_TYPES);
        }
        $body = [
            'company_key' => $config['company_key'] ?? null,
            'user_fingerprint' => $fingerprints['user'] ?? null,
            'user_faq_fingerprint' => $fingerprints['faq'] ?? null,
            'type' => $type,
            'product_id' => alhena_text($event['product_id'] ?? null, ALHENA_MAX_ID_LENGTH, 'product_id', $issues),
            'product_name' => alhena_text($event['product_name'] ?? null, ALHENA_MAX_NAME_LENGTH, 'product_name', $issues),
            'value' => alhena_money($event['value'] ?? null, 'value', $issues),
            'currency' => alhena_currency($event['currency'] ?? null, 'currency', $issues),
            'quantity' => alhena_quantity($event['quantity'] ?? null, 0, 'quantity', $issues),
            'source' => alhena_text($event['source'] ?? 'CUSTOM', ALHENA_MAX_ID_LENGTH, 'source', $issues),
        ];
        return alhena_post($config, 'cart_events', $body, $issues);
    } catch (\Throwable $error) {
        return ['status' => 'failed', 'code' => 'INTERNAL_ERROR', 'http_status' => null, 'issues' => ['' => $error->getMessage()]];
    }
}

/** Checks the company key and fingerprints, then sends the body; with any issue, nothing is sent. */
function alhena_post(array $config, string $path, array $body, array $issues): array
{
    if (!is_string($body['company_key']) || trim($body['company_key']) === '') {
        $issues['company_key'] = 'is required: your Alhena company key';
    }
    foreach (['user_fingerprint' => 'user', 'user_faq_fingerprint' => 'faq'] as $field => $key) {
        $problem = alhena_fingerprint_problem($body[$field]);
        if ($problem !== null) {
            $issues["fingerprints.$key"] = $problem;
        }
    }
    if ($issues) {
        return ['status' => 'invalid', 'code' => null, 'http_status' => null, 'issues' => $issues];
    }
    $body['user_fingerprint'] = trim($body['user_fingerprint']);
    $body['user_faq_fingerprint'] = trim($body['user_faq_fingerprint']);
    $base = $config['api_base_url'] ?? ALHENA_HOSTS[$config['region'] ?? 'us'] ?? ALHENA_HOSTS['us'];
    $json = json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
    $answer = alhena_http_post(rtrim($base, '/') . '/analytics/' . $path, $json, (float) ($config['timeout'] ?? ALHENA_TIMEOUT_SECONDS));
    return alhena_outcome($answer['status'], $answer['body']);
}

/** One POST of a JSON body: ['status' => HTTP status or 0 when none came, 'body' => text]. */
function alhena_http_post(string $url, string $json, float $timeoutSeconds): array
{
    $headers = ['Content-Type: application/json', 'Accept: application/json'];
    if (function_exists('curl_init')) {
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $json,
            CURLOPT_HTTPHEADER => $headers,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CONNECTTIMEOUT_MS => (int) ($timeoutSeconds * 1000),
            CURLOPT_TIMEOUT_MS => (int) ($timeoutSeconds * 1000),
        ]);
        $text = curl_exec($curl);
        $status = $text === false ? 0 : (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        curl_close($curl);
        return ['status' => $status, 'body' => is_string($text) ? $text : ''];
    }
    $context = stream_context_create(['http' => [
        'method' => 'POST',
        'header' => implode("\r\n", $headers),
        'content' => $json,
        'timeout' => $timeoutSeconds,
        'ignore_errors' => true, // read 4xx and 5xx answers rather than fail on them
        'follow_location' => 0,
    ]]);
    $text = @file_get_contents($url, false, $context);
    $lines = function_exists('http_get_last_response_headers') ? http_get_last_response_headers() : ($http_response_header ?? []);
    $status = $text !== false && preg_match('#^HTTP/\S+ (\d{3})#', $lines[0] ?? '', $match) ? (int) $match[1] : 0;
    return ['status' => $status, 'body' => is_string($text) ? $text : ''];
}

/** The API's answer as a status, as `@alhena/cart-events/server` names them. */
function alhena_outcome(int $status, string $text): array
{
    $code = null;
    $answer = json_decode($text, true);
    foreach (['error_code', 'code', 'error', 'message'] as $field) {
        if (is_array($answer) && is_string($answer[$field] ?? null) && preg_match('/^[A-Z][A-Z_]+$/', $answer[$field])) {
            $code = $answer[$field];
            break;
        }
    }
    $result = ['status' => 'failed', 'code' => $code, 'http_status' => $status ?: null, 'issues' => []];
    if ($status >= 200 && $status < 300) {
        $result['status'] = 'recorded';
    } elseif ($code === 'ORDER_ALREADY_EXISTS') {
        $result['status'] = 'duplicate';
    } elseif ($code === 'ACTIVE_TICKET_NOT_FOUND') {
        $result['status'] = 'not_attributed'; // the shopper had not talked to the widget: not an error
    } elseif ($status >= 400 && $status < 500 && $status !== 408 && $status !== 429) {
        $result['status'] = 'rejected';
        $result['code'] = $code ?? "HTTP_$status";
    } else {
        $result['code'] = $status ? "HTTP_$status" : 'NETWORK_ERROR'; // a timeout, no connection, 408, 429, 5xx
    }
    return $result;
}

/** Non-empty text of at most $max characters (a number becomes its digits). */
function alhena_text($value, int $max, string $field, array &$issues): ?string
{
    if (is_int($value) || (is_float($value) && is_finite($value))) {
        $value = (string) $value;
    }
    if (!is_string($value) || trim($value) === '') {
        $issues[$field] = 'must be a non-empty string';
        return null;
    }
    $value = trim($value);
    if (alhena_length($value) > $max) {
        $issues[$field] = "must be at most $max characters";
    }
    return $value;
}

/** Length as JavaScript's String.length counts it (UTF-16 code units), which is how the SDK's limits count. */
function alhena_length(string $text): int
{
    $characters = preg_match_all('/./su', $text);
    return $characters === false ? strlen($text) : $characters + preg_match_all('/[\x{10000}-\x{10FFFF}]/u', $text);
}

function alhena_money($value, string $field, array &$issues): ?float
{
    if (is_numeric($value) && is_finite((float) $value) && (float) $value >= 0) {
        return (float) $value;
    }
    $issues[$field] = 'must be a number, 0 or more';
    return null;
}

function alhena_quantity($value, int $min, string $field, array &$issues): ?int
{
    if (is_int($value) || (is_string($value) && ctype_digit($value)) || (is_float($value) && floor($value) === $value)) {
        if ((int) $value >= $min) {
            return (int) $value;
        }
    }
    $issues[$field] = "must be a whole number, $min or more";
    return null;
}

function alhena_currency($value, string $field, array &$issues): ?string
{
    $code = is_string($value) ? strtoupper(trim($value)) : '';
    if (preg_match('/^[A-Z]{3}$/', $code)) {
        return $code;
    }
    $issues[$field] = 'must be an ISO 4217 code such as "USD"';
    return null;
}
