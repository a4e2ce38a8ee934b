<?php
/**
 * Plugin Name: Alhena order reporting
 * Description: Keeps the Alhena fingerprints the checkout form posted as order meta, and reports each order to Alhena once it is paid.
 */
// Put this file and alhena.php in wp-content/mu-plugins/ (or a plugin of your own), and in wp-config.php:
//   define('ALHENA_COMPANY_KEY', 'acme');
//   define('ALHENA_REGION', 'eu');                              // 'us' (the default) or 'eu'
//   define('ALHENA_API_BASE_URL', 'http://127.0.0.1:4010');     // development only: the local sandbox
// With the tag on the store, add data-orders-from="server" to it: the order is then reported from here only.

require_once __DIR__ . '/alhena.php';

const ALHENA_META_USER = '_alhena_user_fingerprint';
const ALHENA_META_FAQ = '_alhena_faq_fingerprint';
const ALHENA_META_REPORTED = '_alhena_reported';
const ALHENA_RETRY_SECONDS = 600;
const ALHENA_ATTRIBUTION_WINDOW_SECONDS = 86400;

function alhena_wc_config(): array
{
    return [
        'company_key' => defined('ALHENA_COMPANY_KEY') ? ALHENA_COMPANY_KEY : '',
        'region' => defined('ALHENA_REGION') ? ALHENA_REGION : 'us',
        'api_base_url' => defined('ALHENA_API_BASE_URL') ? ALHENA_API_BASE_URL : null,
        'timeout' => 5,
    ];
}

// The classic checkout form posts the fingerprints: the tag fills them into a form marked data-alhena-fingerprints.
// (The Checkout block posts JSON to the Store API, not the form: there, keep the browser's order reporting.)
add_action('wp_enqueue_scripts', function () {
    if (function_exists('is_checkout') && is_checkout() && !is_order_received_page()) {
        wp_add_inline_script('wc-checkout', "document.querySelector('form.checkout')?.setAttribute('data-alhena-fingerprints', '');");
    }
});

// As the order is created from the posted checkout: keep the two fingerprints, if they are valid, as order meta.
add_action('woocommerce_checkout_create_order', function ($order) {
    $read = alhena_read_fingerprints(wp_unslash($_POST));
    if ($read['ok']) {
        $order->update_meta_data(ALHENA_META_USER, $read['fingerprints']['user']);
        $order->update_meta_data(ALHENA_META_FAQ, $read['fingerprints']['faq']);
    }
});

// Paid (a gateway's callback, or an order marked processing by hand): report it, outside the shopper's request.
add_action('woocommerce_payment_complete', 'alhena_wc_schedule_report');
add_action('woocommerce_order_status_processing', 'alhena_wc_schedule_report');
add_action('alhena_wc_report_order', 'alhena_wc_report_order');

function alhena_wc_schedule_report($orderId): void
{
    if (function_exists('as_enqueue_async_action')) {
        // Both hooks fire for most orders: one report is queued.
        if (!as_has_scheduled_action('alhena_wc_report_order', [(int) $orderId], 'alhena')) {
            as_enqueue_async_action('alhena_wc_report_order', [(int) $orderId], 'alhena');
        }
    } else {
        alhena_wc_report_order((int) $orderId);
    }
}

/** Sends the order once: the meta flag is set on any final answer; `failed` is tried again later, within a day. */
function alhena_wc_report_order(int $orderId): void
{
    $order = wc_get_order($orderId);
    $user = $order ? $order->get_meta(ALHENA_META_USER) : '';
    if (!$order || !$user || $order->get_meta(ALHENA_META_REPORTED)) {
        return;
    }
    $fingerprints = ['user' => $user, 'faq' => $order->get_meta(ALHENA_META_FAQ)];
    $result = alhena_send_checkout(alhena_wc_config(), alhena_wc_order($order), $fingerprints);
    if ($result['status'] !== 'failed') {
        $order->update_meta_data(ALHENA_META_REPORTED, $result['status']);
        $order->save_meta_data();
        return;
    }
    $created = $order->get_date_created();
    $retryAt = time() + ALHENA_RETRY_SECONDS;
    if (function_exists('as_schedule_single_action') && $created && $retryAt < $created->getTimestamp() + ALHENA_ATTRIBUTION_WINDOW_SECONDS) {
        as_schedule_single_action($retryAt, 'alhena_wc_report_order', [$orderId], 'alhena');
    }
}

/** The order as Alhena's checkout body wants it, with the ids the browser's cart events use (a variation's own id). */
function alhena_wc_order($order): array
{
    $lines = [];
    foreach ($order->get_items() as $item) {
        $lines[] = [
            'product_id' => (string) ($item->get_variation_id() ?: $item->get_product_id()),
            'product_name' => $item->get_name(),
            'quantity' => (int) $item->get_quantity(),
            'value' => round((float) $order->get_line_total($item, true), 2), // after discounts, taxes in
        ];
    }
    return [
        'order_id' => (string) $order->get_id(),
        'value' => round((float) $order->get_total(), 2),
        'currency' => $order->get_currency(),
        'line_items' => $lines,
    ];
}
