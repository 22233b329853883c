# cockpit-system-services — the targets are the user interface of this repository.
PACKAGE_NAME := system-services
VERSION := $(shell node -p "require('./package.json').version" 2>/dev/null || echo 0)
PREFIX ?= /usr/local
DESTDIR ?=
PORT ?= 9091
NODE_MODULES_STAMP := node_modules/.installed

.PHONY: all watch install devel-install devel-uninstall run check check-unit lint typecheck dist clean

all: dist/index.js

$(NODE_MODULES_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || tools/install-debs.sh nodejs npm
	npm ci --no-audit --no-fund
	@touch $@

dist/index.js: $(NODE_MODULES_STAMP) build.js manifest.json $(shell find src po -type f ! -name '*.pot' 2>/dev/null)
	NODE_ENV=production node build.js

watch: $(NODE_MODULES_STAMP)
	NODE_ENV=development node build.js --watch

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/share/cockpit/$(PACKAGE_NAME)
	cp -r dist/* $(DESTDIR)$(PREFIX)/share/cockpit/$(PACKAGE_NAME)/
	rm -f $(DESTDIR)$(PREFIX)/share/cockpit/$(PACKAGE_NAME)/*.map

# a symlink in ~/.local/share/cockpit: the host's Cockpit serves the working tree's dist/
devel-install: all
	mkdir -p ~/.local/share/cockpit
	ln -sfn $(CURDIR)/dist ~/.local/share/cockpit/$(PACKAGE_NAME)

devel-uninstall:
	rm -f ~/.local/share/cockpit/$(PACKAGE_NAME)

# builds, installs what is missing, serves the page on 127.0.0.1:$(PORT) until Ctrl-C
run: all
	PORT=$(PORT) tools/run.sh

typecheck: $(NODE_MODULES_STAMP)
	npx tsc --noEmit -p .

lint: $(NODE_MODULES_STAMP)
	npx eslint .
	node tools/check-layers.mjs

check-unit: $(NODE_MODULES_STAMP)
	tools/install-debs.sh chromium
	node test/unit/run.mjs

# every suite, then one line "N passed, N failed" that sums them
check: all
	tools/install-debs.sh chromium
	test/check.sh

po/$(PACKAGE_NAME).pot: $(NODE_MODULES_STAMP) $(shell find src -type f) manifest.json
	node po/extract.js $@

dist: all
	rm -rf build/$(PACKAGE_NAME)-$(VERSION)
	mkdir -p build/$(PACKAGE_NAME)-$(VERSION)
	git ls-files -z | xargs -0 cp --parents -t build/$(PACKAGE_NAME)-$(VERSION)
	cp -r dist build/$(PACKAGE_NAME)-$(VERSION)/dist
	tar -C build -czf $(PACKAGE_NAME)-$(VERSION).tar.gz $(PACKAGE_NAME)-$(VERSION)
	@echo "wrote $(PACKAGE_NAME)-$(VERSION).tar.gz"

clean:
	rm -rf dist build $(PACKAGE_NAME)-*.tar.gz

-include test/testbed/testbed.mk
