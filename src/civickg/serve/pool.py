"""A pool of worker processes with deadlines: a job that overruns is answered 503 and its
worker is killed and replaced, so no query can hang the server. Over an embedded store the
workers read the snapshot a ``Follower`` names, and move to a newer one between jobs."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import multiprocessing as mp
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.process import BaseProcess
from typing import Any

from civickg.serve.snapshot import Follower
from civickg.serve.worker import Backend, Reply, serve

_CTX = mp.get_context("spawn")  # never fork a process that runs an event loop and threads
START_TIMEOUT = 120.0


class JobFailed(Exception):
    """The job could not be answered: ``status`` and ``message`` say why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class _Worker:
    def __init__(self, backend: Backend, memory_mb: int | None) -> None:
        self.source = backend.store  # the snapshot it reads
        self.previous: str | None = None  # the one it read before, while it moves
        self.conn, child = _CTX.Pipe()
        self.proc: BaseProcess = _CTX.Process(target=serve, args=(child, backend, memory_mb),
                                              daemon=True, name="civickg-serve-worker")
        self.proc.start()
        child.close()

    def ready(self) -> None:
        """Wait for the worker to open the store (blocking; run it in a thread)."""
        if not self.conn.poll(START_TIMEOUT):
            raise RuntimeError("a query worker did not start")
        reply: Reply = self.conn.recv()
        if reply.status != 200:
            raise RuntimeError(reply.body.decode())

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(10)
        self.kill()
        self.conn.close()


class WorkerPool:
    def __init__(self, backend: Backend, size: int, memory_mb: int | None = None,
                 follower: Follower | None = None) -> None:
        self.backend, self.size, self.memory_mb = backend, size, memory_mb
        self.follower = follower  # over an embedded store: which snapshot to read
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._threads = ThreadPoolExecutor(max_workers=size + 4, thread_name_prefix="civickg-pool")
        self._write = asyncio.Lock()

    async def _spawn(self, backend: Backend | None = None) -> _Worker:
        w = _Worker(backend or self.backend, self.memory_mb)
        self._all.add(w)
        try:
            await asyncio.get_running_loop().run_in_executor(self._threads, w.ready)
        except BaseException:
            self._discard(w)
            raise
        return w

    def _discard(self, w: _Worker) -> None:
        self._all.discard(w)
        w.kill()  # its pipe closes when the thread still reading from it sees EOF

    async def start(self) -> None:
        for w in await asyncio.gather(*(self._spawn() for _ in range(self.size))):
            self._idle.put_nowait(w)

    async def _replace(self) -> None:
        try:
            self._idle.put_nowait(await self._spawn())
        except (RuntimeError, OSError):
            self.size -= 1  # should not happen: the store opened a moment ago

    @property
    def source(self) -> str | None:
        """The snapshot new jobs read (None for a remote endpoint)."""
        return self.backend.store

    async def _ask(self, w: _Worker, job: tuple[str, dict[str, Any]], timeout: float,
                   follow: bool = True) -> Reply:
        """Send a job to ``w`` and wait for the answer; a reader (``follow``) is told which
        snapshot to read."""
        loop = asyncio.get_running_loop()
        source = self.backend.store if follow and self.follower is not None else None
        if source is not None and source != w.source:
            w.previous, w.source = w.source, source  # both in use until it answers
        w.conn.send((*job, source))
        reply = await asyncio.wait_for(loop.run_in_executor(self._threads, w.conn.recv), timeout)
        w.previous = None
        return reply

    async def run(self, kind: str, args: dict[str, Any], timeout: float) -> Reply:
        """Run a job within ``timeout`` seconds (waiting for a free worker included)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            w = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise JobFailed(503, f"The server is busy: no query worker became free within {timeout:g} s. "
                                 "Try again later.") from None
        done = False
        try:
            reply = await self._ask(w, (kind, args), max(0.001, deadline - loop.time()))
            done = True
            return reply
        except TimeoutError:
            raise JobFailed(503, f"The query exceeded this server's time limit of {timeout:g} s and was "
                                 "stopped. Make it more selective or add a LIMIT.") from None
        except (EOFError, OSError):
            raise JobFailed(503, "The query worker died (out of memory?); the query was abandoned.") from None
        finally:
            if done:
                self._idle.put_nowait(w)
            else:  # overran, crashed or the client went away: the worker's state is unknown
                self._discard(w)
                asyncio.get_running_loop().create_task(self._replace())

    async def exclusive(self, kind: str, args: dict[str, Any], timeout: float) -> Reply:
        """Run a write job alone: wait for the readers to finish, stop them, run the job in a
        writable worker on the store itself, snapshot the store, start fresh readers on it."""
        if self.follower is None:
            raise JobFailed(500, "no embedded store to write")
        loop = asyncio.get_running_loop()
        async with self._write:
            held = [await self._idle.get() for _ in range(self.size)]
            for w in held:
                await loop.run_in_executor(self._threads, w.stop)
                self._all.discard(w)
            try:
                try:
                    writer = await self._spawn(Backend(str(self.follower.store), writable=True))
                except RuntimeError as e:
                    if "LOCK" not in str(e):
                        raise
                    raise JobFailed(503, "The store is being written by another process (a build); "
                                         "send the update again when it is done.") from None
                try:
                    reply = await self._ask(writer, (kind, args), timeout, follow=False)
                except TimeoutError:
                    self._discard(writer)
                    raise JobFailed(503, f"The update exceeded the time limit of {timeout:g} s "
                                         "and was abandoned (it is applied entirely or not at all).") from None
                self._all.discard(writer)
                await loop.run_in_executor(self._threads, writer.stop)
                path = await loop.run_in_executor(self._threads, self.follower.refresh)
                if path is not None:
                    self.backend = dataclasses.replace(self.backend, store=str(path))
                return reply
            finally:
                await self.start()
                await loop.run_in_executor(self._threads, self.follower.retain, self.in_use())

    def in_use(self) -> set[str]:
        paths = {p for w in self._all for p in (w.source, w.previous)} | {self.backend.store}
        return {p for p in paths if p}

    async def switch(self, path: str) -> None:
        """New jobs read ``path``; idle workers move to it now (so the old snapshot can go),
        busy ones before their next job."""
        self.backend = dataclasses.replace(self.backend, store=path)
        idle = []
        while not self._idle.empty():
            idle.append(self._idle.get_nowait())

        async def move(w: _Worker) -> None:
            try:
                await self._ask(w, ("open", {}), START_TIMEOUT)
            except (TimeoutError, EOFError, OSError):
                self._discard(w)
                await self._replace()
            else:
                self._idle.put_nowait(w)

        await asyncio.gather(*(move(w) for w in idle))

    async def follow(self, every: float, changed: Callable[[], None]) -> None:
        """Every ``every`` seconds, move to a newer state of the store if there is one (then
        call ``changed``) and release the snapshots no worker reads any more."""
        assert self.follower is not None
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(every)
            try:
                async with self._write:
                    path = await loop.run_in_executor(self._threads, self.follower.poll)
                    if path is not None:
                        await self.switch(str(path))
                        changed()
                    await loop.run_in_executor(self._threads, self.follower.retain, self.in_use())
            except Exception as e:  # noqa: BLE001 - keep serving the snapshot we have
                print(f"civickg serve: could not look for a newer snapshot: {type(e).__name__}: {e}",
                      file=sys.stderr)

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.stop) for w in list(self._all)),
                             return_exceptions=True)
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
