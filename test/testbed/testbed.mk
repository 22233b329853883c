# End-to-end testbed targets; the main Makefile includes this file and defines `all` (dist/).
# The logic lives in test/e2e/run.sh and test/testbed/testbed.sh.
#
#   make testbed-up     boot the testbed with dist/ served as the plugin, build test images; stays up
#   make testbed-down   stop it
#   make demo           testbed-up, print the URL and login, stop on Ctrl-C
#   make check-e2e      fresh testbed, images, specs; always stops it. E2E_SPECS=... runs only some
E2E_RUN := $(CURDIR)/test/e2e/run.sh
E2E_ENV := PLUGIN_DIR=$(CURDIR)/dist

.PHONY: testbed-up testbed-down demo check-e2e

testbed-up: all
	$(E2E_ENV) $(E2E_RUN) up

testbed-down:
	$(E2E_RUN) down

demo: all
	$(E2E_ENV) $(E2E_RUN) demo

check-e2e: all
	$(E2E_ENV) $(E2E_RUN) check $(E2E_SPECS)
