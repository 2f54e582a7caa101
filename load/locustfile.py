"""Catalytic load scenarios for Locust: user journeys with think time.

Started by `npm run load -- <scenario>` (load/run.ts), which provisions the
accounts, sets the environment below and turns what this file records into
the report. Two kinds of simulated user:

- JourneyUser walks a session the way a person or a script does: list, open,
  compute on its own lattice, make and analyse a scratch lattice, read the
  history and usage, delete the scratch lattice, sometimes run a job and poll
  it. Think time between steps.
- MixedUser picks read, write and compute requests at random in a fixed mix
  (60 / 20 / 20), with think time.

Every request is named by its route template. A 429 is reported under
"<name> (429)" and counted apart: an intended refusal, not an error.

Environment (set by load/run.ts):
  LOAD_ACCOUNTS       JSON file: [{email, password, access_token}]
  LOAD_OUT            folder for timeline-<pid>.jsonl (per-second histograms)
  LOAD_STAGES         JSON: [{users, spawn_rate, seconds}], the load shape
  LOAD_LOGIN_AT_START "1": each user logs in at start (own session); "0": it
                      starts with its account's token (a spike of users who
                      are already signed in)
  LOAD_MAX_REQUESTS   the run stops once this many requests were made
"""

import itertools
import json
import os
import random
import time

import gevent
import locust.runners
from locust import FastHttpUser, LoadTestShape, SequentialTaskSet, between, events, task

# Debian's python3-locust 2.12 carries an empty version string, and a master
# takes a worker announcing an empty version for a pre-2.0 one and refuses
# it. Master and workers load this file before they connect, so giving both
# the same non-empty version makes --processes work.
if not locust.runners.__version__:
    locust.runners.__version__ = "debian-2.12"

ACCOUNTS = json.load(open(os.environ["LOAD_ACCOUNTS"]))
OUT_DIR = os.environ["LOAD_OUT"]
STAGES = json.loads(os.environ["LOAD_STAGES"])
LOGIN_AT_START = os.environ.get("LOAD_LOGIN_AT_START", "1") == "1"
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "10000000"))
# Access tokens live 15 minutes: a user renews its session well before.
SESSION_RENEW_SECONDS = 600
LATTICE_SIDE = 32

_account_numbers = itertools.count()


# ---------------------------------------------------------------- recording


def latency_bucket(ms):
    """Milliseconds kept to three significant digits (exact below 1 s): bounded memory, < 1 % error."""
    value = int(ms)
    if value < 1000:
        return value
    magnitude = 10 ** (len(str(value)) - 3)
    return value // magnitude * magnitude


class Timeline:
    """Per second and per endpoint: counts by outcome and a latency histogram, written as JSON lines."""

    def __init__(self):
        self.seconds = {}
        self.total = 0
        self.path = os.path.join(OUT_DIR, f"timeline-{os.getpid()}.jsonl")

    def record(self, name, ms, outcome, status):
        self.total += 1
        second = int(time.time())
        endpoints = self.seconds.setdefault(second, {})
        entry = endpoints.setdefault(name, {"n": 0, "ok": 0, "throttled": 0, "errors": 0, "hist": {}, "codes": {}})
        entry["n"] += 1
        entry[outcome] += 1
        if outcome == "throttled":
            return
        bucket = str(latency_bucket(ms))
        entry["hist"][bucket] = entry["hist"].get(bucket, 0) + 1
        if outcome == "errors":
            entry["codes"][str(status)] = entry["codes"].get(str(status), 0) + 1

    def flush(self, users, everything=False):
        now = int(time.time())
        done = sorted(s for s in self.seconds if everything or s < now)
        if not done:
            return
        with open(self.path, "a", encoding="utf-8") as out:
            for second in done:
                out.write(json.dumps({"t": second, "users": users, "endpoints": self.seconds.pop(second)}) + "\n")


TIMELINE = Timeline()


