package dev.estserver.operator.kube;

import java.net.HttpURLConnection;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What an exception from a reconcile says about the API server's answer. */
public final class KubeErrors {

    private KubeErrors() {
    }

    /**
     * Whether the API server answered 409 Conflict somewhere in the cause chain: an update of a version that is no
     * longer current, or a create of an object that exists.
     */
    public static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException k && k.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return true;
            }
        }
        return false;
    }
}
