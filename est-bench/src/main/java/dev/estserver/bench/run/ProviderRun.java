package dev.estserver.bench.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service run against one CA with one provider set: its seeding, if a scenario needed one, and its scenarios. */
record ProviderRun(ProviderSet provider, Optional<Duration> seeding, int seedRows, List<ScenarioResult> scenarios) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", provider.id());
        seeding.ifPresent(d -> {
            Map<String, Object> seeded = new LinkedHashMap<>();
            seeded.put("rows", seedRows);
            seeded.put("seconds", d.toMillis() / 1000.0);
            json.put("seeding", seeded);
        });
        json.put("scenarios", scenarios.stream().map(ScenarioResult::toJson).toList());
        return json;
    }
}
