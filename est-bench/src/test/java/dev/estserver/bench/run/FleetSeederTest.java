package dev.estserver.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSeederTest {

    @Test
    void seededCertificatesAreSixHundredBytesOfWhichTheCaPartIsShared(@TempDir Path dir) {
        byte[] common = FleetSeeder.commonBytes(BenchPki.generate(dir, CaAlgorithm.EC_P256).issuingCa());

        // two SHA-256 digests per row complete it
        assertThat(common.length + 2 * 32).isEqualTo(FleetSeeder.DER_BYTES);
    }

    @Test
    void cyclesShortMaterialToLength() {
        assertThat(FleetSeeder.cycle(new byte[] { 1, 2, 3 }, 7)).containsExactly(1, 2, 3, 1, 2, 3, 1);
        assertThat(FleetSeeder.cycle(new byte[] { 1, 2, 3 }, 2)).containsExactly(1, 2);
    }
}
