#!/usr/bin/python3
"""Native reference timings for `optima bench`: numpy (OpenBLAS/LAPACK) on the same workloads.

Usage: native.py [--quick] WORKLOAD...   where WORKLOAD is KIND:N[:EXTRA], e.g.
  dot:1000  matvec:4096  solve:256  eigh:512  eigvalsh:512  gd:100:50  slsqp:71
Prints one JSON object on stdout:
  {"python": ..., "numpy": ..., "results": {"dot:1000": {"opsPerSec", "seconds", "repeats",
   "number", "spread", "impl"?}}, "errors": {"bad:1": "message"}}
("impl" names the implementation when a workload has several, e.g. eigh: numpy or scipy dsyevd.)
Timing follows timeit: `number` calls per repeat, calibrated so one repeat lasts >= the target
time, after one warm-up repeat; the per-call time is the median over repeats. The runner sets
OPENBLAS_NUM_THREADS=1 so the comparison is one core against one core.
"""
import json
import sys
import time

KINDS = {}


def workload(name):
    def register(fn):
        KINDS[name] = fn
        return fn
    return register


def spd(np, rng, n):
    """A well-conditioned SPD matrix: B Bᵀ/n + I."""
    b = rng.standard_normal((n, n))
    return b @ b.T / n + np.eye(n)


@workload("dot")
def make_dot(np, rng, n, _extra):
    a, b = rng.standard_normal(n), rng.standard_normal(n)
    return lambda: np.dot(a, b)


@workload("matvec")
def make_matvec(np, rng, n, _extra):
    a, x = rng.standard_normal((n, n)), rng.standard_normal(n)
    out = np.empty(n)
    return lambda: np.dot(a, x, out=out)


@workload("solve")
def make_solve(np, rng, n, _extra):
    a, b = spd(np, rng, n), rng.standard_normal(n)
    return lambda: np.linalg.solve(a, b)


@workload("cholsolve")
def make_cholsolve(np, rng, n, _extra):
    import scipy.linalg as sl
    a, b = spd(np, rng, n), rng.standard_normal(n)
    return lambda: sl.cho_solve(sl.cho_factor(a, check_finite=False), b, check_finite=False)


def fastest_lapack(np, plain, scipy_call):
    """numpy's own call and, when scipy is there, LAPACK dsyevd through scipy: the native column
    takes the faster. Measured here: numpy 1.24's eigh took 59 ms at n = 512 where scipy's dsyevd
    took 29 ms on the same OpenBLAS, so numpy alone would flatter optima."""
    candidates = {"numpy " + np.__version__: plain}
    try:
        import scipy.linalg as sl
        candidates["scipy dsyevd"] = lambda: scipy_call(sl)
    except ImportError:
        pass
    return candidates


@workload("eigh")
def make_eigh(np, rng, n, _extra):
    a = spd(np, rng, n)
    return fastest_lapack(np, lambda: np.linalg.eigh(a), lambda sl: sl.eigh(a, driver="evd", check_finite=False))


@workload("eigvalsh")
def make_eigvalsh(np, rng, n, _extra):
    a = spd(np, rng, n)
    return fastest_lapack(np, lambda: np.linalg.eigvalsh(a), lambda sl: sl.eigh(a, eigvals_only=True, driver="evd", check_finite=False))


@workload("gd")
def make_gd(np, rng, n, extra):
    """`steps` iterations of x <- x - a(Hx + g) on f = ½xᵀHx + gᵀx, a = 1/‖H‖₂ bound."""
    steps = int(extra or 100)
    h, g = spd(np, rng, n), rng.standard_normal(n)
    alpha = 1.0 / np.abs(h).sum(axis=1).max()
    x0 = np.zeros(n)

    def run():
        x = x0.copy()
        grad = np.empty(n)
        for _ in range(steps):
            np.dot(h, x, out=grad)
            grad += g
            x -= alpha * grad
        return x
    return run


