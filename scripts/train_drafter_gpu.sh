#!/usr/bin/env bash
# Train drafter candidates on one GPU from a token bundle, in parallel, and keep the best of each size.
#   python -m govtext.train.drafter_bundle export runs/bundle        # here (needs the corpus)
#   OUT=/tmp/out bash scripts/train_drafter_gpu.sh runs/bundle       # on the GPU machine (torch + transformers)
#   python -m govtext.train.drafter_bundle package runs/gpu-best/wide --bundle runs/bundle   # here
# Each variant stops within BUDGET seconds; the runs named in KEEP (prefixes) are packed into $OUT as
# <run>.tar.* chunks of 15 MB (the device returns at most 8 files), with summary.json (all loss curves);
# choose between them here with benchmarks/bench_drafter_val.py.
set -u
DATA=${1:-runs/bundle}
BUDGET=${BUDGET:-380}
OUT=${OUT:-runs/gpu-out}
W=runs/gpu
mkdir -p "$W" "$OUT"
export PYTHONUNBUFFERED=1
run() { tag=$1; shift; python3 govtext/train/loop.py --data "$DATA" --out "$W/$tag" --budget-s "$BUDGET" "$@" > "$W/$tag.log" 2>&1; }
if [ -n "${VARIANTS:-}" ]; then eval "$VARIANTS"; else
  # small steps as on CPU (batch 8), fine-tuning for a fixed number of epochs: the run that made drafter-small
  run small-f --size small --pre-batch 8 --sft-batch 8 --ft-lr 5e-4 --max-ft-epochs 4 --no-ft-early-stop --save-epochs 2,3 &
  run mid-f --size mid --pre-batch 8 --sft-batch 8 --ft-lr 5e-4 --max-ft-epochs 3 --no-ft-early-stop &
fi
wait
tail -n 3 "$W"/*.log
python3 - "$W" "$OUT" "${KEEP:-small-f,mid-f}" <<'PY'
import json, sys, pathlib, subprocess
w, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
runs = {}
for f in sorted(w.glob("*/*/run.json")):
    r = json.loads(f.read_text(encoding="utf-8"))
    runs[f"{f.parent.parent.name}/{f.parent.name}"] = r
    print(f.parent.parent.name, r["parameters"], "pre", r["pretrain"]["best_val_loss"], r["pretrain"]["best_epoch"],
          "ft", r["finetune"]["best_val_loss"], r["finetune"]["best_epoch"], r["total_seconds"], "s")
(out / "summary.json").write_text(json.dumps({"runs": runs}, ensure_ascii=False, indent=1), encoding="utf-8")
keep = [t for t in runs if t.startswith(tuple(x for x in sys.argv[3].split(",") if x))]
for tag in keep:
    name = tag.replace("/", "_")
    subprocess.run(f"tar cf - -C {w} {tag} | split -b 15M - {out}/{name}.tar.", shell=True, check=True)
print("returned:", keep)
PY
cat "$W"/*.log > "$OUT/logs.txt"
ls -la "$OUT"
