"""Exact multiple-choice covering knapsack over integer gains, vectorised with numpy.

The target planner reduces its question to: for each group (indicator) pick one option
(how many level steps), each with an integer gain and an integer cost key, so that the total
gain reaches ``capacity`` at the least total cost key. Dynamic programming over the gain
axis is exact: ``best[c]`` is the least cost key that achieves a gain of at least ``c``
(gains above ``capacity`` are clamped, since overshooting is never needed for feasibility).
That makes the result a proven optimum, not a heuristic.

When the gain axis is long (fine-grained weights with decimal values make the gcd of the
gains 1) and the groups are few, the same optimum is found faster by merging Pareto fronts
of (gain, cost) states instead; ``cheapest_cover`` picks whichever does less work. Both are
exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported by the array DP itself: 0.4 s off every start-up
    import numpy as np

Option = tuple[int, int]  # (gain units > 0, cost key >= 0); option 0 (stay) is implicit
INT64_SAFE = 2**62
PYTHON_VS_NUMPY = 300  # rough cost of one Python-level state update in numpy cell updates


def cheapest_cover(groups: Sequence[Sequence[Option]], capacity: int) -> list[int] | None:
    """Option chosen per group (0 = stay) reaching ``capacity`` at least cost key, or None.

    Ties keep the lowest option number, and the DP visits groups in order, so the answer is
    deterministic. Cost keys that could overflow int64 fall back to Python integers.
    """
    if capacity <= 0:
        return [0] * len(groups)
    if sum(max((g for g, _ in opts), default=0) for opts in groups) < capacity:
        return None
    if _pareto_work(groups, capacity) * PYTHON_VS_NUMPY < _array_work(groups, capacity):
        return _pareto_cover(groups, capacity)
    import numpy as np  # only the planner needs it, not every process that imports scoring

    worst = sum(max((k for _, k in opts), default=0) for opts in groups)
    dtype = np.int64 if worst < INT64_SAFE else object
    infinity = worst + 1
    best = np.full(capacity + 1, infinity, dtype=dtype)
    best[0] = 0
    choices: list[np.ndarray | None] = []
    for options in groups:
        if not options:
            choices.append(None)
            continue
        best, choice = _add_group(best, options)
        choices.append(choice)
    if best[capacity] >= infinity:
        return None
    return _trace_back(groups, choices, capacity)


def _add_group(best: np.ndarray, options: Sequence[Option]) -> tuple[np.ndarray, np.ndarray]:
    """Relax ``best`` with one group's options; remember which option won at each capacity."""
    import numpy as np

    new = best.copy()
    choice = np.zeros(best.shape[0], dtype=np.uint16)
    shifted = np.empty_like(best)
    for number, (gain, key) in enumerate(options, start=1):
        gain = min(gain, best.shape[0] - 1)
        # best[max(0, c - gain)]: everything below ``gain`` is reached from c = 0
        shifted[:gain] = best[0]
        shifted[gain:] = best[: best.shape[0] - gain]
        candidate = shifted + key
        better = candidate < new  # strict: on ties the smaller option number stays
        new = np.where(better, candidate, new)
        choice[better] = number
    return new, choice


def _trace_back(groups, choices, capacity: int) -> list[int]:
    picked = [0] * len(groups)
    c = capacity
    for n in range(len(groups) - 1, -1, -1):
        choice = choices[n]
        if choice is None:
            continue
        k = int(choice[c])
        picked[n] = k
        if k:
            c = max(0, c - groups[n][k - 1][0])
    return picked


# -- Pareto-front variant, for long gain axes and few groups --------------------------------
def _array_work(groups, capacity: int) -> int:
    return sum(len(opts) for opts in groups) * (capacity + 1)


def _pareto_work(groups, capacity: int) -> int:
    """Upper bound on state updates: fronts never exceed the product of choices or capacity."""
    states, work = 1, 0
    for opts in groups:
        work += states * (len(opts) + 1)
        states = min(states * (len(opts) + 1), capacity + 1)
    return work


def _pareto_cover(groups: Sequence[Sequence[Option]], capacity: int) -> list[int] | None:
    """Same answer as the array DP: fronts of (gain clamped to capacity, cost key) states.

    A state is dropped when another has at least its gain at no more cost; among equal
    states the lower option number and earlier parent stay, so the result is deterministic.
    """
    front = [(0, 0)]  # (gain, cost key)
    layers = []  # per group: (parent state, option) for each state of the new front
    for opts in groups:
        candidates = [
            (min(capacity, gain + add), key + cost, parent, number)
            for parent, (gain, key) in enumerate(front)
            for number, (add, cost) in enumerate(((0, 0), *opts))
        ]
        candidates.sort(key=lambda c: (-c[0], c[1], c[3], c[2]))
        kept, cheapest = [], None
        for cand in candidates:
            if cheapest is None or cand[1] < cheapest:
                kept.append(cand)
                cheapest = cand[1]
        front = [(gain, key) for gain, key, _, _ in kept]
        layers.append([(parent, number) for _, _, parent, number in kept])
    if front[0][0] < capacity:
        return None
    picked, state = [0] * len(groups), 0  # front[0] has the highest gain: the cheapest cover
    for n in range(len(groups) - 1, -1, -1):
        state, picked[n] = layers[n][state]
    return picked
