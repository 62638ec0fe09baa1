"""`swiftmod upload` and `publish` (issue 19) against a real index on 127.0.0.1: pypiserver with
password authentication, started and stopped by the tests. Files come back with pip; twine's
uploads of the same files are stored identically; wrong credentials, duplicates and an
unreachable index each give one message."""

import os
import shutil
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

import pytest
from conftest import REPO

BIN = Path(sys.executable).parent
USER, PASSWORD = "alice", "s3cret"


class Index:
    """A pypiserver on a free port, serving `directory`; stopped by the test that started it, and
    by itself after 15 minutes at the latest."""

    def __init__(self, root: Path):
        self.directory = root / "packages"
        self.directory.mkdir(parents=True)
        htpasswd = root / "htpasswd"
        subprocess.run([sys.executable, "-c", f"from passlib.apache import HtpasswdFile as H; h = H({str(htpasswd)!r}, new=True); h.set_password({USER!r}, {PASSWORD!r}); h.save()"], check=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # `timeout` bounds the server's life even if the tests die without stopping it.
        self.process = subprocess.Popen(
            ["timeout", "900", BIN / "pypi-server", "run", "-i", "127.0.0.1", "-p", str(self.port), "-P", htpasswd, "-a", "update", self.directory],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.process.kill()
        raise RuntimeError("pypiserver did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stored(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.directory.iterdir())}

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    server = Index(tmp_path_factory.mktemp("index"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def dists(swiftmod, tmp_path_factory) -> list[Path]:
    """hello's sdist and wheel, built once."""
    out = tmp_path_factory.mktemp("dists")
    swiftmod("build", "--sdist", "--out", out, "-i", sys.executable, cwd=REPO / "Examples" / "hello", env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
    files = sorted(out.iterdir())
    assert sorted(p.suffix for p in files) == [".gz", ".whl"], files
    return files


def upload(swiftmod, index, files, *args, env=None):
    return swiftmod("upload", *files, "--repository-url", index.url, *args, "--python", sys.executable, check=False, env=env)


def test_upload_then_pip_installs_them_back(swiftmod, index, dists, tmp_path):
    result = upload(swiftmod, index, dists, "-u", USER, "-p", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"Uploaded {p.name}" for p in dists]
    assert sorted(index.stored()) == sorted(p.name for p in dists)
    venv.EnvBuilder(with_pip=True).create(tmp_path / "env")
    python = tmp_path / "env" / "bin" / "python"
    installed = subprocess.run([python, "-m", "pip", "install", "--disable-pip-version-check", "--index-url", index.url + "simple/", "hello"], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    check = subprocess.run([python, "-c", "import hello; print(hello.greet('index'))"], capture_output=True, text=True)
    assert check.stdout == "Hello, index!\n", check.stderr


def test_a_duplicate_is_one_error_unless_skip_existing(swiftmod, index, dists):
    result = upload(swiftmod, index, dists[:1], "-u", USER, "-p", PASSWORD)
    assert result.returncode != 0
    assert f"error: upload: {dists[0].name} is on {index.url} already (409 Conflict): an index never replaces a file; pass --skip-existing" in result.stderr
    skipped = upload(swiftmod, index, dists, "--skip-existing", "-u", USER, "-p", PASSWORD)
    assert skipped.returncode == 0 and skipped.stdout.count("Skipped ") == 2, skipped.stderr


def test_wrong_credentials_and_an_unreachable_index_are_one_message_each(swiftmod, index, dists, tmp_path):
    fresh = Index(tmp_path / "other")
    try:
        denied = upload(swiftmod, fresh, dists, "-u", USER, "-p", "wrong")
        assert denied.returncode != 0 and denied.stderr.count("error:") == 1
        assert f"refused the credentials of '{USER}' (403 Forbidden)" in denied.stderr, denied.stderr
        assert fresh.stored() == {}
    finally:
        fresh.stop()
    unreachable = upload(swiftmod, fresh, dists, "-u", USER, "-p", PASSWORD)
    assert unreachable.returncode != 0 and f"could not reach {fresh.url}" in unreachable.stderr, unreachable.stderr
    missing = swiftmod("upload", tmp_path / "nope.whl", check=False)
    assert missing.returncode != 0 and "nope.whl does not exist" in missing.stderr


def test_credentials_from_the_environment_and_pypirc_and_twine_stores_the_same_files(swiftmod, dists, tmp_path):
    by_env, by_twine = Index(tmp_path / "a"), Index(tmp_path / "b")
    try:
        home = tmp_path / "home"
        home.mkdir()
        (home / ".pypirc").write_text(f"[distutils]\nindex-servers = local\n\n[local]\nrepository = {by_env.url}\nusername = {USER}\n")
        env = dict(os.environ, HOME=str(home), SWIFTMOD_PASSWORD=PASSWORD)
        result = swiftmod("upload", *dists, "-r", "local", "--python", sys.executable, check=False, env=env)
        assert result.returncode == 0, result.stderr
        twine = subprocess.run([BIN / "twine", "upload", "--disable-progress-bar", "--repository-url", by_twine.url, "-u", USER, "-p", PASSWORD, *dists], capture_output=True, text=True)
        assert twine.returncode == 0, twine.stdout + twine.stderr
        assert by_env.stored() == by_twine.stored() and len(by_env.stored()) == 2
    finally:
        by_env.stop()
        by_twine.stop()
    no_password = swiftmod("upload", *dists, "--repository-url", "http://127.0.0.1:9/", "-u", USER, check=False, env=dict(os.environ, HOME=str(tmp_path)))
    assert no_password.returncode != 0 and "no password for http://127.0.0.1:9/: pass --password, set SWIFTMOD_PASSWORD" in no_password.stderr


def test_publish_builds_and_uploads_the_sdist_and_the_wheel(swiftmod, tmp_path):
    project = tmp_path / "hello"
    shutil.copytree(REPO / "Examples" / "hello", project, ignore=shutil.ignore_patterns(".build", "dist", ".venv"))
    server = Index(tmp_path / "publish")
    try:
        result = swiftmod("publish", "-i", sys.executable, "--repository-url", server.url, "-u", USER, "-p", PASSWORD, "--python", sys.executable, cwd=project, check=False)
        assert result.returncode == 0, result.stderr
        assert sorted(server.stored()) == sorted(p.name for p in (project / "dist").iterdir())
        assert len(server.stored()) == 2
    finally:
        server.stop()
