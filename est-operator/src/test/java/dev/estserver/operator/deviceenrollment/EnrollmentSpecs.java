package dev.estserver.operator.deviceenrollment;

import java.util.List;

import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec.AuthenticationSpec;
import dev.estserver.operator.api.v1alpha1.DeviceEnrollmentSpec.ServerRef;

/** DeviceEnrollment specs for tests: a device and its server, then only what a test cares about. */
final class EnrollmentSpecs {

    private final String commonName;
    private final String server;
    private String serverNamespace;
    private String label;
    private List<String> dnsNames;
    private List<String> ipAddresses;
    private List<String> uris;
    private String duration;
    private String renewBefore;
    private AuthenticationSpec authentication;
    private Boolean suspended;

    private EnrollmentSpecs(String commonName, String server) {
        this.commonName = commonName;
        this.server = server;
    }

    static EnrollmentSpecs device(String commonName, String server) {
        return new EnrollmentSpecs(commonName, server);
    }

    EnrollmentSpecs serverNamespace(String namespace) {
        this.serverNamespace = namespace;
        return this;
    }

    EnrollmentSpecs label(String label) {
        this.label = label;
        return this;
    }

    EnrollmentSpecs sans(List<String> dnsNames, List<String> ipAddresses, List<String> uris) {
        this.dnsNames = dnsNames;
        this.ipAddresses = ipAddresses;
        this.uris = uris;
        return this;
    }

    EnrollmentSpecs duration(String duration) {
        this.duration = duration;
        return this;
    }

    EnrollmentSpecs renewBefore(String renewBefore) {
        this.renewBefore = renewBefore;
        return this;
    }

    EnrollmentSpecs authentication(AuthenticationSpec authentication) {
        this.authentication = authentication;
        return this;
    }

    EnrollmentSpecs suspended() {
        this.suspended = true;
        return this;
    }

    DeviceEnrollmentSpec build() {
        return new DeviceEnrollmentSpec(new ServerRef(server, serverNamespace), label, commonName, dnsNames,
                ipAddresses, uris, duration, renewBefore, authentication, suspended);
    }
}
