package dev.estserver.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.fleet.FleetMetrics;
import dev.estserver.service.support.AdminClient;
import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.ManagementClient;
import dev.estserver.service.support.Shell;
import dev.estserver.service.support.TestKeys;
import dev.estserver.service.support.TestTls;

/**
 * The observability kit of deploy/observability against the running service: every metric the Grafana dashboard and
 * the alert rules use is one the service exports, the rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}: each alert fires on what should fire it), the dashboard's queries are valid PromQL,
 * and the PrometheusRule manifest carries the rules file unchanged.
 */
@QuarkusTest
class ObservabilityKitTest {

    private static final Path KIT = Path.of("..", "deploy", "observability");
    private static final Pattern METRIC = Pattern.compile("\\b(?:est|agroal)_[a-z0-9_]+\\b");

    @Inject
    FleetMetrics fleet;

    @TempDir
    Path dir;

    private Shell shell;

    @BeforeEach
    void exportEveryMetric() {
        shell = new Shell(KIT);
        EstClient.anonymous().enrolled(null, Csrs.csr(TestKeys.ecP256(), "CN=metrics-" + UUID.randomUUID()));
        assertThat(EstClient.anonymous().post("simpleenroll", "application/pkcs10", new byte[] {'x'}).statusCode())
                .isEqualTo(400);
        fleet.refresh();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExported() throws IOException {
        String scrape = EstClient.text(ManagementClient.get("/q/metrics"));
        Set<String> exported = scrape.lines().filter(line -> !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = new TreeSet<>();
        dashboardQueries().forEach(query -> used.addAll(metrics(query)));
        used.addAll(metrics(Files.readString(KIT.resolve("est-alerts.rules.yaml"))));

        assertThat(used).contains("est_ca_not_after_seconds", "est_requests_failed_total", "est_devices",
                "est_requests_seconds_bucket", "agroal_awaiting_count", "est_database_up");
        assertThat(exported).containsAll(used);

        assertThat(scrape).contains("est_database_up 1.0", "est_ca_not_after_seconds{ca=\"default\"} "
                + (double) TestTls.caCertificate().getNotAfter().toInstant().getEpochSecond(),
                "est_requests_failed_total{label=\"default\",operation=\"simpleenroll\",reason=\"malformed\"}");
    }

    @Test
    void theAlertRulesPassPromtoolAndFireOnWhatShouldFireThem() {
        Shell.Result check = shell.run("promtool check rules est-alerts.rules.yaml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 7 rules found");
        Shell.Result test = shell.run("promtool test rules est-alerts.test.yaml");
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void theDashboardsQueriesAreValidPromql() throws IOException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = dashboardQueries();
        for (int i = 0; i < queries.size(); i++) {
            // Grafana's variables, as Grafana fills them in.
            String query = queries.get(i).replace("$__rate_interval", "5m").replace("$instance", ".*");
            rules.append("      - record: dashboard_query_").append(i).append("\n        expr: '")
                    .append(query.replace("'", "''")).append("'\n");
        }
        Files.writeString(dir.resolve("dashboard.rules.yaml"), rules);
        Shell.Result check = new Shell(dir).run("promtool check rules dashboard.rules.yaml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void thePrometheusRuleCarriesTheRulesFileUnchanged() throws IOException {
        String rules = Files.readString(KIT.resolve("est-alerts.rules.yaml"));
        String groups = rules.substring(rules.indexOf("groups:"));
        String manifest = Files.readString(KIT.resolve("prometheus-rule.yaml"));
        assertThat(manifest).contains("kind: PrometheusRule", "apiVersion: monitoring.coreos.com/v1");
        String spec = manifest.substring(manifest.indexOf("spec:\n") + "spec:\n".length());
        assertThat(spec).isEqualTo(groups.lines().map(line -> line.isBlank() ? line : "  " + line)
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = AdminClient.parse(Files.readString(KIT.resolve("est-dashboard.json")));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asText());
            }
        }
        return queries;
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
