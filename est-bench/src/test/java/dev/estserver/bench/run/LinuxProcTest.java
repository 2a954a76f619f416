package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinuxProcTest {

    @Test
    void cpuTicksAreUserPlusSystemTimeCountedAfterTheCommandName() {
        // A command name may hold spaces and parentheses: only the last ')' ends it.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 90 0 0 0 1234 567 0 0 20 0 30 0 1000 "
                + "4000000 5000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(LinuxProc.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void residentMemoryIsVmRssInKib() {
        String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  262144 kB\nRssAnon:\t 1000 kB\n";

        assertThat(LinuxProc.residentKib(status)).hasValue(262144);
        assertThat(LinuxProc.residentKib("Name:\tkthreadd\n")).isEmpty();
    }

    @Test
    void readsALiveProcessAndNothingOfAnExitedOne() {
        long self = ProcessHandle.current().pid();

        assertThat(LinuxProc.cpuTicks(self)).isPresent();
        assertThat(LinuxProc.residentKib(self).orElseThrow()).isPositive();
        assertThat(LinuxProc.commandLine(self).orElseThrow()).contains("java");
        assertThat(LinuxProc.cpuTicks(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void ticksAreHundredthsOfASecond() {
        assertThat(LinuxProc.seconds(250)).isEqualTo(2.5);
    }
}
