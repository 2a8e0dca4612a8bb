"""For bench/load.py only: each request's wall and CPU time inside the Django worker,
appended to a file per process in LOAD_TIMING_DIR. Beside Locust's times (which also
count the wait for a free gunicorn worker), they tell what a page costs the server from
what the machine made it wait."""

import os
import time
from pathlib import Path


class RequestTiming:
    def __init__(self, get_response):
        self.get_response = get_response
        self.directory = Path(os.environ["LOAD_TIMING_DIR"])

    def __call__(self, request):
        wall, cpu = time.perf_counter(), time.process_time()
        response = self.get_response(request)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        line = (
            f"{request.method}\t{request.path}\t{request.META.get('QUERY_STRING', '')}\t"
            f"{response.status_code}\t{wall * 1000:.2f}\t{cpu * 1000:.2f}\n"
        )
        # One process writes its own file: sync workers serve one request at a time.
        with (self.directory / f"{os.getpid()}.tsv").open("a") as out:
            out.write(line)
        return response
