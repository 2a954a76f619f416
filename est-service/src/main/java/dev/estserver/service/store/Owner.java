package dev.estserver.service.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * Who a device registration or bootstrap credential was made for, such as the Kubernetes object that the operator
 * registers it on behalf of.
 *
 * @param name a stable, human-readable name, such as {@code DeviceEnrollment apps/a1}
 * @param uid  the unique id of this incarnation of the owner: an owner deleted and created again under the same name
 *             has a new one
 */
@Embeddable
public record Owner(@Column(name = "owner") String name, @Column(name = "owner_uid") String uid) {

    /**
     * This owner, as a request gave it in {@code field}.
     *
     * @throws RequestRejected 400 naming the member that is missing or blank
     */
    public Owner requireComplete(String field) {
        requireText(field + ".name", name);
        requireText(field + ".uid", uid);
        return this;
    }

    /** As messages name it: {@code DeviceEnrollment apps/a1 (uid 6f1c...)}. */
    public String describe() {
        return name + " (uid " + uid + ")";
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RequestRejected(Problem.MALFORMED, field + " is required and must not be blank when the owner "
                    + "is given, got " + (value == null ? "none" : "'" + value + "'")
                    + "; send {\"name\": \"DeviceEnrollment apps/a1\", \"uid\": \"<its unique id>\"}");
        }
    }
}
