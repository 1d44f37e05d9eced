# Fabulist — see README.md. Targets: run, test, bench, check.
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
WASMENV  := GOOS=js GOARCH=wasm
DATA     := ../shared/data

.PHONY: run serve site web kernels simd-wasm tfjs-deps test-setup test test-native test-wasm bench bench-native bench-wasm bench-browser bench-page bench-qa-browser quality-browser check fuzz

# The page: one WebAssembly module that is both the UI and the training worker (wasm/app: the
# page when go-app's loader starts it, the engine when web/worker.js does), pre-compressed for the
# server (brotli when installed, gzip always), the SIMD kernels, and Go's wasm_exec.js for the
# worker (go-app serves its own copy to the page). It needs Go alone. The browser tests build with
# this same target, into WEBDIR.
WASMFLAGS := -trimpath -ldflags='-s -w'
WEBDIR ?= web
web:
	$(WASMENV) $(GO) build $(WASMFLAGS) -o $(WEBDIR)/app.wasm ./wasm/app
	cp model/nn/simd/kernels.wasm $(WEBDIR)/simd.wasm
	cp model/nn/simd/kernels_fma.wasm $(WEBDIR)/simd_fma.wasm
	gzip -9 -k -f $(WEBDIR)/app.wasm
	@if command -v brotli >/dev/null; then brotli -q 11 -w 24 -k -f $(WEBDIR)/app.wasm; \
	  else echo "no brotli: serving gzip only (apt install brotli)"; fi
	@rm -f $(WEBDIR)/worker.wasm $(WEBDIR)/worker.wasm.gz $(WEBDIR)/worker.wasm.br
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" $(WEBDIR)/wasm_exec.js

# make run PORT=9000 serves on 127.0.0.1:9000, ADDR=host:port on another host too (ADDR wins);
# fabulist checks them, and a bad one gets its one-line message. make serve serves the page built
# last, without building it again. The command is built (into FABULIST) rather than run with go
# run, which would add a line of its own and exit 1, so that make reports fabulist's line and status.
PORT ?= 8000
ADDR ?= 127.0.0.1:$(PORT)
FABULIST ?= bin/fabulist
SERVE = $(GO) build -o '$(FABULIST)' ./cmd/fabulist && '$(FABULIST)' serve -addr '$(ADDR)' -web '$(WEBDIR)'
run: web
	@$(SERVE)
serve:
	@$(SERVE)

# A folder any static host serves as the whole studio; PREFIX=/name for a project site.
site: web
	$(GO) run ./cmd/fabulist site -out site -prefix "$(PREFIX)"

# The SIMD kernels are assembled from their text (wabt's wat2wasm) and the module is committed
# beside it, so that the page builds on Go alone; a test checks that the two agree. The fused
# multiply-add kernels (kernels_fma.wat) are relaxed SIMD, a second module the page takes only
# where the browser has it (web/simd.js).
kernels:
	wat2wasm model/nn/simd/kernels.wat -o model/nn/simd/kernels.wasm
	wat2wasm --enable-relaxed-simd model/nn/simd/kernels_fma.wat -o model/nn/simd/kernels_fma.wasm

# make test installs what its tests need where it can (scripts/test-setup), and says loudly what
# it could not; the tests that need it then skip with a NOTICE (and fail under .ci/run).
# Every skip for want of a tool or of ../shared/data is noted in .test-notices and listed at the end.
test:
	@rm -f .test-notices
	@FABULIST_NOTICES=$(CURDIR)/.test-notices $(MAKE) --no-print-directory test-setup check test-native test-wasm; status=$$?; \
	  if [ -s .test-notices ]; then echo "################################################################################"; \
	  echo "NOTICE: these tests were SKIPPED:"; sort -u .test-notices; \
	  echo "################################################################################"; fi; exit $$status

test-setup:
	@./scripts/test-setup

# @tensorflow/tfjs for the TF.js export test and the browser benchmark, pinned by tfjs-test/package-lock.json.
tfjs-deps:
	@[ -d tfjs-test/node_modules/@tensorflow/tfjs-backend-wasm ] || npm ci --prefix tfjs-test --no-audit --no-fund

# The browser tests run verbosely, so that their NOTICEs show.
test-native:
	$(GO) test -count=1 $$($(GO) list ./... | grep -v /e2e)
	$(GO) test -count=1 -v ./e2e

