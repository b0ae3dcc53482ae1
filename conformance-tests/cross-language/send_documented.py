"""Check 8: the documented requests, sent to the stub through the Python client that OpenAPI
Generator (python, default settings) generated from the bundled document.

    PYTHONPATH=<generated python dir> python3 send_documented.py <baseUrl> <examplesDir> <token>

Sends cce-cluster-request.json to cluster cce-cluster and cce-turbo-cluster-request.json to
turbo-cluster (stub-clusters.yaml) and reads each 201 as NodePoolResponse; then sends the CCE
request with autoscaling maxNodeCount below minNodeCount (rule autoscaling-max-not-below-min of
x-cce-rules: valid for the schema, so the client's models let it through) and reads the CCE
errorCode and the violations of the 400 from the CceError the client deserialized. Exit code 0 only if all of that
holds; every line printed says what it saw. Needs only what the generated client needs (pydantic 2,
urllib3, python-dateutil, typing-extensions); installs nothing.
"""
import json
import sys

import openapi_client
from openapi_client.api.node_pool_api import NodePoolApi
from openapi_client.exceptions import ApiException
from openapi_client.models.cce_error import CceError
from openapi_client.models.node_pool import NodePool
from openapi_client.models.node_pool_response import NodePoolResponse


def main(base_url, examples_dir, token):
    problems = []
    configuration = openapi_client.Configuration(host=base_url)
    # The token scheme of the document (X-Auth-Token), whatever name the scheme has.
    with openapi_client.ApiClient(configuration) as api_client:
        api_client.set_default_header("X-Auth-Token", token)
        api = NodePoolApi(api_client)

        def read(name):
            with open(f"{examples_dir}/{name}", encoding="utf-8") as f:
                return json.load(f)

        for example, cluster in (("cce-cluster-request.json", "cce-cluster"),
                                 ("cce-turbo-cluster-request.json", "turbo-cluster")):
            sent = read(example)
            try:
                answer = api.create_node_pool_with_http_info(
                    "cross-language-project", cluster, NodePool.from_dict(sent))
            except Exception as e:  # noqa: BLE001 - reported as a problem
                print(f"{example} -> {cluster}: {type(e).__name__}: {e}")
                problems.append(f"{example}: expected 201, got {type(e).__name__}: {e}")
                continue
            pool = answer.data
            print(f"{example} -> {cluster}: HTTP {answer.status_code}, node pool "
                  f"{pool.metadata.name if pool else None} (uid {pool.metadata.uid if pool else None})")
            if answer.status_code != 201 or not isinstance(pool, NodePoolResponse):
                problems.append(f"{example}: expected 201 with a NodePoolResponse, got {answer.status_code}")
            elif pool.kind != "NodePool" or pool.metadata.name != sent["metadata"]["name"]:
                problems.append(f"{example}: the 201 does not describe the node pool sent: {pool.to_json()}")

        sent = read("cce-cluster-request.json")
        sent["spec"]["autoscaling"].update(minNodeCount=5, maxNodeCount=2)
        try:
            api.create_node_pool("cross-language-project", "cce-cluster", NodePool.from_dict(sent))
            problems.append("max below min: expected 400, the client returned a node pool")
        except ApiException as e:
            error = e.data
            fields = error.to_dict() if isinstance(error, CceError) else None
            # The generated attribute of the document's errorCode member (the model's alias table).
            attribute = next((name for name, field in CceError.model_fields.items()
                              if (field.alias or name) == "errorCode"), None)
            code = getattr(error, attribute) if attribute and isinstance(error, CceError) else None
            pointers = [f"{v.pointer} ({v.rule})" for v in (error.violations or [])] \
                if isinstance(error, CceError) else []
            print(f"cce-cluster-request.json with maxNodeCount 2 < minNodeCount 5: HTTP {e.status}, errorCode {code} "
                  f"(attribute {attribute}), violations {', '.join(pointers)}")
            if e.status != 400:
                problems.append(f"max below min: expected 400, got {e.status}")
            if code != "CCE.01400001":
                problems.append("max below min: expected errorCode CCE.01400001 read from the CceError, got "
                                f"{code}; the model has no attribute for errorCode" if attribute is None else
                                f"max below min: expected errorCode CCE.01400001 in CceError.{attribute}, got {code}"
                                f" (the client read {fields}; the body was {e.body})")
            if not any(p.endswith(" (autoscaling-max-not-below-min)") for p in pointers):
                problems.append(f"max below min: expected a violation of rule autoscaling-max-not-below-min, got {pointers}")

    for problem in problems:
        print(f"PROBLEM {problem}")
    print("OK" if not problems else f"FAILED ({len(problems)} problems)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
