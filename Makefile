# Thin wrapper around the Maven Wrapper and a few scripts. `make` alone lists the targets.
# Every knob is a ?= variable: override on the command line, e.g. `make run EST_PORT=9443`.

EST_PORT ?= 8443
MGMT_PORT ?= 9000
EST_DIR ?= .est
MVN_ARGS ?= -B -ntp
KUBECTL ?= kubectl
# Options of `est-bench.jar run`, e.g. BENCH_ARGS="--cas ec-p256 --providers native --scenarios keep-alive"
# (README.md, Benchmark; --providers native,jdk, the default, compares the two crypto provider sets)
BENCH_ARGS ?=
JAVA_HOME ?=
JDK := $(shell JAVA_HOME="$(JAVA_HOME)" scripts/find-jdk.sh)
MVNW = JAVA_HOME="$(JDK)" ./mvnw $(MVN_ARGS)

.DEFAULT_GOAL := help
.PHONY: help jdk db tools build run stop test e2e bench crds install clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  make %-7s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

jdk:
	@test -n "$(JDK)" || { echo "No JDK 25 found: set JAVA_HOME to a JDK 25 or install one under /usr/lib/jvm"; exit 1; }

db: ## Start PostgreSQL and create the role and databases (installs PostgreSQL if missing)
	@scripts/db.sh

tools: ## Install headless Chromium, chromedriver and promtool for the tests (apt, if missing)
	@scripts/test-tools.sh

build: jdk ## Build the service and operator (no tests)
	$(MVNW) -DskipTests package

run: db build ## Start the EST demo service in the background (demo CA under $(EST_DIR)/)
	@JAVA_HOME="$(JDK)" EST_PORT=$(EST_PORT) MGMT_PORT=$(MGMT_PORT) EST_DIR=$(EST_DIR) scripts/run.sh

stop: ## Stop what `make run` started
	@if [ -f $(EST_DIR)/service.pid ] && kill $$(cat $(EST_DIR)/service.pid) 2>/dev/null; then \
		echo "stopped the EST service"; else echo "the EST service was not running"; fi
	@rm -f $(EST_DIR)/service.pid

test: db tools jdk ## Run the whole test suite (unit, service over HTTPS + PostgreSQL, real clients and browser, operator)
	$(MVNW) verify

e2e: db jdk ## End to end on this machine: mock Kubernetes API, operator, service, PostgreSQL, init-container script
	$(MVNW) -DskipTests package
	$(MVNW) -pl est-operator failsafe:integration-test failsafe:verify -Dit.test=EndToEndIT

bench: db jdk ## Measure enrollment speed against the crypto limit, both CA types and provider sets (target/bench/)
	$(MVNW) -DskipTests package
	$(JDK)/bin/java -Djava.security.properties=est-bench/client.security -jar est-bench/target/est-bench.jar run $(BENCH_ARGS)

crds: jdk ## Regenerate src-crds/ and deploy/operator/crds/ from the operator's API types (commit the result)
	$(MVNW) -q -pl est-operator test -Dtest=CrdFreshnessTest -Dcrds.update=true -Dsurefire.failIfNoSpecifiedTests=false

clean: jdk ## Remove build output (keeps the demo CA in $(EST_DIR)/)
	$(MVNW) clean

install: ## Install the CRDs and the operator with kubectl's current context (see deploy/README.md)
	$(KUBECTL) apply --server-side -k deploy/operator
