"""Answers of read-only queries, kept while the store does not change: the server reads a
snapshot, so the same request gets the same bytes until the server moves to a newer one (the
key names the snapshot) or an update (which clears the cache). Identical requests in flight
share one run, even with no memory for answers (``max_bytes`` 0)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from civickg.serve.worker import Reply


class AnswerCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self._done: OrderedDict[Any, Reply] = OrderedDict()
        self._running: dict[Any, asyncio.Task[Reply]] = {}

    async def get(self, key: Any, compute: Callable[[], Awaitable[Reply]]) -> Reply:
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        task = self._running.get(key)
        if task is None:  # a task of its own: a requester that goes away does not stop the others'
            task = asyncio.ensure_future(self._run(key, compute))
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved
            self._running[key] = task
        return await asyncio.shield(task)

    async def _run(self, key: Any, compute: Callable[[], Awaitable[Reply]]) -> Reply:
        try:
            reply = await compute()
        finally:
            self._running.pop(key, None)
        if self.max_bytes > 0 and reply.status == 200 and len(reply.body) <= self.max_bytes // 8:
            self._done[key] = reply
            self.size += len(reply.body)
            while self.size > self.max_bytes:
                self.size -= len(self._done.popitem(last=False)[1].body)
        return reply

    def clear(self) -> None:
        self._done.clear()
        self.size = 0
