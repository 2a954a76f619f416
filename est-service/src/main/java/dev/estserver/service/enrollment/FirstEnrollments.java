package dev.estserver.service.enrollment;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.cert.X509CertificateHolder;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.store.CertificateRecord;
import dev.estserver.service.store.EnrollmentEvent;
import dev.estserver.service.store.FirstEnrollmentStatement;

/**
 * The first enrollment of a device that does not exist yet, which is what almost every {@code /simpleenroll} is:
 * the device, its certificate and the audit row written by one SQL statement that commits on its own, where the
 * general path ({@link IssuanceRecorder}) locks the device and takes six round trips. The statement takes the rows
 * of every first enrollment that arrived while the previous one ran ({@link FirstEnrollmentStatement}), so under
 * load one statement and one commit serve several requests, each of which waits for that commit before it answers.
 * <p>
 * A device that exists after all (a concurrent first enrollment, an operator's registration, the same identity
 * twice in one statement) gets nothing written, and its request takes the general path, which decides under the
 * device lock exactly as before. So does every request of a statement that failed: the general path then fails or
 * succeeds for each on its own.
 * <p>
 * One statement runs at a time. With two, the second started as soon as one row was waiting, so statements
 * alternated between one row and fifty, and the fifty waited for a whole statement behind the small one, so one
 * writer is faster (README, Benchmark: measured design decisions).
 */
@ApplicationScoped
class FirstEnrollments {

    private static final Logger LOG = Logger.getLogger(FirstEnrollments.class);
    private static final int MAX_ROWS = 64;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final LinkedBlockingQueue<FirstEnrollmentStatement.Row> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;

    FirstEnrollments(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A platform thread: it blocks in the socket read itself, where a virtual thread's read goes through the JDK's
     * poller and back to a carrier, two more thread handoffs per statement. At 8 concurrent clients that was 9% more
     * enrollments per second (README, Benchmark: measured design decisions); there is one writer, so it costs one
     * thread.
     */
    @PostConstruct
    void startWriter() {
        writer = Thread.ofPlatform().daemon().name("first-enrollments").start(this::write);
    }

    @PreDestroy
    void stopWriter() {
        writer.interrupt();
    }

    /**
     * @return the issued certificate once committed, or empty when the device exists after all and nothing was
     *         written
     */
    Optional<IssuedCertificate> record(EnrollmentContext context, X509CertificateHolder certificate) {
        CertificateRecord record = IssuedRows.certificate(certificate, context.label(), null, clock.instant());
        EnrollmentEvent event = IssuedRows.event(context, record);
        var row = new FirstEnrollmentStatement.Row(context.label(), context.deviceIdentity(), record, event,
                new CompletableFuture<>());
        queue.add(row);
        return row.written().join() ? Optional.of(new IssuedCertificate(record.serial, record.der)) : Optional.empty();
    }

    /**
     * The one writer: whatever a statement throws, its requests take the general path and the writer goes on, since
     * without it every first enrollment would wait for ever. Rows still queued when it stops take the general path.
     */
    private void write() {
        List<FirstEnrollmentStatement.Row> rows = new ArrayList<>(MAX_ROWS);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                rows.add(queue.take());
                queue.drainTo(rows, MAX_ROWS - 1);
                try (Connection connection = dataSource.getConnection()) {
                    FirstEnrollmentStatement.insert(connection, rows);
                } catch (SQLException | RuntimeException | Error e) {
                    LOG.warnf("first enrollments of %d devices go the general path: %s", rows.size(), e.toString());
                    rows.forEach(row -> row.written().complete(false));
                }
                rows.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.drainTo(rows);
            rows.forEach(row -> row.written().complete(false));
        }
    }
}
