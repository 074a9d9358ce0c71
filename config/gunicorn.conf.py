"""gunicorn settings for `spbe serve` (production serving), read from the environment.

Workers default to 2 x CPU + 1 sync workers. The application is loaded once in the master
(preload) and its start-up objects are frozen out of the garbage collector's view there
(config/wsgi.py), so workers share those pages copy-on-write and full collections stay short.
"""

import multiprocessing
import os

bind = os.environ.get("SPBE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, which bounds slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = None  # the application's JSON request log says more (request id, user, duration)
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
