package dev.estserver.bench.run;

import static dev.estserver.bench.load.ConnectionMode.KEEP_ALIVE;
import static dev.estserver.bench.load.ConnectionMode.NEW_CONNECTION;
import static dev.estserver.bench.load.ConnectionMode.NEW_CONNECTION_RESUMED;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.estserver.bench.load.ConnectionMode;

/**
 * One load scenario of {@code make bench}.
 *
 * @param seeded run after the database was seeded with a large fleet, so it comes after every unseeded scenario
 */
public record Scenario(String name, ConnectionMode connections, int concurrency, boolean seeded) {

    /** What {@code make bench} runs for each CA, in this order. */
    public static final List<Scenario> ALL = List.of(
            new Scenario("keep-alive", KEEP_ALIVE, 1, false),
            new Scenario("keep-alive", KEEP_ALIVE, 8, false),
            new Scenario("keep-alive", KEEP_ALIVE, 64, false),
            new Scenario("new-connection", NEW_CONNECTION, 8, false),
            new Scenario("new-connection", NEW_CONNECTION, 64, false),
            new Scenario("new-connection-resumed", NEW_CONNECTION_RESUMED, 64, false),
            new Scenario("connections-1000", KEEP_ALIVE, 1000, false),
            new Scenario("keep-alive-1m", KEEP_ALIVE, 64, true));

    /**
     * The scenarios that {@code --scenarios} names: {@code keep-alive} selects every concurrency of that scenario,
     * {@code keep-alive:8} one of them, or any other concurrency in the scenario's connection mode.
     */
    public static List<Scenario> select(List<String> selectors) {
        List<Scenario> selected = new ArrayList<>();
        for (String selector : selectors) {
            String[] parts = selector.split(":", 2);
            List<Scenario> named = ALL.stream().filter(s -> s.name.equals(parts[0])).toList();
            if (named.isEmpty()) {
                throw new IllegalArgumentException("unknown scenario '" + parts[0]
                        + "' in --scenarios; expected one of " + ALL.stream().map(Scenario::name).distinct().toList());
            }
            if (parts.length == 1) {
                selected.addAll(named);
            } else {
                Scenario template = named.getFirst();
                selected.add(new Scenario(template.name, template.connections, concurrency(selector, parts[1]),
                        template.seeded));
            }
        }
        return selected.stream().distinct().sorted(Comparator.comparing(Scenario::seeded)).toList();
    }

    private static int concurrency(String selector, String value) {
        try {
            int concurrency = Integer.parseInt(value);
            if (concurrency > 0) {
                return concurrency;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad scenario '" + selector + "': expected <name>:<concurrency> with a "
                + "positive concurrency");
    }

    /**
     * A device identity prefix of its own, so that no two scenarios of any run enroll the same device. It becomes
     * the CSR's common name with a number after it, so it stays short: RFC 5280 bounds a CN at 64 characters, and
     * "bench-" with the whole provider name made 67 for new-connection-resumed on the JDK set.
     */
    String identityPrefix(String runId, CaAlgorithm ca, ProviderSet provider) {
        return runId + "-" + ca.id() + "-" + provider.id().charAt(0) + "-" + name + "-c" + concurrency + "-";
    }
}
