# cockpit-system-services — the targets are the user interface of this repository.
PACKAGE_NAME := system-services
# read without Node: a release tarball installs where Node is absent
VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' package.json)
PREFIX ?= /usr/local
DESTDIR ?=
PORT ?= 9091
NODE_MODULES_STAMP := node_modules/.installed
SRC_FILES := $(shell find src po -type f ! -name '*.pot' 2>/dev/null)
# A release tarball (make dist): no .git, and the built dist/ shipped in it. There the shipped
# dist/ is the build, so install needs neither npm nor network unless a source is newer than it.
RELEASE := $(if $(wildcard .git),,$(if $(wildcard dist/index.js),1))

.PHONY: all watch install devel-install devel-uninstall run check check-unit lint typecheck dist clean

all: dist/index.js

# devDependencies too: the build needs them, and NODE_ENV=production would leave them out.
# The stamp is written only after npm ci succeeded and left the build tools in place.
$(NODE_MODULES_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || tools/install-debs.sh nodejs npm
	npm ci --include=dev --no-audit --no-fund
	@test -x node_modules/.bin/esbuild || { echo "npm ci did not install esbuild" >&2; exit 1; }
	@touch $@

ifeq ($(RELEASE),1)
dist/index.js: build.js manifest.json $(SRC_FILES)
	$(MAKE) --no-print-directory $(NODE_MODULES_STAMP)
	NODE_ENV=production node build.js
else
dist/index.js: $(NODE_MODULES_STAMP) build.js manifest.json $(SRC_FILES)
	NODE_ENV=production node build.js
endif

watch: $(NODE_MODULES_STAMP)
	NODE_ENV=development node build.js --watch

# The page without source maps, its JS and CSS gzipped (gzip -n: no name or time in the file):
# Cockpit sends FILE.gz as is to a browser that accepts gzip and unpacks it for one that does
# not, but serves FILE instead when both are there, so only the .gz is installed. Plus the
# AppStream metainfo, for software centres.
PKG_DIR = $(DESTDIR)$(PREFIX)/share/cockpit/$(PACKAGE_NAME)
METAINFO := org.cockpit_project.system_services.metainfo.xml

install: all
	rm -rf $(PKG_DIR)
	mkdir -p $(PKG_DIR)
	find dist -maxdepth 1 -type f ! -name '*.map' -exec install -m 644 -t $(PKG_DIR) {} +
	gzip -n -9 -f $(PKG_DIR)/*.js $(PKG_DIR)/*.css
	install -D -m 644 packaging/$(METAINFO) $(DESTDIR)$(PREFIX)/share/metainfo/$(METAINFO)

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

# The release tarball: the git-tracked files as they are in the working tree, plus the built
# dist/. Reproducible: names sorted, owner 0, modes from the files' x bits, every time stamp the
# last commit's (or SOURCE_DATE_EPOCH), gzip without name or time. DIST_TAR=... writes elsewhere.
TARNAME := cockpit-$(PACKAGE_NAME)-$(VERSION)
DIST_TAR ?= $(TARNAME).tar.gz
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
DIST_STAGE = build/dist-$(notdir $@)

dist: $(DIST_TAR)

# (.git/index: a file newly tracked, or a new commit and so a new time stamp)
$(DIST_TAR): dist/index.js $(wildcard $(shell git ls-files 2>/dev/null)) $(wildcard .git/index)
	@[ -e .git ] || { echo "make dist needs the git checkout" >&2; exit 1; }
	@[ ! -e dist/index.js.map ] || { echo "dist/ is a development build (make watch): rm -rf dist && make" >&2; exit 1; }
	rm -rf $(DIST_STAGE)
	mkdir -p $(DIST_STAGE)/$(TARNAME)
	git ls-files -z | xargs -0 cp --parents -t $(DIST_STAGE)/$(TARNAME)
	cp -r dist $(DIST_STAGE)/$(TARNAME)/dist
	tar -C $(DIST_STAGE) --sort=name --format=gnu --mtime=@$(SOURCE_DATE_EPOCH) --owner=0 --group=0 --numeric-owner \
		--mode=u+rwX,go=rX -I 'gzip -n -9' -cf $@.tmp $(TARNAME)
	rm -rf $(DIST_STAGE)
	mv $@.tmp $@
	@echo "wrote $@"

clean:
	rm -rf dist build cockpit-$(PACKAGE_NAME)-*.tar.gz

-include packaging/packaging.mk
-include test/testbed/testbed.mk
