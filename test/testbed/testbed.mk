# End-to-end testbed targets; the main Makefile includes this file and defines `all` (dist/).
# The logic lives in test/e2e/run.sh and test/testbed/testbed.sh.
#
#   make testbed-up     boot the testbed with dist/ served as the plugin, build test images; stays up
#   make testbed-down   stop it
#   make demo           testbed-up, print the URL and login, stop on Ctrl-C
#   make check-e2e      fresh testbed, images, specs; always stops it. E2E_SPECS=... runs only some
#   make bench          our page against cockpit-podman (test/bench/README.md); not part of check.
#                       BENCH_N="10 100" BENCH_RUNS=3 BENCH_TIMEOUT=600 (seconds per page load)
#
# The plugin: these targets serve the working tree's dist/ (bind-mounted, read-only), so a
# rebuild needs no new package. With E2E_DEB=1, and always in `make check`, the testbed installs
# the .deb of `make deb` (dpkg -i) and Cockpit serves the page from /usr/share/cockpit.
E2E_RUN := $(CURDIR)/test/e2e/run.sh
E2E_ENV := PLUGIN_DIR=$(CURDIR)/dist

.PHONY: testbed-up testbed-down demo check-e2e bench check-deb

ifeq ($(E2E_DEB),1)
E2E_ENV += PLUGIN_DEB=$(CURDIR)/$(DEB)
testbed-up demo check-e2e bench: deb
endif

# make check: test/check.sh's e2e suite (and every later boot of the testbed) gets PLUGIN_DEB.
# A failed package build does not stop the other suites: the deb is removed before each build,
# so the testbed then refuses to boot and the e2e suite reports that.
check: export PLUGIN_DEB = $(CURDIR)/$(DEB)
check: check-deb
check-deb:
	-@$(MAKE) --no-print-directory deb

testbed-up: all
	$(E2E_ENV) $(E2E_RUN) up

testbed-down:
	$(E2E_RUN) down

demo: all
	$(E2E_ENV) $(E2E_RUN) demo

check-e2e: all
	$(E2E_ENV) $(E2E_RUN) check $(E2E_SPECS)

# make's command-line variables reach the script's environment too
BENCH_ENV := $(foreach v,BENCH_N BENCH_RUNS BENCH_TIMEOUT BENCH_UNIT_TOGGLES,$(if $($(v)),$(v)="$($(v))"))

bench: all
	$(E2E_ENV) $(BENCH_ENV) $(CURDIR)/test/bench/run.sh
