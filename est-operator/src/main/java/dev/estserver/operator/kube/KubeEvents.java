package dev.estserver.operator.kube;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Kubernetes Events on the transitions a platform engineer looks for in {@code kubectl describe} and
 * {@code kubectl get events}. Recorded only when something changed, never on a resync; an Event that cannot be
 * written is not worth failing a reconcile for, so that is only logged.
 */
@ApplicationScoped
public class KubeEvents {

    /** Who reports, as kubectl shows it in the FROM column. */
    public static final String COMPONENT = "est-operator";
    private static final Logger LOG = Logger.getLogger(KubeEvents.class);
    /** The API server refuses longer messages. */
    private static final int MAX_MESSAGE = 1024;

    private final KubernetesClient client;

    KubeEvents(KubernetesClient client) {
        this.client = client;
    }

    public void normal(HasMetadata about, String reason, String message) {
        record(about, "Normal", reason, message);
    }

    public void warning(HasMetadata about, String reason, String message) {
        record(about, "Warning", reason, message);
    }

    private void record(HasMetadata about, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String text = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
        var event = new EventBuilder().withNewMetadata()
                .withName(about.getMetadata().getName() + "." + HexFormat.of().toHexDigits(
                        ThreadLocalRandom.current().nextLong()))
                .withNamespace(about.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject().withApiVersion(about.getApiVersion()).withKind(about.getKind())
                .withName(about.getMetadata().getName()).withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(text).withCount(1)
                .withFirstTimestamp(now).withLastTimestamp(now)
                .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(about.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot record Event %s on %s %s/%s: %s", reason, about.getKind(),
                    about.getMetadata().getNamespace(), about.getMetadata().getName(), e.getMessage());
        }
    }
}
