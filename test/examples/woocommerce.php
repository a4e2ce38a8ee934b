<?php
// Runs examples/php/woocommerce-hooks.php against the least of WordPress and WooCommerce it calls (no WordPress
// here): `php woocommerce.php <API host> < scenario.json`, scenario { post, order: { id, total, currency, items } }.
// Posts a checkout, then fires the payment hooks as WooCommerce does, and prints the order's meta as JSON.
$hooks = [];
function add_action($name, $callback) { $GLOBALS['hooks'][$name][] = $callback; }
function do_action($name, ...$args) { foreach ($GLOBALS['hooks'][$name] ?? [] as $callback) { $callback(...$args); } }
function wp_unslash($value) { return is_array($value) ? array_map('wp_unslash', $value) : stripslashes((string) $value); }
function wc_get_order($id) { return $GLOBALS['orders'][$id] ?? false; }

class StubItem
{
    public $data;
    public function __construct(array $data) { $this->data = $data; }
    public function get_product_id() { return $this->data['product_id']; }
    public function get_variation_id() { return $this->data['variation_id'] ?? 0; }
    public function get_name() { return $this->data['name']; }
    public function get_quantity() { return $this->data['quantity']; }
}

class StubOrder
{
    public $data;
    public $meta = [];
    public $saved = [];
    public function __construct(array $data) { $this->data = $data; }
    public function get_id() { return $this->data['id']; }
    public function get_total() { return (string) $this->data['total']; }
    public function get_currency() { return $this->data['currency']; }
    public function get_items() { return array_map(function ($item) { return new StubItem($item); }, $this->data['items']); }
    public function get_line_total($item, $incTax) { return (string) ($incTax ? $item->data['total'] + $item->data['tax'] : $item->data['total']); }
    public function get_date_created() { return new DateTimeImmutable(); }
    public function get_meta($key) { return $this->meta[$key] ?? ''; }
    public function update_meta_data($key, $value) { $this->meta[$key] = $value; }
    public function save_meta_data() { $this->saved = $this->meta; }
}

define('ALHENA_COMPANY_KEY', 'acme');
define('ALHENA_API_BASE_URL', $argv[1]);
require __DIR__ . '/../../examples/php/woocommerce-hooks.php';

$scenario = json_decode(stream_get_contents(STDIN), true);
$order = new StubOrder($scenario['order']);
$orders = [$order->get_id() => $order];
$_POST = array_map('addslashes', $scenario['post']); // WordPress adds slashes to $_POST
do_action('woocommerce_checkout_create_order', $order, []);
$order->saved = $order->meta; // WooCommerce saves the new order
do_action('woocommerce_payment_complete', $order->get_id());
do_action('woocommerce_order_status_processing', $order->get_id(), $order);
echo json_encode((object) $order->saved);
