"""The build's inputs: what the Docker image may contain, and the locked dependencies."""

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SUPPORTED = ["3.11", "3.12", "3.13"]


# --- .dockerignore -----------------------------------------------------------------------


def dockerignore_patterns() -> list[tuple[bool, str]]:
    """(is_exception, pattern) in file order, cleaned the way Docker cleans them."""
    patterns = []
    for raw in (ROOT / ".dockerignore").read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        patterns.append((exception, line.lstrip("!").strip("/")))
    return patterns


def _matches(pattern: str, path: str) -> bool:
    # A pattern that names a directory leaves out everything below it; "**/" may match no
    # directory at all.
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    options = [pattern, pattern.removeprefix("**/")]
    return any(fnmatch.fnmatchcase(c, p) for c in candidates for p in options)


def docker_ignores(path: str) -> bool:
    """True when `docker build` leaves `path` out of the context (the last match decides)."""
    ignored = False
    for exception, pattern in dockerignore_patterns():
        if _matches(pattern, path):
            ignored = not exception
    return ignored


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        ".local/pgdata/PG_VERSION",
        ".local/broker/queue/message",
        ".venv/bin/python",
        ".venv-3.13/bin/python",
        "node_modules/bootstrap/package.json",
        "media/resumes/cv.pdf",
        "staticfiles/staticfiles.json",
        ".git/HEAD",
        ".pytest_cache/README.md",
        ".ruff_cache/CACHEDIR.TAG",
        ".mypy_cache/3.11/cache.db",
        "careercenter/__pycache__/urls.cpython-311.pyc",
        "__pycache__/x.pyc",
        ".coverage",
        "htmlcov/index.html",
        "celerybeat-schedule",
    ],
)
def test_the_docker_image_gets_no_secrets_local_state_or_caches(path):
    assert docker_ignores(path)


def dockerfile_copy_sources() -> list[str]:
    """Every path the Dockerfile copies from the build context (not from another stage)."""
    sources = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        words = line.split()
        if not words or words[0] != "COPY" or any(w.startswith("--from") for w in words):
            continue
        args = [w for w in words[1:] if not w.startswith("--")]
        sources.extend(args[:-1])
    return sources


def test_the_docker_image_gets_everything_the_dockerfile_copies():
    sources = dockerfile_copy_sources()
    assert {"package.json", "requirements/base.txt", "."} <= set(sources)
    for source in sources:
        assert source == "." or not docker_ignores(source), source


def test_the_docker_image_gets_every_app_its_templates_and_static_files():
    """`COPY . .` must bring what the site runs on, whatever .dockerignore leaves out."""
    needed = ["manage.py"]
    needed += [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    # The configuration and core/ are packages, not installed apps.
    needed += [settings.ROOT_URLCONF.split(".")[0], "core"]
    needed += [str(Path(d).relative_to(ROOT)) for d in settings.TEMPLATES[0]["DIRS"]]
    needed += [
        str(Path(d).relative_to(ROOT)) for d in settings.STATICFILES_DIRS if isinstance(d, Path)
    ]
    assert {"careercenter", "core", "home", "notifications", "templates", "static"} <= set(needed)
    for path in needed:
        files = [path] if (ROOT / path).is_file() else [
            str(f.relative_to(ROOT)) for f in (ROOT / path).rglob("*") if f.is_file()
        ]  # fmt: skip
        kept = [f for f in files if "__pycache__" not in f]
        assert kept, path
        assert not [f for f in kept if docker_ignores(f)], path


# --- Locked dependencies -----------------------------------------------------------------

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")  # fmt: skip
LOCKS = {
    "base": [],
    "local": ["local"],
    "dev": ["local", "dev"],
}


def locked(name: str) -> dict[str, tuple[str, str]]:
    """{canonical name: (version, marker)} of requirements/<name>.txt."""
    pins = {}
    for line in (ROOT / "requirements" / f"{name}.txt").read_text().splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match["name"])] = (match["version"], match["marker"] or "")
    return pins


def environment(python: str) -> dict[str, str]:
    return {**default_environment(), "python_version": python, "python_full_version": f"{python}.0"}


def wanted(extras: list[str]) -> list[Requirement]:
    optional = PYPROJECT["project"]["optional-dependencies"]
    names = PYPROJECT["project"]["dependencies"] + [r for e in extras for r in optional[e]]
    return [Requirement(r) for r in names]


@pytest.mark.parametrize("python", SUPPORTED)
@pytest.mark.parametrize("lock", LOCKS)
def test_each_lock_pins_every_dependency_within_its_pyproject_range(lock, python):
    pins = locked(lock)
    env = environment(python)
    for requirement in wanted(LOCKS[lock]):
        if requirement.marker and not requirement.marker.evaluate(env):
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is missing from requirements/{lock}.txt: run `make lock`"
        version, marker = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements/{lock}.txt pins {name}=={version}, outside {requirement.specifier}"
        )
        assert not marker or Marker(marker).evaluate(env), f"{name} is locked only for {marker}"


@pytest.mark.parametrize("python", SUPPORTED)
def test_a_package_has_the_same_version_in_every_lock(python):
    """Each lock holds the one before it: the same versions, and a package needed where
    the earlier lock installs it is installed there by the later one too. (A later extra
    may widen a marker: locust's gevent wants cffi on PyPy as well.)"""
    env = environment(python)
    base, local, dev = locked("base"), locked("local"), locked("dev")
    for earlier, later in [(base, local), (local, dev)]:
        assert earlier.keys() <= later.keys()
        for name, (version, marker) in earlier.items():
            assert later[name][0] == version, name
            if not marker or Marker(marker).evaluate(env):
                assert not later[name][1] or Marker(later[name][1]).evaluate(env), name