# The engine as users run it: every package of model/ compiled to WebAssembly and tested under
# Node, with Go's go_js_wasm_exec and the pure-Go kernels; then the SIMD kernels' own package with
# them (model/nn/simd/node_exec.js provides them as the page's worker does, the fused ones too),
# the engine's syscall/js shell (studio/worker), whose module imports them, and training on the
# fused path (model/lm's Fused tests, built with -tags simd).
SIMDEXEC := node $(CURDIR)/model/nn/simd/node_exec.js
SIMDENV  := FABULIST_SIMD_WASM=$(CURDIR)/web/simd.wasm FABULIST_SIMD_FMA_WASM=$(CURDIR)/web/simd_fma.wasm $(WASMENV)
ENGINE    = $$($(GO) list ./model/... | grep -v -e /simd$$ -e /nntest$$)
simd-wasm:
	@mkdir -p web && cp model/nn/simd/kernels.wasm web/simd.wasm && cp model/nn/simd/kernels_fma.wasm web/simd_fma.wasm

NONODE := msg="no node (apt install nodejs): the WebAssembly tests did not run"; echo "NOTICE: $$msg"; \
	  [ -z "$$FABULIST_NOTICES" ] || echo "$$msg" >> "$$FABULIST_NOTICES"; [ -z "$$FABULIST_REQUIRE_ALL" ]
test-wasm: simd-wasm
	@if command -v node >/dev/null; then \
	  echo '$(WASMENV) $(GO) test -count=1 -exec=go_js_wasm_exec' $(ENGINE) && \
	  $(WASMENV) $(GO) test -count=1 -exec="$(WASMEXEC)" $(ENGINE) && \
	  echo '$(WASMENV) $(GO) test -count=1 -exec="node model/nn/simd/node_exec.js" ./model/nn/simd ./studio/worker' && \
	  $(SIMDENV) $(GO) test -count=1 -exec="$(SIMDEXEC)" ./model/nn/simd ./studio/worker && \
	  echo '$(WASMENV) $(GO) test -count=1 -tags simd -run "Fused|InPieces" -exec="node model/nn/simd/node_exec.js" ./model/lm' && \
	  $(SIMDENV) $(GO) test -count=1 -tags simd -run 'Fused|InPieces' -exec="$(SIMDEXEC)" ./model/lm; \
	else $(NONODE); fi

check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	@if $(GO) list -deps ./model/... | grep -E '^syscall/js$$|go-app'; then \
	  echo "model/ must stay pure Go: no syscall/js, no go-app"; exit 1; fi

# Speed and memory of the book configuration, natively and in wasm (Node), side by side: training
# and generation (model/lm), the GEMM kernels (model/nn), and in wasm the same with the SIMD
# kernels (model/lm built with -tags simd; the kernels and Vector passes in model/nn/simd).
BENCH := 'TrainBook|Generate|Gemm|Vector|QATrain|QAAsk20|FusedAgainstExact'
BENCHPKGS := ./model/lm ./model/nn ./model/qa
bench: bench-native bench-wasm

bench-native:
	$(GO) test -run '^$$' -bench $(BENCH) -benchtime 3s $(BENCHPKGS)
	@$(GO) build -o /tmp/fabulist-bench ./cmd/fabulist && command -v /usr/bin/time >/dev/null && \
	  /usr/bin/time -f 'native: peak memory training Aesop (300 batches) %M KB' \
	  /tmp/fabulist-bench train -text $(DATA)/aesop.txt -max-batches 300 -report 100 -samples 0 || true

bench-wasm: simd-wasm
	$(WASMENV) $(GO) test -run '^$$' -bench $(BENCH) -benchtime 2s -exec="$(WASMEXEC)" $(BENCHPKGS)
	$(SIMDENV) $(GO) test -tags simd -run '^$$' -bench $(BENCH) -benchtime 2s -exec="$(SIMDEXEC)" ./model/lm ./model/nn/simd ./model/qa
	@$(WASMENV) $(GO) build -o /tmp/fabulist-bench.wasm ./cmd/fabulist && command -v /usr/bin/time >/dev/null && \
	  /usr/bin/time -f 'wasm (node): peak memory training Aesop (60 batches) %M KB' \
	  $(WASMEXEC) /tmp/fabulist-bench.wasm train -text $(DATA)/aesop.txt -max-batches 60 -report 20 -samples 0 || true

