<?php
// Prepended to examples/php/report-order.php by the tests: the posted form, from the POST_JSON environment variable.
$_POST = json_decode(getenv('POST_JSON'), true);
