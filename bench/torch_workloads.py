#!/usr/bin/env python3
"""Reference workloads in PyTorch (CPU, float64, one thread), for side-by-side comparison.

Install once: apt-get update && apt-get install -y python3-torch
Run from the repository root: /usr/bin/python3 bench/torch_workloads.py [--cpu-time] [workload...]
Prints one line per workload: name, microseconds per iteration plain, with anomaly mode, ratio.
--cpu-time measures CPU time of the process (time.process_time) instead of wall time, which
other processes on a busy machine disturb far less.

Workloads (the same ones NaNGuard's JMH benchmarks must implement):
  seed_loss   embedding 1000 x 16; loss = mean(|d1 + d2 - dist(v0, vN)|) with
              d = sqrt(sum((v - e)^2 + 1e-8, dim 1)); forward + backward
  mlp_step    Linear(64,64)-tanh-Linear(64,64)-tanh-Linear(64,1), batch 64, MSE, forward +
              backward + SGD step
  softmax_ce  logits 256 x 100, cross entropy against fixed targets; forward + backward
"""
import sys, time, torch, torch.nn as nn, warnings

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
torch.manual_seed(0)


CPU_TIME = "--cpu-time" in sys.argv[1:]
WORKLOADS = [a for a in sys.argv[1:] if a != "--cpu-time"]
clock = time.process_time if CPU_TIME else time.perf_counter


def bench(fn, seconds=2.0):
    for _ in range(50):
        fn()
    n, t0 = 0, clock()
    while clock() - t0 < seconds:
        fn(); n += 1
    return (clock() - t0) / n * 1e6


def seed_loss():
    emb = nn.Embedding(1000, 16)
    idx = torch.arange(1000)
    def step():
        e = emb(idx); v = emb.weight
        d1 = torch.sum((v[0].unsqueeze(0) - e) ** 2 + 1e-8, dim=1).sqrt()
        d2 = torch.sum((v[-1].unsqueeze(0) - e) ** 2 + 1e-8, dim=1).sqrt()
        loss = torch.abs(d1 + d2 - torch.dist(v[0], v[-1])).mean()
        emb.zero_grad(); loss.backward()
    return step


def mlp_step():
    m = nn.Sequential(nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 1))
    x, y = torch.randn(64, 64), torch.randn(64, 1)
    opt = torch.optim.SGD(m.parameters(), lr=1e-3)
    def step():
        opt.zero_grad(); loss = ((m(x) - y) ** 2).mean(); loss.backward(); opt.step()
    return step


def softmax_ce():
    logits = torch.randn(256, 100, requires_grad=True)
    target = torch.randint(0, 100, (256,))
    def step():
        logits.grad = None
        nn.functional.cross_entropy(logits, target).backward()
    return step


for name, make in [("seed_loss", seed_loss), ("mlp_step", mlp_step), ("softmax_ce", softmax_ce)]:
    if WORKLOADS and name not in WORKLOADS:
        continue
    f = make()
    plain = bench(f)
    with torch.autograd.detect_anomaly():
        anomaly = bench(f)
    print(f"{name}\tplain_us={plain:.1f}\tanomaly_us={anomaly:.1f}\tanomaly_ratio={anomaly / plain:.2f}")