@workload("slsqp")
def make_slsqp(np, rng, n, _extra):
    """scipy.optimize SLSQP (ftol 1e-9, analytic gradients) on bench/constrained.ts's problems, by
    number: 0 = min x²+y² s.t. x+y ≥ 1; 6, 7, 21, 35, 71 = Hock–Schittkowski. Raises unless it
    reaches the published optimum to 1e-5."""
    from scipy.optimize import minimize
    a = np.array
    problems = {
        0: (lambda x: x[0] ** 2 + x[1] ** 2, lambda x: 2 * x,
            [{"type": "ineq", "fun": lambda x: x[0] + x[1] - 1, "jac": lambda x: a([1.0, 1.0])}],
            None, [3, -1], [0.5, 0.5]),
        6: (lambda x: (1 - x[0]) ** 2, lambda x: a([-2 * (1 - x[0]), 0.0]),
            [{"type": "eq", "fun": lambda x: 10 * (x[1] - x[0] ** 2), "jac": lambda x: a([-20 * x[0], 10.0])}],
            None, [-1.2, 1], [1, 1]),
        7: (lambda x: np.log(1 + x[0] ** 2) - x[1], lambda x: a([2 * x[0] / (1 + x[0] ** 2), -1.0]),
            [{"type": "eq", "fun": lambda x: (1 + x[0] ** 2) ** 2 + x[1] ** 2 - 4,
              "jac": lambda x: a([4 * x[0] * (1 + x[0] ** 2), 2 * x[1]])}],
            None, [2, 2], [0, 3 ** 0.5]),
        21: (lambda x: 0.01 * x[0] ** 2 + x[1] ** 2 - 100, lambda x: a([0.02 * x[0], 2 * x[1]]),
             [{"type": "ineq", "fun": lambda x: 10 * x[0] - x[1] - 10, "jac": lambda x: a([10.0, -1.0])}],
             [(2, 50), (-50, 50)], [-1, -1], [2, 0]),
        35: (lambda x: 9 - 8 * x[0] - 6 * x[1] - 4 * x[2] + 2 * x[0] ** 2 + 2 * x[1] ** 2 + x[2] ** 2 + 2 * x[0] * x[1] + 2 * x[0] * x[2],
             lambda x: a([-8 + 4 * x[0] + 2 * x[1] + 2 * x[2], -6 + 4 * x[1] + 2 * x[0], -4 + 2 * x[2] + 2 * x[0]]),
             [{"type": "ineq", "fun": lambda x: 3 - x[0] - x[1] - 2 * x[2], "jac": lambda x: a([-1.0, -1.0, -2.0])}],
             [(0, None)] * 3, [0.5, 0.5, 0.5], [4 / 3, 7 / 9, 4 / 9]),
        71: (lambda x: x[0] * x[3] * (x[0] + x[1] + x[2]) + x[2],
             lambda x: a([x[3] * (2 * x[0] + x[1] + x[2]), x[0] * x[3], x[0] * x[3] + 1, x[0] * (x[0] + x[1] + x[2])]),
             [{"type": "ineq", "fun": lambda x: x[0] * x[1] * x[2] * x[3] - 25,
               "jac": lambda x: a([x[1] * x[2] * x[3], x[0] * x[2] * x[3], x[0] * x[1] * x[3], x[0] * x[1] * x[2]])},
              {"type": "eq", "fun": lambda x: x @ x - 40, "jac": lambda x: 2 * x}],
             [(1, 5)] * 4, [1, 5, 5, 1], [1, 4.74299963, 3.82114998, 1.37940829]),
    }
    f, grad, cons, bounds, x0, x_star = problems[n]
    x0, x_star = a(x0, dtype=float), a(x_star, dtype=float)

    def run():
        r = minimize(f, x0, jac=grad, constraints=cons, bounds=bounds, method="SLSQP", options={"ftol": 1e-9, "maxiter": 500})
        if not np.abs(r.x - x_star).max() <= 1e-5:
            raise RuntimeError(f"SLSQP did not reach the optimum: {r.message}, x = {r.x}")
        return r
    return run


def measure(fn, target, repeats):
    fn()  # warm-up (also touches every page of the operands)
    number = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        dt = time.perf_counter() - t0
        if dt >= target or number >= 1 << 30:
            break
        number *= 2 if dt <= 0 else max(2, min(10, int(target / dt * 1.2) + 1))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    times.sort()
    med = times[len(times) // 2] if len(times) % 2 else 0.5 * (times[len(times) // 2 - 1] + times[len(times) // 2])
    return {
        "opsPerSec": 1.0 / med,
        "seconds": med,
        "repeats": repeats,
        "number": number,
        "spread": 100.0 * (times[-1] - times[0]) / med,
    }


def main(argv):
    quick = "--quick" in argv
    specs = [a for a in argv if not a.startswith("--")]
    out = {"python": sys.version.split()[0], "results": {}, "errors": {}}
    try:
        import numpy as np
    except ImportError as e:
        out["error"] = f"numpy is not installed: {e}"
        print(json.dumps(out))
        return 0
    out["numpy"] = np.__version__
    rng = np.random.default_rng(20261126)
    target, repeats = (0.02, 3) if quick else (0.2, 7)
    for spec in specs:
        parts = spec.split(":")
        try:
            kind, n = parts[0], int(parts[1])
            extra = parts[2] if len(parts) > 2 else None
            if kind not in KINDS:
                raise ValueError(f"unknown workload kind {kind!r}; known: {', '.join(sorted(KINDS))}")
            made = KINDS[kind](np, rng, n, extra)
            if isinstance(made, dict):  # several native implementations: keep the fastest
                best = None
                for impl, fn in made.items():
                    r = measure(fn, target, repeats)
                    r["impl"] = impl
                    if best is None or r["opsPerSec"] > best["opsPerSec"]:
                        best = r
                out["results"][spec] = best
            else:
                out["results"][spec] = measure(made, target, repeats)
        except Exception as e:  # one bad workload must not hide the others
            out["errors"][spec] = f"{type(e).__name__}: {e}"
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
