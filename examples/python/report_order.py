"""Any Python store (Django, Flask, a payment webhook): the order its checkout form posted, reported with the
two fingerprints the form carried. In development ALHENA_API_BASE_URL points at the local sandbox."""

import os

from alhena import read_fingerprints, send_checkout

CONFIG = {"company_key": "acme", "region": "eu", "api_base_url": os.environ.get("ALHENA_API_BASE_URL")}


def report_order(post, order):
    """In the checkout view: ``report_order(request.POST, order)`` (Flask: ``request.form``; or a metadata dict)."""
    read = read_fingerprints(post)
    if not read["ok"]:
        return read  # no consent, no widget: nothing to report
    result = send_checkout(CONFIG, order, read["fingerprints"])
    if result["status"] == "failed":  # no answer in time, 429 or 5xx: send again from a job queue, within 24 hours
        print("Alhena: %s, retry later" % result["code"])
    return result