@events.request.add_listener
def on_request(request_type, name, response_time, response_length, response=None, exception=None, context=None, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    if status == 429:
        TIMELINE.record(name.removesuffix(" (429)"), response_time, "throttled", status)
    elif exception is not None:
        TIMELINE.record(name, response_time, "errors", status)
    else:
        TIMELINE.record(name, response_time, "ok", status)


@events.init.add_listener
def on_init(environment, **kwargs):
    if environment.parsed_options is not None and environment.parsed_options.master:
        return  # requests are made, and recorded, by the workers

    def flush_every_second():
        while True:
            gevent.sleep(1)
            runner = environment.runner
            TIMELINE.flush(runner.user_count if runner else 0)
            if TIMELINE.total >= MAX_REQUESTS and runner is not None:
                runner.quit()

    gevent.spawn(flush_every_second)


@events.quitting.add_listener
def on_quitting(environment, **kwargs):
    runner = environment.runner
    TIMELINE.flush(runner.user_count if runner else 0, everything=True)


# ------------------------------------------------------------------ shape


class StagesShape(LoadTestShape):
    """LOAD_STAGES one after another: each sets the user count (at its spawn rate) for its seconds."""

    def tick(self):
        elapsed = self.get_run_time()
        for stage in STAGES:
            if elapsed < stage["seconds"]:
                return stage["users"], stage["spawn_rate"]
            elapsed -= stage["seconds"]
        return None


# ------------------------------------------------------------------ users


def random_vertex():
    return [random.randrange(LATTICE_SIDE), random.randrange(LATTICE_SIDE)]


class CatalyticUser(FastHttpUser):
    """A signed-in user of one provisioned tenant, with its own lattice."""

    abstract = True
    connection_timeout = 30.0
    network_timeout = 60.0

    def on_start(self):
        self.account = ACCOUNTS[next(_account_numbers) % len(ACCOUNTS)]
        self.token = None
        self.refresh_token = None
        if LOGIN_AT_START:
            self.log_in()
        else:
            self.token = self.account["access_token"]
            self.session_started = time.time()
        self.lattice = None
        created = self.call("POST", "/api/v1/lattices", "POST /api/v1/lattices", (201,), {"name": "load", "shape": [LATTICE_SIDE, LATTICE_SIDE]})
        if created.status_code == 201:
            self.lattice = created.json()["id"]

    def on_stop(self):
        if self.lattice:
            self.call("DELETE", f"/api/v1/lattices/{self.lattice}", "DELETE /api/v1/lattices/{id}", (204,))

    def log_in(self):
        res = self.call(
            "POST",
            "/api/v1/auth/login",
            "POST /api/v1/auth/login",
            (200,),
            {"email": self.account["email"], "password": self.account["password"]},
            auth=False,
        )
        if res.status_code == 200:
            body = res.json()
            self.token, self.refresh_token = body["access_token"], body["refresh_token"]
            self.session_started = time.time()

    def renew_session(self):
        if time.time() - self.session_started < SESSION_RENEW_SECONDS:
            return
        if self.refresh_token is None:
            self.log_in()
            return
        res = self.call("POST", "/api/v1/auth/refresh", "POST /api/v1/auth/refresh", (200,), {"refresh_token": self.refresh_token}, auth=False)
        if res.status_code == 200:
            body = res.json()
            self.token, self.refresh_token = body["access_token"], body["refresh_token"]
            self.session_started = time.time()

    def call(self, method, path, name, expected, body=None, auth=True):
        headers = {"accept": "application/json"}
        if auth and self.token:
            headers["authorization"] = f"Bearer {self.token}"
        with self.client.request(method, path, name=name, json=body, headers=headers, catch_response=True) as res:
            if res.status_code == 429:
                res.request_meta["name"] = f"{name} (429)"
                res.success()
            elif res.status_code in expected:
                res.success()
            else:
                res.failure(f"HTTP {res.status_code}: {(res.text or '')[:200]}")
            return res

    # Requests shared by both kinds of user.

    def list_lattices(self):
        self.call("GET", "/api/v1/lattices?limit=20", "GET /api/v1/lattices", (200,))

    def open_lattice(self):
        if self.lattice:
            self.call("GET", f"/api/v1/lattices/{self.lattice}", "GET /api/v1/lattices/{id}", (200,))

    def path(self):
        if self.lattice:
            self.call("POST", f"/api/v1/lattices/{self.lattice}/path", "POST /api/v1/lattices/{id}/path", (200,), {"start": random_vertex(), "end": random_vertex()})

    def neighbors(self):
        if self.lattice:
            body = {"vertex": random_vertex(), "radius": random.randint(1, 4)}
            self.call("POST", f"/api/v1/lattices/{self.lattice}/neighbors", "POST /api/v1/lattices/{id}/neighbors", (200,), body)

    def distances(self):
        if self.lattice:
            body = {"sources": [random_vertex()]}
            self.call("POST", f"/api/v1/lattices/{self.lattice}/distances", "POST /api/v1/lattices/{id}/distances", (200,), body)

    def history(self):
        if self.lattice:
            self.call("GET", f"/api/v1/lattices/{self.lattice}/operations?limit=10", "GET /api/v1/lattices/{id}/operations", (200,))

    def usage(self):
        self.call("GET", "/api/v1/tenants/usage", "GET /api/v1/tenants/usage", (200,))

    def me(self):
        self.call("GET", "/api/v1/auth/me", "GET /api/v1/auth/me", (200,))

    def scratch_lattice(self):
        """Create, analyse and delete a small lattice: the write part of a session."""
        side = random.randint(8, 24)
        res = self.call("POST", "/api/v1/lattices", "POST /api/v1/lattices", (201,), {"name": "scratch", "shape": [side, side]})
        if res.status_code != 201:
            return
        scratch = res.json()["id"]
        self.wait()
        self.call("POST", f"/api/v1/lattices/{scratch}/analyze", "POST /api/v1/lattices/{id}/analyze", (200,), {})
        self.wait()
        self.call("DELETE", f"/api/v1/lattices/{scratch}", "DELETE /api/v1/lattices/{id}", (204,))

    def job(self):
        """A small random walk as a job, polled until it finishes (at most 20 polls)."""
        if not self.lattice:
            return
        body = {"walkers": 200, "steps": 100, "seed": random.randint(1, 1_000_000)}
        res = self.call("POST", f"/api/v1/lattices/{self.lattice}/random-walk?async=true", "POST /api/v1/lattices/{id}/random-walk?async", (202,), body)
        if res.status_code != 202:
            return
        status_url = res.json()["status_url"]
        for _ in range(20):
            gevent.sleep(0.5)
            poll = self.call("GET", status_url, "GET /api/v1/jobs/{id}", (200,))
            if poll.status_code != 200 or poll.json()["status"] in ("succeeded", "failed", "cancelled"):
                if poll.status_code == 200 and poll.json()["status"] != "succeeded":
                    poll.failure(f"job {poll.json()['status']}")
                return


class Session(SequentialTaskSet):
    """One working session: the steps in order, think time between them."""

    @task
    def begin(self):
        self.user.renew_session()
        self.user.list_lattices()

    @task
    def open(self):
        self.user.open_lattice()

    @task
    def compute(self):
        self.user.path()

    @task
    def explore(self):
        self.user.neighbors()

    @task
    def write(self):
        self.user.scratch_lattice()

    @task
    def review(self):
        self.user.history()

    @task
    def account(self):
        self.user.usage()

    @task
    def maybe_job(self):
        if random.random() < 0.2:
            self.user.job()


class JourneyUser(CatalyticUser):
    tasks = [Session]
    wait_time = between(0.5, 2.0)


class MixedUser(CatalyticUser):
    """Read 60 %, write 20 %, compute 20 %, with think time."""

    wait_time = between(0.25, 0.75)

    @task(6)
    def read(self):
        self.renew_session()
        random.choice([self.list_lattices, self.open_lattice, self.history, self.usage, self.me])()

    @task(2)
    def write(self):
        if random.random() < 0.5:
            self.scratch_lattice()
        elif self.lattice:
            body = {"metadata": {"touched": int(time.time())}}
            self.call("PATCH", f"/api/v1/lattices/{self.lattice}", "PATCH /api/v1/lattices/{id}", (200,), body)

    @task(2)
    def compute(self):
        choice = random.random()
        if choice < 0.05:
            self.job()
        else:
            random.choice([self.path, self.neighbors, self.distances])()
