<?php
// Test driver for examples/php/alhena.php: `php run.php <API host> < scenarios.json`, each scenario
// { post, checkout?, cart?, company_key?, timeout? }. Reads the fingerprints from `post` as a store reads $_POST,
// sends what the scenario holds, and prints [{ read, checkout?, cart? }, …] as JSON.
require __DIR__ . '/../../examples/php/alhena.php';

$out = [];
foreach (json_decode(stream_get_contents(STDIN), true) as $scenario) {
    $config = ['company_key' => $scenario['company_key'] ?? 'acme', 'api_base_url' => $argv[1], 'timeout' => $scenario['timeout'] ?? 5];
    $_POST = $scenario['post'];
    $result = ['read' => alhena_read_fingerprints()];
    if ($result['read']['ok']) {
        foreach (['cart' => 'alhena_send_cart_event', 'checkout' => 'alhena_send_checkout'] as $kind => $send) {
            if (isset($scenario[$kind])) {
                $result[$kind] = $send($config, $scenario[$kind], $result['read']['fingerprints']);
            }
        }
    }
    $out[] = $result;
}
echo json_encode($out);
