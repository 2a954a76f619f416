package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedObjectsInTheirOrder() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", "keep-alive");
        report.put("concurrency", 64);
        report.put("ratio", 0.5);
        report.put("passed", true);
        report.put("samples", List.of("a", "b"));
        report.put("kinds", Map.of());
        report.put("none", new ArrayList<>());

        assertThat(Json.write(report)).isEqualTo("""
                {
                  "scenario": "keep-alive",
                  "concurrency": 64,
                  "ratio": 0.5,
                  "passed": true,
                  "samples": [
                    "a",
                    "b"
                  ],
                  "kinds": {},
                  "none": []
                }
                """);
    }

    @Test
    void escapesStrings() {
        assertThat(Json.write("say \"hi\"\\\n\t\u0001")).isEqualTo("\"say \\\"hi\\\"\\\\\\n\\t\\u0001\"\n");
    }

    @Test
    void writesNumbersJsonCannotCarryAsNull() {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p99", Double.NaN);
        latency.put("max", Double.POSITIVE_INFINITY);
        latency.put("missing", null);

        assertThat(Json.write(latency)).isEqualTo("{\n  \"p99\": null,\n  \"max\": null,\n  \"missing\": null\n}\n");
    }

    @Test
    void refusesValuesWithoutAJsonForm() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no JSON form for java.lang.Object");
    }
}
