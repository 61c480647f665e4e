#!/usr/bin/env bash
# The tree's structure as docs/architecture.md draws it: the renderer (src/render/) includes
# nothing from the window's controls (src/ui/), the data layer (src/data/) nothing from drawing
# or the window, the geometry layer (src/geo/) nothing from data, drawing or the window, the base
# (src/base/) nothing from any other layer, and no two modules include each other, directly or
# round a loop (a module is a .c and its .h). Checked on the #include lines of every file in src/.
set -euo pipefail
SRC="${CM_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}/src"
python3 - "$SRC" <<'EOF'
import os, re, sys
src = sys.argv[1]
inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
deps, bad = {}, []
# layer -> the layers it must not include
# (base/ is below everything: non-blocking file input and UTF-8, which geo/ and data/ share)
forbidden = {"render": ("ui/", "app.h", "options.h"), "data": ("render/", "ui/", "app.h"),
             "geo": ("data/", "render/", "ui/", "app.h"), "base": ("geo/", "data/", "render/", "ui/", "app.h", "options.h")}
for root, _, files in os.walk(src):
    for f in sorted(files):
        if not f.endswith((".c", ".h")):
            continue
        path = os.path.join(root, f)
        rel = os.path.relpath(path, src)
        mod = rel[:-2]
        layer = rel.split("/")[0] if "/" in rel else ""
        for m in inc.finditer(open(path, encoding="utf-8").read()):
            target = m.group(1)
            if any(target.startswith(p) for p in forbidden.get(layer, ())):
                bad.append(f"src/{rel} includes \"{target}\" ({layer}/ must not depend on it)")
            tmod = target[:-2] if target.endswith(".h") else target
            if tmod != mod and os.path.exists(os.path.join(src, target)):
                deps.setdefault(mod, set()).add(tmod)
# cycles among modules: every strongly connected component of the include graph is one module
index, low, onstack, stack, sccs = {}, {}, set(), [], []
def strong(m):
    index[m] = low[m] = len(index)
    stack.append(m)
    onstack.add(m)
    for d in sorted(deps.get(m, ())):
        if d not in index:
            strong(d)
            low[m] = min(low[m], low[d])
        elif d in onstack:
            low[m] = min(low[m], index[d])
    if low[m] == index[m]:
        comp = []
        while True:
            x = stack.pop()
            onstack.discard(x)
            comp.append(x)
            if x == m:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))
for m in sorted(deps):
    if m not in index:
        strong(m)
for c in sorted(sccs):
    bad.append("include cycle among " + ", ".join(c))
nmods = len(set(deps) | {d for v in deps.values() for d in v})
for b in bad:
    print("structure: " + b, file=sys.stderr)
print(f"structure: {nmods} modules, {sum(len(v) for v in deps.values())} include edges, {len(bad)} problems")
sys.exit(1 if bad else 0)
EOF
