"""The deployment recipes say what the tests run: containers cannot run here, so the container recipe
and the systemd unit are checked to use the same nginx config and the same `ivr serve` arguments as the
cluster test (tests/servers.py), and the documented variables to be the ones the service reads."""
import re
import shlex
from pathlib import Path

from ruamel.yaml import YAML

from ivr.config import KEYS as CONFIG_KEYS
from servers import DEPLOY, NGINX_TEMPLATE, ROOT, SERVE_ARGS, render_nginx_template


def compose():
    return YAML(typ="safe").load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def without_address(argv: list[str]) -> list[str]:
    """`ivr serve` arguments other than where to listen (which differs: container vs loopback)."""
    assert argv[:2] == ["ivr", "serve"], argv
    rest, kept = argv[2:], []
    while rest:
        arg = rest.pop(0)
        if arg in ("--host", "--port"):
            rest.pop(0)
        else:
            kept.append(arg)
    return kept


def test_compose_runs_two_instances_with_the_tested_arguments():
    services = compose()["services"]
    instances = [s for name, s in services.items() if name.startswith("ivr")]
    assert len(instances) == 2
    for service in instances:
        assert without_address(service["command"]) == list(SERVE_ARGS)
        assert service["environment"]["IVR_DB"].startswith("postgresql://")
    assert services["postgres"]["image"].startswith("postgres:")


def test_dockerfile_and_systemd_unit_use_the_tested_arguments():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M)[1]
    assert without_address(YAML(typ="safe").load(cmd)) == list(SERVE_ARGS)
    unit = (DEPLOY / "ivr.service").read_text(encoding="utf-8")
    exec_start = shlex.split(re.search(r"^ExecStart=(.*)$", unit, re.M)[1])
    assert Path(exec_start[0]).name == "ivr"
    assert without_address(["ivr", *exec_start[1:]]) == list(SERVE_ARGS)


def test_compose_nginx_uses_the_tested_config_and_fills_every_placeholder():
    nginx = compose()["services"]["nginx"]
    mounts = [v.split(":") for v in nginx["volumes"]]
    assert ["./nginx/ivr.conf.template", "/etc/nginx/templates/ivr.conf.template", "ro"] in mounts
    assert (DEPLOY / "nginx" / "ivr.conf.template").resolve() == NGINX_TEMPLATE.resolve()
    placeholders = set(re.findall(r"\$\{([A-Z0-9_]+)\}", NGINX_TEMPLATE.read_text(encoding="utf-8")))
    assert placeholders == set(nginx["environment"])
    upstreams = {nginx["environment"][k] for k in placeholders if k.startswith("IVR_UPSTREAM")}
    assert upstreams == {f"{name}:8000" for name in ("ivr1", "ivr2")}
    relays = {nginx["environment"][k] for k in placeholders if k.startswith("IVR_RELAY")}
    assert relays == {f"{name}:9000" for name in ("ivr1", "ivr2")}  # `ivr serve`'s default: its port + 1000
    rendered = render_nginx_template(nginx["environment"])
    assert "${" not in rendered and "proxy_request_buffering on;" in rendered


def test_env_example_documents_every_variable_the_service_reads():
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    documented = {}
    for previous, line in zip([""] + lines, lines):
        match = re.match(r"#?\s*([A-Z][A-Z0-9_]+)=", line)
        if match:
            documented[match[1]] = previous
    assert set(CONFIG_KEYS) - {"TWILIO_API_BASE", "IVR_DEV"} <= set(documented)
    assert all(comment.startswith("# ") for comment in documented.values()), documented


def test_gunicorn_is_never_exposed_without_the_buffering_proxy():
    """Slow clients straight at gunicorn hold its threads (each up to the worker's 5 s arrival bound), so
    every recipe puts nginx in front: only nginx publishes a port, the systemd unit listens on loopback."""
    services = compose()["services"]
    assert [name for name, service in services.items() if service.get("ports")] == ["nginx"]
    unit = (DEPLOY / "ivr.service").read_text(encoding="utf-8")
    argv = shlex.split(re.search(r"^ExecStart=(.*)$", unit, re.M)[1])
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    rendered = render_nginx_template({"IVR_LISTEN": "8080", "IVR_UPSTREAM_1": "a:1", "IVR_UPSTREAM_2": "b:1",
                                      "IVR_RELAY_1": "a:2", "IVR_RELAY_2": "b:2"})
    for directive in ("proxy_request_buffering on;", "client_header_timeout 5s;", "limit_conn ivr_per_client"):
        assert directive in rendered


def test_the_nginx_image_renders_the_template_as_the_tests_do_and_its_config_loads(tmp_path):
    """compose builds nginx from deploy/nginx/Dockerfile (Debian's nginx and Lua module, the packages the
    tests run): its entrypoint renders the template into what tests/servers.py renders (nginx's own
    $variables and the Lua block untouched), and its main config with that server config passes `nginx -t`
    with the modules it loads."""
    import os
    import shutil
    import subprocess

    from servers import NGINX_MAIN, nginx_modules

    assert compose()["services"]["nginx"]["build"] == "nginx"
    dockerfile = (DEPLOY / "nginx" / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM debian:bookworm" in dockerfile and "libnginx-mod-http-lua" in dockerfile
    assert "COPY nginx.conf /etc/nginx/nginx.conf" in dockerfile
    values = {"IVR_LISTEN": "127.0.0.1:8080", "IVR_UPSTREAM_1": "127.0.0.1:8000", "IVR_UPSTREAM_2": "127.0.0.1:8001",
              "IVR_RELAY_1": "127.0.0.1:9000", "IVR_RELAY_2": "127.0.0.1:9001"}
    templates, out = tmp_path / "templates", tmp_path / "conf.d"
    templates.mkdir(), out.mkdir()
    shutil.copy(NGINX_TEMPLATE, templates)
    env = {"PATH": os.environ["PATH"], "NGINX_ENVSUBST_TEMPLATE_DIR": str(templates),
           "NGINX_ENVSUBST_OUTPUT_DIR": str(out), **values}
    subprocess.run(["sh", str(DEPLOY / "nginx" / "entrypoint.sh"), "true"], env=env, check=True, timeout=30)
    rendered = (out / "ivr.conf").read_text(encoding="utf-8")
    assert rendered == render_nginx_template(values) and "access_by_lua_block" in rendered
    nginx_modules()  # Debian's module files are where the image's main config loads them from
    main = NGINX_MAIN.read_text(encoding="utf-8").replace("/etc/nginx/conf.d/", f"{out}/")
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    checked = subprocess.run([shutil.which("nginx") or "/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c",
                              str(tmp_path / "nginx.conf"), "-e", "/dev/stderr"], capture_output=True, text=True,
                             timeout=30)
    assert checked.returncode == 0 and "test is successful" in checked.stderr, checked.stderr
