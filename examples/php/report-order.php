<?php
// Any PHP store (Magento, Laravel, a payment webhook): the order its checkout form posted, reported with the
// two fingerprints the form carried. In development ALHENA_API_BASE_URL points at the local sandbox.
require_once __DIR__ . '/alhena.php';

$config = ['company_key' => 'acme', 'region' => 'eu', 'api_base_url' => getenv('ALHENA_API_BASE_URL') ?: null];
$read = alhena_read_fingerprints($_POST); // or any array: a payment provider's metadata
if ($read['ok']) {
    $result = alhena_send_checkout($config, [
        'order_id' => '1234', // your order's id, and your own product ids: as the browser's cart events name them
        'value' => 159.98,
        'currency' => 'EUR',
        'line_items' => [['product_id' => '42', 'product_name' => 'Shoe', 'quantity' => 2, 'value' => 159.98]],
    ], $read['fingerprints']);
    if ($result['status'] === 'failed') { // no answer in time, 429 or 5xx: send again from a job queue, within 24 hours
        error_log("Alhena: {$result['code']}, retry later");
    }
}
