package dev.estserver.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the figures were measured on: they mean nothing without it. */
record Machine(String cpuModel, int cpus, long memoryMib, String kernel, String java, String postgres) {

    static Machine describe(String postgresVersion) {
        String cpuinfo = proc("cpuinfo");
        return new Machine(cpuModel(cpuinfo), cpuCount(cpuinfo), memoryMib(proc("meminfo")),
                proc("sys/kernel/osrelease").trim(),
                System.getProperty("java.vm.name") + " " + Runtime.version(), postgresVersion);
    }

    /** The first {@code model name} of {@code /proc/cpuinfo}. */
    static String cpuModel(String cpuinfo) {
        return field(cpuinfo, "model name").orElse("unknown");
    }

    /** The {@code processor} entries of {@code /proc/cpuinfo}: the logical CPUs. */
    static int cpuCount(String cpuinfo) {
        return (int) cpuinfo.lines().filter(l -> l.matches("processor\\s*:.*")).count();
    }

    /** {@code MemTotal} of {@code /proc/meminfo}, in MiB. */
    static long memoryMib(String meminfo) {
        return field(meminfo, "MemTotal").map(v -> Long.parseLong(v.replace("kB", "").trim()) / 1024).orElse(0L);
    }

    /** The 1, 5 and 15-minute load averages of {@code /proc/loadavg}. */
    static String loadAverage() {
        return loadAverage(proc("loadavg"));
    }

    static String loadAverage(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static Optional<String> field(String text, String name) {
        return text.lines().filter(l -> l.startsWith(name) && l.substring(name.length()).trim().startsWith(":"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
    }

    private static String proc(String file) {
        try {
            return Files.readString(Path.of("/proc", file));
        } catch (IOException e) {
            throw new BenchFailure("cannot read /proc/" + file + " (the benchmark measures Linux processes): "
                    + e.getMessage());
        }
    }

    String lines(String loadStart) {
        return "machine: cpu=" + cpuModel + " x" + cpus + " memory=" + memoryMib + "MiB kernel=" + kernel
                + "\nmachine: java=" + java + " postgresql=" + postgres + " load-at-start=" + loadStart;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpuModel", cpuModel);
        json.put("cpus", cpus);
        json.put("memoryMib", memoryMib);
        json.put("kernel", kernel);
        json.put("java", java);
        json.put("postgresql", postgres);
        return json;
    }
}
