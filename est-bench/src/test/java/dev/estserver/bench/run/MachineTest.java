package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {

    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Processor
            flags\t\t: fpu vme

            processor\t: 1
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Processor
            """;

    @Test
    void describesTheCpusFromCpuinfo() {
        assertThat(Machine.cpuModel(CPUINFO)).isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(Machine.cpuCount(CPUINFO)).isEqualTo(2);
    }

    @Test
    void memoryIsMemTotalInMib() {
        assertThat(Machine.memoryMib("MemTotal:       24683520 kB\nMemFree:        23000000 kB\n")).isEqualTo(24105);
    }

    @Test
    void loadIsTheThreeAverages() {
        assertThat(Machine.loadAverage("2.03 1.71 2.39 3/113 16544\n")).isEqualTo("2.03 1.71 2.39");
    }

    @Test
    void describesThisMachine() {
        Machine machine = Machine.describe("15.14");

        assertThat(machine.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(machine.java()).contains(Runtime.version().toString());
        assertThat(machine.lines("0.10 0.20 0.30")).contains("postgresql=15.14", "load-at-start=0.10 0.20 0.30");
    }
}
