"""Benchmark: proof-requirement analysis on a synthetic county-to-province catalogue.

    .venv/bin/python bench/bench_proofs.py [--proofs 100000] [--edges 300000] [--items 20000]
                                           [--seed 7] [--out /tmp/wicket_bench_proofs.json] [--repeat 3]

Generates the catalogue deterministically (fixed seed) as JSON, then times
  1. wicket: analysis.proofs.load_catalog (JSON bytes -> catalogue) + analyze (everything:
     cycles, chains, duplicates, recommendations, figures after recommendations, findings);
  2. networkx: the same cycle and reach computations done plainly with networkx
     (strongly_connected_components for cycles, descendants per item for chains, issuers and
     depth per item from them), on a graph built from the already-parsed JSON.
Prints the figures; best of --repeat runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEPARTMENTS = ["公安局", "民政局", "人社局", "住建局", "自然资源局", "市场监管局", "卫健委", "教育局", "司法局",
               "税务局", "财政局", "农业农村局", "交通运输局", "水利局", "文旅局", "退役军人事务局", "医保局",
               "生态环境局", "应急管理局", "城管局", "残联", "不动产登记中心", "公积金中心", "档案馆"]
PROOF_KINDS = ["户籍证明", "无犯罪记录证明", "婚姻状况证明", "亲属关系证明", "居住证明", "收入证明", "房屋产权证明",
               "土地使用权证明", "出生证明", "死亡证明", "工作证明", "在校证明", "健康证明", "低保证明", "残疾证明",
               "无房证明", "纳税证明", "社保缴纳证明", "营业执照核验证明", "资质证明", "未婚证明", "独生子女证明",
               "退役证明", "就业失业证明", "宅基地证明", "林权证明", "安全生产证明", "环评证明", "学历证明", "完税证明"]
SOURCES = ["人口库", "法人库", "信用库", "电子证照库"]


def generate_catalog(*, proofs: int, edges: int, items: int, seed: int = 7) -> dict[str, Any]:
    """A layered catalogue of one province's counties: a quarter of the proofs are base proofs
    needing nothing; the rest need proofs of lower layers — half the time one of the few popular
    provincial base proofs (as 户籍证明 is), otherwise one of their own county's. Issuers are the
    county's (or, for the popular proofs, the province's) departments. Planted: loops (2- and
    3-cycles and self-loops, one per thousand proofs) and same-named proofs from different issuers.
    `edges` counts proof→proof requirements exactly; items need 1–6 proofs of one county."""
    rng = random.Random(seed)
    regions = max(1, proofs // 1000)  # proof i belongs to county i % regions
    tiers = [0] * proofs
    bounds = [int(proofs * f) for f in (0.25, 0.5, 0.8)]
    for i in range(proofs):
        tiers[i] = sum(i >= b for b in bounds)
    popular = max(1, bounds[0] // 50)
    ids = [f"P{i:06d}" for i in range(proofs)]
    reqs: list[dict[int, None]] = [{} for _ in range(proofs)]
    loops = proofs // 1000
    budget = edges - loops
    upper = list(range(bounds[0], proofs))
    made = 0
    while made < budget and upper:
        v = rng.choice(upper)
        lower_end = bounds[tiers[v] - 1]
        if rng.random() < 0.5:
            w = rng.randrange(popular)
        else:
            w = rng.randrange(max(1, lower_end // regions)) * regions + v % regions
            if w >= lower_end:
                continue
        if w not in reqs[v]:
            reqs[v][w] = None
            made += 1
    # planted loops: x (a non-popular prerequisite of y) now requires y back
    made_loops = 0
    attempts = 0
    while made_loops < loops and attempts < loops * 100:
        attempts += 1
        y = rng.randrange(bounds[1], proofs)
        kind = made_loops % 10
        if kind == 0:
            if y not in reqs[y]:
                reqs[y][y] = None
                made_loops += 1
            continue
        nexts = [w for w in reqs[y] if w >= popular and w != y]
        if not nexts:
            continue
        x = rng.choice(nexts)
        if kind % 3 == 0:
            deeper = [w for w in reqs[x] if w >= popular and w != x]
            if deeper:
                x = rng.choice(deeper)
        if y not in reqs[x]:
            reqs[x][y] = None
            made_loops += 1
    proof_list = []
    for i in range(proofs):
        title = PROOF_KINDS[i % len(PROOF_KINDS)]
        dup = rng.random() < 0.002
        name = title if dup else f"{title}（{ids[i]}）"
        basis = "" if rng.random() < 0.06 else f"《{title[:-2]}管理条例》第{rng.randrange(1, 60)}条"
        source = rng.choice(SOURCES) if rng.random() < 0.12 else None
        county = "省" if i < popular else f"第{i % regions + 1}县"
        proof_list.append({"id": ids[i], "name": name, "issuer": county + rng.choice(DEPARTMENTS),
                           "requires": [ids[w] for w in reqs[i]], "basis": basis, "shared_source": source})
    county_departments = [f"县{d}" for d in DEPARTMENTS]
    item_list = []
    for j in range(items):
        need = rng.randint(1, 6)
        region = rng.randrange(regions)
        chosen = {min(proofs - 1, rng.randrange(proofs // regions) * regions + region) for _ in range(need)}
        item_list.append({"id": f"S{j:06d}", "name": f"事项{j}", "department": rng.choice(county_departments),
                          "requires": [ids[w] for w in sorted(chosen)]})
    return {"proofs": proof_list, "items": item_list}


def write_catalog(path: Path, *, proofs: int, edges: int, items: int, seed: int) -> bytes:
    data = json.dumps(generate_catalog(proofs=proofs, edges=edges, items=items, seed=seed),
                      ensure_ascii=False).encode("utf-8")
    path.write_bytes(data)
    return data


def run_wicket(data: bytes, file: str) -> tuple[float, float, float, Any]:
    """(load seconds, analyze seconds, CPU seconds of both, report)."""
    from analysis.proofs import analyze, load_catalog

    c0 = time.process_time()
    t0 = time.perf_counter()
    catalog = load_catalog(data, file=file)
    t1 = time.perf_counter()
    report = analyze(catalog)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, time.process_time() - c0, report


def run_networkx(doc: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """Cycles: SCCs with more than one member or a self-loop. Reach: per item, the union of
    nx.descendants of every required proof; issuers and depth (longest path on the
    condensation) from it — what a plain implementation would write."""
    import networkx as nx

    t0 = time.perf_counter()
    c0 = time.process_time()
    g = nx.DiGraph()
    issuer = {}
    for p in doc["proofs"]:
        g.add_node(p["id"])
        issuer[p["id"]] = p["issuer"]
        for r in p["requires"]:
            g.add_edge(p["id"], r)
    sccs = [c for c in nx.strongly_connected_components(g)
            if len(c) > 1 or g.has_edge(next(iter(c)), next(iter(c)))]
    cond = nx.condensation(g)
    mapping = cond.graph["mapping"]
    height: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(cond))):
        height[c] = 1 + max((height[s] for s in cond.successors(c)), default=0)
    cyclic_nodes = set().union(*sccs) if sccs else set()
    totals: dict[str, Any] = {"cycles": len(sccs), "blocked": 0, "chain_proofs": 0, "issuers": 0}
    for it in doc["items"]:
        chain: set[str] = set()
        for r in it["requires"]:
            chain.add(r)
            chain |= nx.descendants(g, r)
        totals["chain_proofs"] += len(chain)
        totals["issuers"] += len({issuer[p] for p in chain})
        totals["blocked"] += bool(chain & cyclic_nodes)
        max((height[mapping[r]] for r in it["requires"]), default=0)
    totals["cpu"] = time.process_time() - c0
    return time.perf_counter() - t0, totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="证明材料分析基准测试")
    ap.add_argument("--proofs", type=int, default=100_000)
    ap.add_argument("--edges", type=int, default=300_000)
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="/tmp/wicket_bench_proofs.json")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-networkx", action="store_true")
    args = ap.parse_args(argv)

    path = Path(args.out)
    data = write_catalog(path, proofs=args.proofs, edges=args.edges, items=args.items, seed=args.seed)
    print(f"catalogue: {args.proofs} proofs, {args.edges} proof→proof edges, {args.items} items, "
          f"seed {args.seed}, {len(data) / 1e6:.1f} MB JSON at {path}")
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    # each run starts from the same clean heap, as one `wicket proofs analyze` process would
    runs: list[tuple[float, float, float, dict[str, float]]] = []
    report: Any = None
    for _ in range(args.repeat):
        report = None
        gc.collect()
        load_s, analyze_s, cpu_s, report = run_wicket(data, path.name)
        runs.append((load_s, analyze_s, cpu_s, dict(report.timings)))
    load_s, analyze_s, cpu_s, timings = min(runs, key=lambda r: r[0] + r[1])
    print(f"wicket   load {load_s:.3f} s + analyze {analyze_s:.3f} s = {load_s + analyze_s:.3f} s end to end "
          f"(CPU {cpu_s:.3f} s; best of {args.repeat}; all runs: "
          f"{', '.join(f'{r[0] + r[1]:.3f}' for r in runs)})")
    print("         stages: " + ", ".join(f"{k} {v:.3f}" for k, v in timings.items()))
    s = report.summary
    print(f"         cycles {s['cycles']}, blocked items {s['items_blocked']}, findings {len(report.findings)}, "
          f"mean chain {s['proofs_per_item_mean']:.1f} proofs / {s['issuers_per_item_mean']:.2f} issuers, "
          f"depth max {max((i.depth for i in report.items), default=0)}")
    t0 = time.perf_counter()
    lines = report.proofs
    t1 = time.perf_counter()
    payload = json.dumps(report.to_dict(), ensure_ascii=False)
    t2 = time.perf_counter()
    print(f"         then: clean-up list of {len(lines)} proofs {t1 - t0:.3f} s; "
          f"JSON output {len(payload) / 1e6:.1f} MB {t2 - t1:.3f} s (not in the end-to-end figure)")
    if not args.skip_networkx:
        doc = json.loads(data)
        nx_best: tuple[float, dict[str, Any]] | None = None
        for _ in range(max(1, min(args.repeat, 2))):
            gc.collect()
            seconds, totals = run_networkx(doc)
            if nx_best is None or seconds < nx_best[0]:
                nx_best = (seconds, totals)
        assert nx_best is not None
        seconds, totals = nx_best
        print(f"networkx cycles + per-item reach {seconds:.3f} s (CPU {totals['cpu']:.3f} s; JSON parse excluded); "
              f"cycles {totals['cycles']}, blocked items {totals['blocked']}, "
              f"mean chain {totals['chain_proofs'] / max(1, args.items):.1f} proofs / "
              f"{totals['issuers'] / max(1, args.items):.2f} issuers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
