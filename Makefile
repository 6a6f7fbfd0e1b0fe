# dcn-report: two commands set everything up on a fresh Debian machine.
#   make report   install missing system packages, build (release), run the synthetic demo
#   make test     install missing system packages, check formatting, run the test suite (Swift, then the Python package's pytest)
#   make format   reformat the Swift sources with swift-format (the toolchain's) and the committed .swift-format
#   make fuzz     run every reader's coverage-guided fuzz target FUZZ_SECONDS (default 600) each (Tests/Fuzz)
#   make bench    build (release) and run dcn-bench (training and rendering speed; docs/performance.md)
#   make install  install dcn-report into PREFIX (default /usr/local; PREFIX=~/.local needs no root):
#                 PREFIX/bin/dcn-report and PREFIX/share/dcn-report/templates
#   make wheel    the Python package as a platform wheel carrying the binary and every library it
#                 needs, for pip on a machine with nothing else (glibc 2.35 or later): .build/wheel/dist/
#   make test-wheel  build it, then install and run it in a minimal Debian root (debootstrap; slow the first time)

APT_PACKAGES := pkg-config libcairo2-dev libpng-dev zlib1g-dev libopenblas-dev libgif-dev fonts-dejavu-core gzip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PREFIX ?= /usr/local
# The Swift standard library and Foundation are linked statically, so the binary runs on machines
# without Swift (the C libraries above stay shared: install them there with apt).
RELEASE_BUILD := swift build -c release --static-swift-stdlib

PYTHON_ENV := .build/python-env

.PHONY: deps test-deps build report test format format-check python-test fuzz fuzz-replay bench install uninstall clean \
	wheel wheel-libraries-test test-wheel

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
	@python3 -m pytest --version >/dev/null 2>&1 || { \
		echo "installing pytest (for the Python package's tests)"; \
		python3 -m pip install --quiet pytest 2>/dev/null || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q python3-pytest; }; }
	@python3 -c "import ensurepip" 2>/dev/null || { \
		echo "installing python3-venv (the Python package is tested from a virtual environment)"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q python3-venv; }
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium (for the browser test)"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

build: deps
	$(RELEASE_BUILD)

report: build
	.build/release/dcn-report generate

# The Swift tests, then the module graph (Report must not link the trainer), an install into a
# temporary prefix that writes a report from another directory, and the Python package's tests.
test: test-deps format-check
	swift test
	python3 Tests/architecture-test.py
	Tests/install-test.sh
	$(MAKE) wheel-libraries-test
	$(MAKE) test-wheel
	$(MAKE) python-test
	$(MAKE) fuzz-replay

# swift-format ships with the Swift toolchain; .swift-format is the configuration.
FORMATTED := Package.swift Sources Tests
format:
	swift format --in-place --recursive --parallel $(FORMATTED)

format-check:
	swift format lint --strict --recursive --parallel $(FORMATTED)

# libFuzzer targets for every reader of files from strangers (a package of its own: Tests/Fuzz/Package.swift).
# fuzz-replay runs each once over the committed corpus, so a crash found once stays fixed.
FUZZ_SECONDS ?= 600
fuzz: deps
	Tests/Fuzz/run.sh fuzz $(FUZZ_SECONDS)

fuzz-replay: deps
	Tests/Fuzz/run.sh replay

# The Python package (python/): built into a wheel and an sdist with `python -m build` (its backend,
# hatchling, and build, mypy, scikit-learn, tqdm and nbclient come from PyPI into a fresh virtual environment; numpy and
# pytest from the system Python), type-checked with mypy, installed with pip, then tested; its tests
# render what it writes with the debug dcn-report. Keras and PyTorch tests run when those are
# importable there, and are reported as skipped otherwise.
python-test: test-deps
	swift build
	rm -rf $(PYTHON_ENV)
	python3 -m venv --system-site-packages $(PYTHON_ENV)
	$(PYTHON_ENV)/bin/python -m pip install --quiet build mypy scikit-learn tqdm nbclient nbformat ipykernel
	$(PYTHON_ENV)/bin/python -m build --outdir $(PYTHON_ENV)/dist ./python
	@ls $(PYTHON_ENV)/dist/dcn_report-*.whl $(PYTHON_ENV)/dist/dcn_report-*.tar.gz
	cd python && ../$(PYTHON_ENV)/bin/python -m mypy src/dcn_report
	$(PYTHON_ENV)/bin/python -m pip install --quiet ./python
	cd python && DCN_REPORT="$$(cd .. && swift build --show-bin-path)/dcn-report" \
		../$(PYTHON_ENV)/bin/python -m pytest -p no:cacheprovider -rs tests

# The platform wheel (python/wheel/build-wheel.sh says how): the release binary, stripped, inside the
# dcn_report package with its templates, DejaVu Sans and the licence texts; auditwheel (from PyPI into
# .build/wheel/venv) vendors its shared libraries, and build-wheel.sh the X11 ones and zlib that the
# manylinux policy lets it leave out. Tagged as python/wheel-tag.txt pins; `auditwheel show` must agree.
wheel: deps
	$(RELEASE_BUILD) --product dcn-report
	python/wheel/build-wheel.sh "$$($(RELEASE_BUILD) --show-bin-path)/dcn-report"

# Part of make test: the wheel, installed into a temporary venv, loads every library from inside
# itself except those python/wheel/system-libraries.txt allows (ldd with LD_LIBRARY_PATH unset).
wheel-libraries-test: wheel
	python/tests/wheel/libraries-test.sh .build/wheel/dist/dcn_report-*.whl

# The wheel on a bare machine: a debootstrap --variant=minbase root with python3 and python3-venv only
# (cached in .build/wheel/root), a venv there, pip install of the wheel (numpy from PyPI), then a report
# from the console script and DCN from Python (python/tests/wheel/test-wheel.sh). Needs root and network.
test-wheel: wheel
	$(SUDO) python/tests/wheel/test-wheel.sh .build/wheel/dist/dcn_report-*.whl

# Builds the one product it installs (not dcn-bench): the install test's release build is the longest step of make test.
install: deps
	$(RELEASE_BUILD) --product dcn-report
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/dcn-report/templates"
	install -m 755 "$$($(RELEASE_BUILD) --show-bin-path)/dcn-report" "$(DESTDIR)$(PREFIX)/bin/dcn-report"
	install -m 644 templates/* "$(DESTDIR)$(PREFIX)/share/dcn-report/templates/"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/dcn-report (templates: $(DESTDIR)$(PREFIX)/share/dcn-report/templates)"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/dcn-report"
	rm -rf "$(DESTDIR)$(PREFIX)/share/dcn-report"

bench: build
	.build/release/dcn-bench

clean:
	rm -rf .build reports/demo