def test_every_pin_is_checked_against_its_hash():
    for lock in LOCKS:
        text = (ROOT / "requirements" / f"{lock}.txt").read_text()
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert entries
        for entry in entries:
            assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_classifiers_name_exactly_the_pythons_that_requires_python_allows():
    allowed = SpecifierSet(PYPROJECT["project"]["requires-python"])
    candidates = [f"3.{minor}" for minor in range(8, 16)]
    assert [v for v in candidates if f"{v}.0" in allowed] == SUPPORTED
    classifiers = PYPROJECT["project"]["classifiers"]
    named = [c.rsplit(" :: ", 1)[1] for c in classifiers if re.search(r"Python :: 3\.\d+$", c)]
    assert named == SUPPORTED


# --- Static files ------------------------------------------------------------------------


def test_every_static_file_a_template_names_is_found():
    """A name no finder knows breaks collectstatic's manifest and every page that uses it."""
    from django.contrib.staticfiles import finders

    named = {
        match
        for template in (ROOT / "templates").rglob("*.html")
        for match in re.findall(r"""\{% static ['"]([^'"]+)['"]""", template.read_text())
    }
    assert "vendor/bootstrap/css/bootstrap.min.css" in named
    assert [name for name in sorted(named) if not finders.find(name)] == []


# --- docker-compose.yml ------------------------------------------------------------------
# No Docker daemon or compose plugin here: the file is read as YAML (merge keys resolved),
# and what each process runs is checked from it.


def compose() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def replicas(service: dict) -> int:
    return service.get("deploy", {}).get("replicas", 1)


def command(service: dict) -> str:
    return " ".join(service.get("command") or [])


def healthcheck_code(service: dict) -> str:
    """The Python a service's health check runs (``python -c CODE``)."""
    test = service["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"], test
    return test[3]


def test_compose_runs_two_web_and_two_worker_replicas_against_one_beat():
    services = compose()["services"]
    assert replicas(services["web"]) == 2
    assert "command" not in services["web"]  # the image's gunicorn
    assert replicas(services["worker"]) == 2
    assert command(services["worker"]).startswith(
        "celery -A careercenter worker -Q celery,dispatch"
    )
    beats = [
        name
        for name, service in services.items()
        if " beat" in command(service)
        or "--beat" in command(service)
        or "-B" in command(service).split()
    ]
    assert beats == ["beat"]
    assert replicas(services["beat"]) == 1
    # Every process waits for the migrations, run once as a job of their own.
    assert command(services["migrate"]) == "python manage.py migrate --no-input"
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}
        }, name


def test_compose_reaches_the_web_replicas_through_one_proxy():
    services = compose()["services"]
    # Two replicas cannot publish the same host port: only the proxy publishes one.
    published = [name for name, service in services.items() if service.get("ports")]
    assert published == ["proxy"]
    assert services["proxy"]["ports"] == ["127.0.0.1:8000:8000"]
    assert services["proxy"]["depends_on"] == {"web": {"condition": "service_healthy"}}
    source, target = services["proxy"]["volumes"][0].split(":")[:2]
    assert target == "/etc/nginx/conf.d/default.conf"
    conf = (ROOT / source).read_text()
    assert "listen 8000;" in conf
    assert "set $web http://web:8000;" in conf and "proxy_pass $web;" in conf
    assert "resolver 127.0.0.11" in conf  # Docker's DNS, asked again as replicas change
    assert "client_max_body_size 6m;" in conf


def test_every_long_running_service_has_a_health_check():
    services = compose()["services"]
    for name, service in services.items():
        if name != "migrate":
            assert service.get("healthcheck", {}).get("test"), name


@pytest.mark.parametrize(
    ("allowed", "accepted"),
    [
        ("careers.example.edu", ["careers.example.edu"]),
        (" careers.example.edu ,www.example.edu", ["careers.example.edu", "www.example.edu"]),
        (".example.edu", [".example.edu"]),
        ("*", ["*"]),
    ],
)
def test_the_web_health_check_asks_as_an_allowed_host(monkeypatch, allowed, accepted):
    """Django answers /healthz with a 400 to a Host header it does not allow, as it does
    on any page; the check must name one that DJANGO_ALLOWED_HOSTS allows."""
    import urllib.request

    from django.http.request import split_domain_port, validate_host

    sent = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout: sent.append(request))
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", allowed)
    exec(healthcheck_code(compose()["services"]["web"]), {})  # noqa: S102
    [request] = sent
    assert request.full_url == "http://127.0.0.1:8000/healthz"
    domain, _port = split_domain_port(request.get_header("Host"))
    assert domain and validate_host(domain, accepted)


def test_the_beat_health_check_fails_when_the_schedule_stops_being_written(tmp_path):
    import os
    import subprocess
    import sys
    import time

    code = healthcheck_code(compose()["services"]["beat"]).replace("/app/.local", str(tmp_path))

    def healthy() -> bool:
        return subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

    assert not healthy()  # beat has not written its schedule yet
    schedule = tmp_path / "celerybeat-schedule"
    schedule.write_bytes(b"")
    assert healthy()
    os.utime(schedule, (time.time() - 3600, time.time() - 3600))
    assert not healthy()
