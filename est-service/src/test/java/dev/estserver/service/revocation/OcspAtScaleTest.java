package dev.estserver.service.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.estserver.service.support.Database;
import dev.estserver.service.support.Ocsp;
import dev.estserver.service.support.TestTls;

/**
 * Issue 4, done when: with 100,000 certificates in the table, OCSP lookups stay fast and use indexes. The rows are
 * made in SQL (serials 0x1000000 + i, issued by the demo CA, one in a thousand revoked) and removed afterwards.
 */
@QuarkusTest
class OcspAtScaleTest {

    private static final Logger LOG = Logger.getLogger(OcspAtScaleTest.class);
    private static final int CERTIFICATES = 100_000;
    private static final long FIRST_SERIAL = 0x1000000L;

    @Inject
    Database database;

    @Inject
    CertificateStates states;

    @Test
    void ocspLookupsStayFastAmong100000CertificatesAndUseIndexes() throws Exception {
        X500Name issuer = X500Name.getInstance(TestTls.caCertificate().getSubjectX500Principal().getEncoded());
        database.update("insert into device (label, identity, status) values ('scale', 'scale-device', 'ACTIVE')");
        try {
            database.update("""
                    insert into certificate (serial, device_id, label, issuer, subject, not_before, not_after,
                        fingerprint_sha256, der, status, revoked_at, revocation_reason)
                    select upper(to_hex(? + i)), (select id from device where label = 'scale'), 'scale', ?,
                        'CN=scale-' || i, now(), now() + interval '30 days', 'scale-' || i, '\\x00'::bytea,
                        case when i % 1000 = 0 then 'REVOKED' else 'GOOD' end,
                        case when i % 1000 = 0 then now() end, case when i % 1000 = 0 then 1 end
                    from generate_series(1, ?) as i""", FIRST_SERIAL, issuer.toString(), CERTIFICATES);
            database.update("analyze certificate");

            List<Long> millis = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                long serial = FIRST_SERIAL + (i * 487L) % CERTIFICATES + 1;
                long start = System.nanoTime();
                BasicOCSPResp response = (BasicOCSPResp) Ocsp.ask(Ocsp.request(TestTls.caCertificate(),
                        BigInteger.valueOf(serial), null)).getResponseObject();
                millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                CertificateStatus status = response.getResponses()[0].getCertStatus();
                if ((serial - FIRST_SERIAL) % 1000 == 0) {
                    assertThat(status).isInstanceOf(RevokedStatus.class);
                } else {
                    assertThat(status).isEqualTo(CertificateStatus.GOOD);
                }
            }
            long lookups = 1000;
            long start = System.nanoTime();
            for (long i = 1; i <= lookups; i++) {
                states.find(issuer, BigInteger.valueOf(FIRST_SERIAL + (i * 7919L) % CERTIFICATES + 1));
            }
            long microsPerLookup = Duration.ofNanos(System.nanoTime() - start).toNanos() / 1000 / lookups;
            List<Long> sorted = millis.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            LOG.infof("among %d certificates: OCSP over HTTPS (new TLS connection each), 200 requests: median %d ms, "
                    + "p95 %d ms, max %d ms; status lookup alone: %d us on average over %d", CERTIFICATES, median,
                    sorted.get(sorted.size() * 95 / 100), sorted.getLast(), microsPerLookup, lookups);
            // Generous bounds for a shared machine; a sequential scan of 100,000 rows per lookup would exceed them.
            assertThat(median).isLessThan(100);
            assertThat(microsPerLookup).isLessThan(10_000);

            assertThat(plan("explain select * from certificate where serial = ?",
                    Long.toHexString(FIRST_SERIAL + 42).toUpperCase(Locale.ROOT)))
                    .contains("Index Scan using certificate_pkey");
            assertThat(plan("explain select count(*) from certificate where issuer = ? and status = 'REVOKED'",
                    issuer.toString())).contains("certificate_revoked_issuer_idx");
        } finally {
            database.update("delete from certificate where label = 'scale'");
            database.update("delete from device where label = 'scale'");
        }
    }

    private String plan(String explain, Object... args) {
        return database.column(explain, args).stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }
}
