"""Answers of read-only queries, kept while the store does not change: the server reads a
snapshot, so the same request gets the same bytes until an update (which clears the cache).
Identical requests in flight share one run."""

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
        self._running: dict[Any, asyncio.Future[Reply]] = {}

    async def get(self, key: Any, compute: Callable[[], Awaitable[Reply]]) -> Reply:
        if self.max_bytes <= 0:
            return await compute()
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        if key in self._running:
            return await asyncio.shield(self._running[key])
        fut: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
        self._running[key] = fut
        try:
            reply = await compute()
        except BaseException as e:
            fut.set_exception(e)
            fut.exception()  # retrieved: waiters re-raise it, nobody else must
            raise
        finally:
            self._running.pop(key, None)
        fut.set_result(reply)
        if reply.status == 200 and len(reply.body) <= self.max_bytes // 8:
            self._done[key] = reply
            self.size += len(reply.body)
            while self.size > self.max_bytes:
                self.size -= len(self._done.popitem(last=False)[1].body)
        return reply

    def clear(self) -> None:
        self._done.clear()
        self.size = 0
