"""Test driver for examples/python/alhena.py: `python3 run.py <API host> < scenarios.json`, as run.php does."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "python"))
import alhena  # noqa: E402

out = []
for scenario in json.load(sys.stdin):
    config = {"company_key": scenario.get("company_key", "acme"), "api_base_url": sys.argv[1], "timeout": scenario.get("timeout", 5)}
    result = {"read": alhena.read_fingerprints(scenario["post"])}
    if result["read"]["ok"]:
        for kind, send in (("cart", alhena.send_cart_event), ("checkout", alhena.send_checkout)):
            if kind in scenario:
                result[kind] = send(config, scenario[kind], result["read"]["fingerprints"])
    out.append(result)
print(json.dumps(out))
