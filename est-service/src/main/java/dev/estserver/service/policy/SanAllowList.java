package dev.estserver.service.policy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import dev.estserver.service.ca.SubjectAltNames;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The exact subject alternative names one device may have, written as openssl prints them: {@code DNS:host},
 * {@code IP:10.0.0.7}, {@code URI:spiffe://x/y}, {@code email:a@b.c}. DNS names compare case-insensitively (RFC 4343),
 * IP addresses by address (so {@code ::1} matches {@code 0:0:0:0:0:0:0:1}), the others exactly.
 */
public record SanAllowList(List<String> entries) {

    private static final List<String> PREFIXES = List.of("DNS:", "IP:", "URI:", "email:");

    public SanAllowList {
        entries = List.copyOf(entries);
    }

    /**
     * @param field the name the request gave the list, for the message
     * @throws RequestRejected 400 naming the entry when one has another type prefix, no value, or a bad IP address
     */
    public static SanAllowList parse(String field, List<String> entries) {
        for (String entry : entries) {
            String prefix = entry == null ? null : PREFIXES.stream().filter(entry::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                throw new RequestRejected(Problem.MALFORMED, field + ": '" + entry + "' must start with one of "
                        + PREFIXES + " (as openssl prints subject alternative names)");
            }
            String value = entry.substring(prefix.length());
            if (value.isBlank()) {
                throw new RequestRejected(Problem.MALFORMED, field + ": '" + entry + "' has no value after "
                        + prefix);
            }
            if (prefix.equals("IP:") && address(value).isEmpty()) {
                throw new RequestRejected(Problem.MALFORMED, field + ": '" + entry + "' is not an IPv4 or IPv6 "
                        + "address literal");
            }
        }
        return new SanAllowList(entries);
    }

    /** The first of {@code names} that this list does not allow. */
    public Optional<GeneralName> firstOutside(Optional<GeneralNames> names) {
        return names.stream().flatMap(n -> Arrays.stream(n.getNames())).filter(name -> !allows(name)).findFirst();
    }

    private boolean allows(GeneralName name) {
        String described = SubjectAltNames.describe(name);
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> entries.stream().anyMatch(described::equalsIgnoreCase);
            case GeneralName.iPAddress -> {
                byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                yield entries.stream().filter(e -> e.startsWith("IP:")).flatMap(e -> address(e.substring(3)).stream())
                        .anyMatch(address -> Arrays.equals(address.getAddress(), octets));
            }
            default -> entries.contains(described);
        };
    }

    /** A literal address only: never a name lookup. */
    private static Optional<InetAddress> address(String literal) {
        try {
            return Optional.of(InetAddress.ofLiteral(literal.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
