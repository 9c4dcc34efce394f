"""A pool of worker processes with deadlines: a job that overruns is answered 503 and its
worker is killed and replaced, so no query can hang the server."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.process import BaseProcess
from typing import Any

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
    def __init__(self, backend: Backend, size: int, memory_mb: int | None = None) -> None:
        self.backend, self.size, self.memory_mb = backend, size, memory_mb
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

    async def _ask(self, w: _Worker, job: tuple[str, dict[str, Any]], timeout: float) -> Reply:
        loop = asyncio.get_running_loop()
        w.conn.send(job)
        return await asyncio.wait_for(loop.run_in_executor(self._threads, w.conn.recv), timeout)

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
        writable worker, start fresh readers (which then see the change)."""
        async with self._write:
            held = [await self._idle.get() for _ in range(self.size)]
            for w in held:
                await asyncio.get_running_loop().run_in_executor(self._threads, w.stop)
                self._all.discard(w)
            try:
                writer = await self._spawn(Backend(self.backend.store, writable=True))
                try:
                    reply = await self._ask(writer, (kind, args), timeout)
                except TimeoutError:
                    self._discard(writer)
                    raise JobFailed(503, f"The update exceeded the time limit of {timeout:g} s "
                                         "and was abandoned (it is applied entirely or not at all).") from None
                self._all.discard(writer)
                await asyncio.get_running_loop().run_in_executor(self._threads, writer.stop)
                return reply
            finally:
                await self.start()

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._threads, w.stop) for w in list(self._all)),
                             return_exceptions=True)
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
