"""Reports cart and checkout events to Alhena's API from a Python store's server (Django, Flask, FastAPI, a job
queue), with the two fingerprints the shopper's browser handed over (a ``<form data-alhena-fingerprints>`` posts
them as ``alhena_user_fingerprint`` and ``alhena_faq_fingerprint``). Python 3.8 or later, standard library only.
The bodies are the vendor's (docs: HTTP APIs), as ``@alhena/cart-events/server`` sends them.
"""

import json
import re
import urllib.error
import urllib.request
from decimal import Decimal

HOSTS = {"us": "https://app.alhena.ai", "eu": "https://eu.alhena.ai"}
TIMEOUT_SECONDS = 5
MAX_ID_LENGTH = 256
MAX_NAME_LENGTH = 512
MAX_LINE_ITEMS = 200
CART_TYPES = ("ITEM_ADDED", "QUANTITY_INCREASED", "QUANTITY_DECREASED", "ITEM_REMOVED")
FIELDS = {"user": "alhena_user_fingerprint", "faq": "alhena_faq_fingerprint"}


def read_fingerprints(source):
    """The two fingerprints from a posted form (Django's ``request.POST``, Flask's ``request.form``) or a dict (a
    payment provider's metadata), checked by the SDK's rule: trimmed, 1 to 256 printable ASCII characters, not
    "undefined" or "null". Returns ``{"ok": True, "fingerprints": {"user", "faq"}}`` or ``{"ok": False, "issues": {field: message}}``.
    """
    fingerprints, issues = {}, {}
    for key, field in FIELDS.items():
        try:
            values = source.getlist(field) if hasattr(source, "getlist") else [source.get(field)]
        except Exception as error:  # a source that cannot be read is an issue, not an exception
            values = []
            issues[field] = "could not be read from the source: %s" % error
        if field in issues:
            continue
        value = next((item for item in values if item not in ("", None)), None)
        problem = fingerprint_problem(value)
        if problem:
            issues[field] = problem
        else:
            fingerprints[key] = value.strip()
    return {"ok": False, "issues": issues} if issues else {"ok": True, "fingerprints": fingerprints}


def fingerprint_problem(value):
    """What is wrong with one handed-over fingerprint, or None."""
    if value is None or value == "":
        return "is missing: the browser handed no fingerprint over (no widget, or no consent)"
    if not isinstance(value, str):
        return "must be a string"
    value = value.strip()
    if not value:
        return "must not be empty"
    if re.fullmatch(r"(?i)undefined|null", value):
        return 'is the text "undefined" or "null": the fingerprint was missing where it was written'
    if len(value) > 256:
        return "must be at most 256 characters"
    if not re.fullmatch(r"[!-~]+", value):
        return "must be the widget's fingerprint: no spaces or other characters outside printable ASCII"
    return None


def send_checkout(config, order, fingerprints):
    """Reports a paid order: ``POST /analytics/checkout_events``.

    config: ``{"company_key": "acme", "region": "us"|"eu", "api_base_url": optional (e.g. the local sandbox), "timeout": seconds}``
    order: ``{"order_id": "1234", "value": 159.98, "currency": "USD", "line_items": [{"product_id": "42",
    "product_name": "Shoe", "quantity": 2, "value": 159.98}]}`` (a line's value is its total; its currency defaults to the order's).
    Never raises. Returns ``{"status": "recorded"|"duplicate"|"not_attributed"|"rejected"|"invalid"|"failed", "code",
    "http_status", "issues"}``. Only ``failed`` is worth retrying later (within 24 hours).
    """
    try:
        issues = {}
        currency = order.get("currency")
        currency = currency.strip().upper() if isinstance(currency, str) else None
        body = {
            "company_key": config.get("company_key"),
            "user_fingerprint": fingerprints.get("user"),
            "user_faq_fingerprint": fingerprints.get("faq"),
            "value": _money(order.get("value"), "value", issues),
            "currency": _currency(currency, "currency", issues),
        }
        if order.get("order_id") is not None:
            # The vendor's field table says `orderId`, its example `order_id`: both are sent, with the same value.
            body["orderId"] = body["order_id"] = _text(order["order_id"], MAX_ID_LENGTH, "order_id", issues)
        lines = order.get("line_items")
        if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_LINE_ITEMS:
            issues["line_items"] = "must hold 1 to %d lines" % MAX_LINE_ITEMS
            lines = []
        body["line_items"] = [
            {
                "product_id": _text(line.get("product_id"), MAX_ID_LENGTH, "line_items.%d.product_id" % i, issues),
                "product_name": _text(line.get("product_name"), MAX_NAME_LENGTH, "line_items.%d.product_name" % i, issues),
                "quantity": _quantity(line.get("quantity"), 1, "line_items.%d.quantity" % i, issues),
                "value": _money(line.get("value"), "line_items.%d.value" % i, issues),
                "currency": _currency(line.get("currency", currency), "line_items.%d.currency" % i, issues),
            }
            for i, line in enumerate(lines)
        ]
        return _post(config, "checkout_events", body, issues)
    except Exception as error:
        return {"status": "failed", "code": "INTERNAL_ERROR", "http_status": None, "issues": {"": str(error)}}