# The page in headless Chromium, each figure the median of 3 runs in fresh browsers, with lines
# for benchstat: the longest stall of the page's thread while training (one worker, all workers),
# first paint, engine ready and bytes of a cold load; then Fabulist (all workers, then one) against
# TensorFlow.js 4.22's wasm backend on the book's model and Aesop: samples/s, GFLOP/s, ms/token
# with nothing watching, then peak renderer memory under the memory probe, in a fresh browser
# (a first and a second two-worker run in one tab).
# FABULIST_BENCH_ONLY=load,gaps,speed picks sections (bench-page: load and gaps, without TF.js); FABULIST_BENCH_SECONDS sets the training time of each run (default 40
# for speed, 20 for gaps); FABULIST_BENCH_LOSS=every measures the default objective instead of
# the book's last-token loss; FABULIST_BENCH_TRACE=DIR writes a Chromium performance trace of each
# gap run into DIR. bench-browser ends with the native figures of the same objective on one and
# two workers (BenchmarkTrainWorkers), for #16's native ÷ page ratios. FABULIST_BENCH_ONLY=timeline
# (never by default: it traces) prints where a step goes on two workers and on one, each part's
# wall and CPU time (DEVELOPERS.md, "Where a two-worker step goes"). The speed runs train with one
# validation check, at the epoch's end, as TF.js's fit does none; the memory pass with the
# studio's five. FABULIST_BENCH_MEMDUMP=1 prints Chromium's memory dump of the renderers while
# the first memory run trains (DEVELOPERS.md, "Memory", the seventh look).
BENCHBROWSER = FABULIST_BENCH_BROWSER=1 $(GO) test -count=1 -run '^TestBenchBrowser$$' -timeout 60m -v ./e2e | grep -v '^=== RUN'
bench-browser: tfjs-deps
	$(BENCHBROWSER)
	$(GO) test -run '^$$' -bench "BenchmarkTrainWorkers/loss=$${FABULIST_BENCH_LOSS:-last}/" -benchtime 60x ./model/lm

bench-page:
	FABULIST_BENCH_ONLY=$${FABULIST_BENCH_ONLY:-load,gaps} $(BENCHBROWSER)

# The question model's training in the page (book-sized, FairytaleQA's train split, 1 and 2
# workers) in examples/s, beside BenchmarkQATrain's native figure on the same cores.
bench-qa-browser:
	FABULIST_BENCH_BROWSER=1 $(GO) test -count=1 -run '^TestBenchQATrainBrowser$$' -timeout 60m -v ./e2e | grep -v '^=== RUN'
	$(GO) test -run '^$$' -bench 'BenchmarkQATrain/arch=default' -benchtime 10x ./model/qa

# Time to quality in the browser, on all workers: word, the studio's defaults on Aesop to the end
# of their run (some 6 minutes here), and char, the Quick preset on tinyshakespeare for 10
# minutes; each prints the validation loss it reached. QUALITY=word or QUALITY=char runs one.
QUALITY ?=
quality-browser:
	FABULIST_BENCH_BROWSER=1 $(GO) test -count=1 -run '^TestQualityBrowser$$/$(QUALITY)' -timeout 80m -v ./e2e | grep -v '^=== RUN'

# A short run of each fuzz target; seeds found are kept in PACKAGE/testdata/fuzz.
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./model/lm
	$(GO) test -run '^$$' -fuzz FuzzTokenizer -fuzztime 30s ./model/lm
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./studio/share
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./studio/inlink
	$(GO) test -run '^$$' -fuzz FuzzDecodeStored -fuzztime 30s ./studio/session
	$(GO) test -run '^$$' -fuzz FuzzRequestTarget -fuzztime 30s ./server
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 30s ./model/qa
	$(GO) test -run '^$$' -fuzz FuzzReadVectors -fuzztime 30s ./model/qa
	$(GO) test -run '^$$' -fuzz FuzzModelAddress -fuzztime 30s ./app
	$(GO) test -run '^$$' -fuzz FuzzModelLink -fuzztime 30s ./app
	$(GO) test -run '^$$' -fuzz FuzzReadSQuAD -fuzztime 30s ./model/qa/dataset
	$(GO) test -run '^$$' -fuzz FuzzReadBookCSV -fuzztime 30s ./model/qa/dataset
	$(GO) test -run '^$$' -fuzz FuzzReadFairytaleQA -fuzztime 30s ./model/qa/dataset
	$(GO) test -run '^$$' -fuzz FuzzTokenize -fuzztime 30s ./model/qa/passage
	$(GO) test -run '^$$' -fuzz FuzzPairs -fuzztime 30s ./model/qa/rules
	$(GO) test -run '^$$' -fuzz FuzzCheckWriting -fuzztime 30s ./app
