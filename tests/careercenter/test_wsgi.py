import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-production-secret-that-is-long-enough-0123456789-abcdefghij"

# Loads the app as gunicorn does, then checks what the garbage collector still walks.
PROBE = """
import gc
import careercenter.wsgi
frozen = gc.get_freeze_count()
walked = len(gc.get_objects())

class Node:
    pass

import weakref
a, b = Node(), Node()
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b
gc.collect()
print(frozen, walked, gone() is None)
"""


def test_the_wsgi_app_leaves_what_it_loaded_out_of_full_collections():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "careercenter.settings.production",
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_ALLOWED_HOSTS": "careers.example.edu",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    frozen, walked, collected = result.stdout.split()
    # Django and the apps (tens of thousands of objects) are frozen; what a full
    # collection walks is what was made since, a small fraction.
    assert int(frozen) > 20_000
    assert int(walked) < int(frozen) // 10
    # A cycle made afterwards, as a request makes them, is still collected.
    assert collected == "True"
