# Packages built from the release tarball (make dist); the main Makefile includes this file
# after it defines DIST_TAR and TARNAME. The Debian packages the tools come in are installed
# when missing (tools/install-debs.sh).
#
#   make deb               build/deb/cockpit-system-services_VERSION_all.deb (dpkg-buildpackage -b,
#                          debian/ from packaging/debian); lintian is run by make check-packaging
#   make rpm               build/rpm/RPMS/noarch/cockpit-system-services-VERSION.noarch.rpm
#                          (rpmbuild -tb: the spec is read from the tarball)
#   make check-packaging   the packaging suite of make check (test/packaging/run.sh)
DEB_VERSION := $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' packaging/debian/changelog)
DEB := build/deb/cockpit-$(PACKAGE_NAME)_$(DEB_VERSION)_all.deb
RPM_RELEASE := $(shell sed -n 's/^Release: *\([0-9.]*\).*/\1/p' packaging/cockpit-$(PACKAGE_NAME).spec)
RPM := build/rpm/RPMS/noarch/cockpit-$(PACKAGE_NAME)-$(VERSION)-$(RPM_RELEASE).noarch.rpm

.PHONY: deb rpm check-packaging

deb: $(DEB)

# Unpacked from the tarball in build/deb, packaging/debian copied to debian/ there. The old
# build goes first, so that a failed one leaves no .deb behind.
$(DEB): $(DIST_TAR)
	@tools/install-debs.sh debhelper dpkg-dev fakeroot
	rm -rf build/deb
	mkdir -p build/deb
	tar -C build/deb -xzf $(DIST_TAR)
	cp -r build/deb/$(TARNAME)/packaging/debian build/deb/$(TARNAME)/debian
	cd build/deb/$(TARNAME) && dpkg-buildpackage -b -us -uc >../dpkg-buildpackage.log 2>&1 \
		|| { tail -n 30 ../dpkg-buildpackage.log >&2; exit 1; }
	@test -f $@ || { echo "dpkg-buildpackage did not write $@" >&2; exit 1; }
	@echo "wrote $@"

rpm: $(RPM)

# --nodeps: on Debian the rpm database is empty, so BuildRequires cannot be checked
$(RPM): $(DIST_TAR)
	@tools/install-debs.sh rpm
	rm -rf build/rpm
	rpmbuild -tb --nodeps --define "_topdir $(CURDIR)/build/rpm" $(DIST_TAR) >build/rpmbuild.log 2>&1 \
		|| { tail -n 30 build/rpmbuild.log >&2; exit 1; }
	@test -f $@ || { echo "rpmbuild did not write $@" >&2; exit 1; }
	@echo "wrote $@"

check-packaging: all
	test/packaging/run.sh
