#!/bin/sh
# One checkout POSTed to Alhena's API, as the vendor's page shows it: `sh examples/curl/checkout.sh [API host]`.
# The host defaults to the US region; `https://eu.alhena.ai` for the EU, `http://127.0.0.1:4010` for the local sandbox.
# Put your company key, and the fingerprints the shopper's browser handed over, in place of these.
curl --fail-with-body --silent --show-error --max-time 5 "${1:-https://app.alhena.ai}/analytics/checkout_events" -H 'Content-Type: application/json' -d '{"company_key":"acme","user_fingerprint":"550e8400-e29b-41d4-a716-446655440000","user_faq_fingerprint":"660e8400-e29b-41d4-a716-446655441111","value":159.98,"currency":"USD","orderId":"1234","order_id":"1234","line_items":[{"product_id":"42","product_name":"Shoe","quantity":2,"value":159.98,"currency":"USD"}]}'
