"""A force-directed layout fast enough for 20,000 nodes.

networkx's ``spring_layout`` is O(N²) per iteration (53 s for 5,000 nodes here), so this is
Fruchterman-Reingold with exact repulsion only between nodes closer than ``2k`` (found with a
k-d tree) and, for the rest, repulsion from the centres of mass of a coarse grid (one level
of Barnes-Hut); attraction along edges, a weak pull to the centre, linear cooling.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree


def force_layout(n: int, edges: np.ndarray, iterations: int = 80, k: float = 60.0,
                 seed: int = 7) -> np.ndarray:
    """Positions (``n`` × 2, in pixels) for nodes ``0..n-1`` linked by ``edges`` (E × 2)."""
    rng = np.random.default_rng(seed)
    if n == 0:
        return np.zeros((0, 2))
    side = k * np.sqrt(n) * 1.2
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    edges = edges[edges[:, 0] != edges[:, 1]]
    src, dst = edges[:, 0], edges[:, 1]
    deg = np.bincount(edges.ravel(), minlength=n).astype(float)
    temp0 = side / 8
    for it in range(iterations):
        disp = np.zeros_like(pos)
        pairs = cKDTree(pos).query_pairs(2 * k, output_type="ndarray")
        if len(pairs):
            d = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            dist2 = np.maximum((d * d).sum(1), 1e-2)
            f = d * (k * k / dist2)[:, None]  # k²/dist along the unit vector
            for axis in (0, 1):
                disp[:, axis] += np.bincount(pairs[:, 0], f[:, axis], n)
                disp[:, axis] -= np.bincount(pairs[:, 1], f[:, axis], n)
        disp += _far_field(pos, k)
        if len(edges):
            d = pos[src] - pos[dst]
            dist = np.sqrt((d * d).sum(1)) + 1e-9
            # hubs would collapse their whole neighbourhood onto themselves: damp by degree
            w = 1.0 / np.sqrt(np.maximum(np.minimum(deg[src], deg[dst]), 1.0))
            f = d * (dist / k * w)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(src, f[:, axis], n)
                disp[:, axis] += np.bincount(dst, f[:, axis], n)
        disp -= pos * (0.02 * (1 + deg) ** 0.5)[:, None] / np.sqrt(n)
        temp = temp0 * (1 - it / iterations) + k / 10
        length = np.sqrt((disp * disp).sum(1)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length)[:, None]
    return pos - pos.mean(0)


def _far_field(pos: np.ndarray, k: float, cells: int = 16, chunk: int = 4096) -> np.ndarray:
    """Repulsion on every node from the centres of mass of the other cells of a grid."""
    n = len(pos)
    lo, hi = pos.min(0), pos.max(0)
    size = np.maximum(hi - lo, 1e-9) / cells
    cell_xy = np.minimum(((pos - lo) / size).astype(np.int64), cells - 1)
    cell = cell_xy[:, 0] * cells + cell_xy[:, 1]
    mass = np.bincount(cell, minlength=cells * cells).astype(float)
    used = np.nonzero(mass)[0]
    centre = np.stack([np.bincount(cell, pos[:, a], cells * cells)[used] / mass[used]
                       for a in (0, 1)], 1)
    m = mass[used]
    out = np.empty_like(pos)
    for i in range(0, n, chunk):
        p = pos[i:i + chunk]
        dx = p[:, 0, None] - centre[None, :, 0]
        dy = p[:, 1, None] - centre[None, :, 1]
        w = m / np.maximum(dx * dx + dy * dy, k * k) * (k * k)
        w[cell[i:i + chunk, None] == used[None, :]] = 0.0  # own cell: the near field covers it
        # sum_j w_ij (p_i - c_j) = p_i sum_j w_ij - (w @ c)_i
        out[i:i + chunk] = p * w.sum(1)[:, None] - w @ centre
    return out