def send_cart_event(config, event, fingerprints):
    """Reports one cart change: ``POST /analytics/cart_events``.

    event: ``{"type": "ITEM_ADDED", "product_id": "42", "product_name": "Shoe", "value": 79.99 (unit price),
    "currency": "USD", "quantity": 1 (after the change), "source": "CUSTOM" (optional)}``.
    Never raises; answers as send_checkout() does.
    """
    try:
        issues = {}
        if event.get("type") not in CART_TYPES:
            issues["type"] = "must be one of " + ", ".join(CART_TYPES)
        body = {
            "company_key": config.get("company_key"),
            "user_fingerprint": fingerprints.get("user"),
            "user_faq_fingerprint": fingerprints.get("faq"),
            "type": event.get("type"),
            "product_id": _text(event.get("product_id"), MAX_ID_LENGTH, "product_id", issues),
            "product_name": _text(event.get("product_name"), MAX_NAME_LENGTH, "product_name", issues),
            "value": _money(event.get("value"), "value", issues),
            "currency": _currency(event.get("currency"), "currency", issues),
            "quantity": _quantity(event.get("quantity"), 0, "quantity", issues),
            "source": _text(event.get("source", "CUSTOM"), MAX_ID_LENGTH, "source", issues),
        }
        return _post(config, "cart_events", body, issues)
    except Exception as error:
        return {"status": "failed", "code": "INTERNAL_ERROR", "http_status": None, "issues": {"": str(error)}}


def _post(config, path, body, issues):
    """Checks the company key and fingerprints, then sends the body; with any issue, nothing is sent."""
    if not isinstance(body["company_key"], str) or not body["company_key"].strip():
        issues["company_key"] = "is required: your Alhena company key"
    for field, key in (("user_fingerprint", "user"), ("user_faq_fingerprint", "faq")):
        problem = fingerprint_problem(body[field])
        if problem:
            issues["fingerprints." + key] = problem
    if issues:
        return {"status": "invalid", "code": None, "http_status": None, "issues": issues}
    body["user_fingerprint"] = body["user_fingerprint"].strip()
    body["user_faq_fingerprint"] = body["user_faq_fingerprint"].strip()
    base = config.get("api_base_url") or HOSTS.get(config.get("region", "us"), HOSTS["us"])
    request = urllib.request.Request(
        base.rstrip("/") + "/analytics/" + path,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=config.get("timeout", TIMEOUT_SECONDS)) as answer:
            return _outcome(answer.status, answer.read())
    except urllib.error.HTTPError as answer:  # 4xx and 5xx come as an exception that is also the answer
        return _outcome(answer.code, answer.read())
    except (urllib.error.URLError, OSError, ValueError):  # no connection, a timeout, a bad URL
        return _outcome(0, b"")


def _outcome(status, text):
    """The API's answer as a status, as ``@alhena/cart-events/server`` names them."""
    try:
        answer = json.loads(text)
    except ValueError:
        answer = None
    code = None
    for field in ("error_code", "code", "error", "message"):
        value = answer.get(field) if isinstance(answer, dict) else None
        if isinstance(value, str) and re.fullmatch(r"[A-Z][A-Z_]+", value):
            code = value
            break
    result = {"status": "failed", "code": code, "http_status": status or None, "issues": {}}
    if 200 <= status < 300:
        result["status"] = "recorded"
    elif code == "ORDER_ALREADY_EXISTS":
        result["status"] = "duplicate"
    elif code == "ACTIVE_TICKET_NOT_FOUND":
        result["status"] = "not_attributed"  # the shopper had not talked to the widget: not an error
    elif 400 <= status < 500 and status not in (408, 429):
        result.update(status="rejected", code=code or "HTTP_%d" % status)
    else:
        result["code"] = "HTTP_%d" % status if status else "NETWORK_ERROR"  # a timeout, no connection, 408, 429, 5xx
    return result


def _text(value, limit, field, issues):
    """Non-empty text of at most ``limit`` characters (a number becomes its digits)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and abs(value) != float("inf"):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        issues[field] = "must be a non-empty string"
        return None
    value = value.strip()
    if len(value.encode("utf-16-le")) // 2 > limit:  # counted as JavaScript's String.length counts, as the SDK's limits are
        issues[field] = "must be at most %d characters" % limit
    return value


def _money(value, field, issues):
    if isinstance(value, Decimal) and value.is_finite():  # Django's DecimalField
        value = float(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < float("inf"):
        return value
    issues[field] = "must be a number, 0 or more"
    return None


def _quantity(value, minimum, field, issues):
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return value
    issues[field] = "must be a whole number, %d or more" % minimum
    return None


def _currency(value, field, issues):
    code = value.strip().upper() if isinstance(value, str) else ""
    if re.fullmatch(r"[A-Z]{3}", code):
        return code
    issues[field] = 'must be an ISO 4217 code such as "USD"'
    return None
