# dcn-report: two commands set everything up on a fresh Debian machine.
#   make report   install missing system packages, build (release), run the synthetic demo
#   make test     install missing system packages, run the test suite
#   make bench    build (release) and run dcn-bench (training and rendering speed; docs/performance.md)

APT_PACKAGES := pkg-config libcairo2-dev libpng-dev zlib1g-dev libopenblas-dev libgif-dev fonts-dejavu-core gzip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build report test bench clean

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing missing packages:" $$missing; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

# The tests also check that numpy reads our files and open the report in headless Chromium.
test-deps: deps
	@python3 -c "import numpy" 2>/dev/null || { \
		echo "installing python3-numpy"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q python3 python3-numpy; }
	@command -v pdftotext >/dev/null 2>&1 || { \
		echo "installing poppler-utils (pdftotext, to check PDF text)"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q poppler-utils; }
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (for the browser test)"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

build: deps
	swift build -c release

report: build
	.build/release/dcn-report generate

test: test-deps
	swift test

bench: build
	.build/release/dcn-bench

clean:
	rm -rf .build reports/demo
