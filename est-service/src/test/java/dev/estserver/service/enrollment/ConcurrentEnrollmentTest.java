package dev.estserver.service.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Csrs;
import dev.estserver.service.support.Database;
import dev.estserver.service.support.EstClient;
import dev.estserver.service.support.TestKeys;

@QuarkusTest
class ConcurrentEnrollmentTest {

    @Inject
    Database db;

    @Test
    void fiftyDevicesAndTwentyRacesForOneDeviceLeaveExactlyOneWinnerAndFullAudit() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<PKCS10CertificationRequest> csrs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            csrs.add(Csrs.csr(TestKeys.ecP256(), "CN=fleet-" + run + "-" + i));
        }
        String contested = "contested-" + run;
        for (int i = 0; i < 20; i++) {
            csrs.add(Csrs.csr(TestKeys.ecP256(), "CN=" + contested));
        }

        List<Integer> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(csrs.size())) {
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (PKCS10CertificationRequest csr : csrs) {
                // One client per request: separate connections, as separate devices would use.
                EstClient client = EstClient.anonymous();
                futures.add(pool.submit(() -> {
                    start.await();
                    return client.enroll(null, csr);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<byte[]>> future : futures) {
                statuses.add(future.get().statusCode());
            }
        }

        assertThat(statuses.subList(0, 50)).containsOnly(200);
        assertThat(statuses.subList(50, 70)).containsOnly(200, 409);
        assertThat(statuses.subList(50, 70).stream().filter(s -> s == 200)).hasSize(1);

        String pattern = "CN=fleet-" + run + "-%";
        assertThat(db.count("select count(*) from certificate where subject like ?", pattern)).isEqualTo(50);
        assertThat(db.count("select count(*) from certificate where subject = ?", "CN=" + contested)).isEqualTo(1);
        assertThat(db.count("select count(distinct serial) from certificate where subject like ? or subject = ?",
                pattern, "CN=" + contested)).isEqualTo(51);
        assertThat(db.count("select count(*) from device where identity = ?", contested)).isEqualTo(1);
        assertThat(db.count("select count(*) from enrollment_event where device_identity like ? and outcome = 'ISSUED'",
                "fleet-" + run + "-%")).isEqualTo(50);
        assertThat(db.count("select count(*) from enrollment_event where device_identity = ? and outcome = 'ISSUED'",
                contested)).isEqualTo(1);
        assertThat(db.count("select count(*) from enrollment_event where device_identity = ? and status_code = 409",
                contested)).isEqualTo(19);
    }
}
