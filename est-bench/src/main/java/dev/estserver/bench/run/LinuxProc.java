package dev.estserver.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** The figures the report takes from Linux's {@code /proc}: per-process CPU time and resident memory. */
final class LinuxProc {

    /** USER_HZ: the unit of the CPU times in {@code /proc/<pid>/stat}, 100 on every Linux that matters here. */
    static final int TICKS_PER_SECOND = 100;

    private static final Path PROC = Path.of("/proc");

    private LinuxProc() {
    }

    /**
     * User plus system CPU ticks (fields 14 and 15) of a {@code /proc/<pid>/stat} line. Fields are counted after the
     * command name's closing parenthesis, because the name itself may contain spaces and parentheses.
     */
    static long cpuTicks(String stat) {
        int endOfName = stat.lastIndexOf(')');
        if (endOfName < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(endOfName + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** The {@code VmRSS} of a {@code /proc/<pid>/status} file, in KiB; empty for a process without memory. */
    static OptionalLong residentKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return OptionalLong.of(Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()));
            }
        }
        return OptionalLong.empty();
    }

    /** CPU ticks of a process; empty when it has exited. */
    static OptionalLong cpuTicks(long pid) {
        return read(pid, "stat").map(s -> OptionalLong.of(cpuTicks(s))).orElse(OptionalLong.empty());
    }

    /** Resident memory of a process in KiB; empty when it has exited. */
    static OptionalLong residentKib(long pid) {
        return read(pid, "status").map(LinuxProc::residentKib).orElse(OptionalLong.empty());
    }

    /** A process's command line with its NUL separators as spaces; empty when it has exited. */
    static Optional<String> commandLine(long pid) {
        return read(pid, "cmdline").map(s -> s.replace('\0', ' ').trim());
    }

    static Optional<String> read(long pid, String file) {
        try {
            return Optional.of(Files.readString(PROC.resolve(Long.toString(pid)).resolve(file),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static double seconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }
}
