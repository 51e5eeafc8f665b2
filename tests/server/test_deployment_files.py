"""The deployment's files, offline: the Kubernetes manifests valid against the schemas
(kubernetes-validate, strict) and consistent with each other; the Containerfile copies
everything the app imports and runs it as a user; nginx's and supervisord's configurations
keep what was fixed (the host's port, no version or replica in the answers, workers not root,
restarts that back off)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from deploy.serve import render_nginx_config, render_supervisor_config
from testing.server import REPO_ROOT

K8S = REPO_ROOT / "deploy" / "k8s"
MANIFESTS = sorted(path for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml")


def manifest(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((K8S / f"{name}.yaml").read_text())
    return loaded


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda path: path.name)
def test_each_manifest_is_valid_against_the_kubernetes_schemas(path: Path) -> None:
    for document in yaml.safe_load_all(path.read_text()):
        kubernetes_validate.validate(document, "1.37.0", strict=True)


def test_kustomize_lists_every_manifest() -> None:
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == [path.name for path in MANIFESTS]


def test_the_manifests_refer_to_each_other() -> None:
    deployment, service = manifest("deployment"), manifest("service")
    ingress, pdb, hpa = manifest("ingress"), manifest("pdb"), manifest("hpa")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"] == labels
    assert service["spec"]["selector"] == labels
    assert pdb["spec"]["selector"]["matchLabels"] == labels
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    port_names = {port["name"] for port in container["ports"]}
    assert service["spec"]["ports"][0]["targetPort"] in port_names
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    # One slow answer does not restart a pod: a minute of failures does.
    liveness = container["livenessProbe"]
    assert liveness["periodSeconds"] * liveness["failureThreshold"] >= 60
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] > pdb["spec"]["minAvailable"]
    secret = container["env"][0]["valueFrom"]["secretKeyRef"]
    assert secret["name"] == manifest("secret")["metadata"]["name"]
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_the_containerfile_copies_what_the_app_imports_and_runs_as_a_user() -> None:
    text = (REPO_ROOT / "Containerfile").read_text()
    copied = {line.split()[1] for line in text.splitlines() if line.startswith("COPY ")}
    for source in copied:
        assert (REPO_ROOT / source).exists(), source
    imported = set()
    for path in [REPO_ROOT / "app.py", *(REPO_ROOT / "views").glob("*.py"),
                 *(REPO_ROOT / "components").rglob("*.py")]:  # fmt: skip
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
    own = {name for name in imported if (REPO_ROOT / name).is_dir()}
    assert own <= copied, "the app imports a folder the image leaves out"
    # Files the app reads at run time.
    for needed in ("data", "static", ".streamlit", "views"):
        assert needed in copied
    assert re.search(r"^USER \d+", text, re.MULTILINE)
    assert "--server.address=0.0.0.0" in text


def test_nginx_keeps_the_hosts_port_and_says_nothing_of_itself(tmp_path: Path) -> None:
    config = render_nginx_config(tmp_path, tmp_path / "temp", "127.0.0.1:8080", [9001], None)
    # Every location that sets headers sets the host as the browser wrote it.
    assert config.count("proxy_set_header Host $http_host;") == 2
    assert "$host;" not in config
    assert "server_tokens off;" in config
    assert "X-Footprint-Replica" not in config
    assert "add_header X-Content-Type-Options nosniff always;" in config
    assert "frame-ancestors 'self'" in config
    assert "server 127.0.0.1:9001 max_fails=3 fail_timeout=10s;" in config
    assert "user " not in config.split("worker_processes")[0]  # not root: no user to set
    as_root = render_nginx_config(tmp_path, tmp_path, "127.0.0.1:8080", [9001], "www-data")
    assert "user www-data;" in as_root


def test_supervisord_restarts_with_a_back_off_and_rotates_logs(tmp_path: Path) -> None:
    config = render_supervisor_config(tmp_path, [9001, 9002], "secret", "/usr/sbin/nginx")
    programs = re.findall(r"^\[program:([^\]]+)\]", config, re.MULTILINE)
    assert programs == ["nginx", "replica-9001", "replica-9002"]
    sections = config.split("[program:")[1:]
    for section in sections:
        assert "autorestart=true" in section
        assert re.search(r"^startretries=\d$", section, re.MULTILINE)  # then it gives up
        assert "stdout_logfile_maxbytes=10MB" in section
    assert 'STREAMLIT_SERVER_COOKIE_SECRET="secret"' in config
