"""Are the services the integration tests need reachable? Exit 0 if so; otherwise say loudly what is not.

Usage: python -m tests.services DATABASE_URL REDIS_URL
"""

from __future__ import annotations

import sys


def unavailable(database_url: str, redis_url: str) -> list[str]:
    problems = []
    try:
        import psycopg

        url = database_url.replace("postgres://", "postgresql://", 1)
        # Connect to the maintenance database: the test database does not exist yet.
        base, _, _ = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", connect_timeout=3) as connection:
            connection.execute("select 1")
    except Exception as exc:
        problems.append(f"PostgreSQL at {database_url}: {exc.__class__.__name__}: {exc}".strip())
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:
        problems.append(f"Redis at {redis_url}: {exc.__class__.__name__}: {exc}".strip())
    return problems


if __name__ == "__main__":
    missing = unavailable(sys.argv[1], sys.argv[2])
    if missing:
        bar = "!" * 78
        print(f"\n{bar}\n!!! INTEGRATION TESTS SKIPPED: a service they need is not reachable")
        for line in missing:
            print(f"!!!   {line}")
        print(f"!!! (with CI=true this is a failure)\n{bar}\n")
        sys.exit(1)
